#!/usr/bin/env python3
"""The baseline rescbot is compared with: a linear scan with rapidfuzz.

For each query, process.extractOne over every question and alternate of a synthetic FAQ
(written by `rescbot faq synth`), with the given scorer. Prints per-query latency p50/p99 and
top-1 accuracy, the same measures as `cargo bench --bench answer`.

    pip install rapidfuzz pyyaml
    python3 benches/baseline_rapidfuzz.py DIR [--scorer WRatio|token_set_ratio] [--queries N]
"""
import argparse
import glob
import os
import time

import yaml
from rapidfuzz import fuzz, process, utils


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir", help="a folder written by `rescbot faq synth --out DIR`")
    parser.add_argument("--scorer", default="token_set_ratio")
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()

    choices, ids = [], []
    for path in sorted(glob.glob(os.path.join(args.dir, "faq", "synth-*.yaml"))):
        with open(path) as f:
            for entry in yaml.safe_load(f)["entries"]:
                for text in [entry["question"], *entry.get("alternates", [])]:
                    choices.append(text)
                    ids.append(entry["id"])
    with open(os.path.join(args.dir, "queries.yaml")) as f:
        queries = yaml.safe_load(f)[: args.queries]

    scorer = getattr(fuzz, args.scorer)
    times, hits = [], 0
    for q in queries:
        start = time.perf_counter()
        _, _, index = process.extractOne(q["q"], choices, scorer=scorer, processor=utils.default_process)
        times.append(time.perf_counter() - start)
        hits += ids[index] == q["id"]
    times.sort()
    p = lambda x: times[min(len(times) - 1, round((len(times) - 1) * x))] * 1000
    print(f"{len(ids)} phrasings, {len(queries)} queries, scorer {args.scorer}: "
          f"p50 {p(0.5):.1f} ms, p99 {p(0.99):.1f} ms, top-1 accuracy {hits / len(queries):.3f}")


if __name__ == "__main__":
    main()
