#!/usr/bin/env python3
"""Where the CPU time of `examples/discord_load.rs` goes, by phase.

    perf record --call-graph dwarf,16384 -F 4000 -o /tmp/load.perf \
        target/release/examples/discord_load
    perf script -i /tmp/load.perf | python3 benches/perf_phases.py

Each sample is put in the first phase (in the order below) that any frame of its stack
belongs to; the load generator and the fake Discord run in the same process and are
counted apart.
"""
import sys, re, collections
cats = [
 ("load generator and fake Discord", ["discord_load::support::", "discord_load::load::", "tokio_tungstenite::", "tungstenite::"]),
 ("matcher (incl. follow-up reading)", ["rescbot::matcher::", "rescbot::conversation::", "rescbot::analyze::", "rescbot::knowledge::", "rescbot::smalltalk"]),
 ("records", ["rescbot::records::"]),
 ("reply rendering", ["rescbot::discord::render::"]),
 ("cache update", ["serenity::cache::", "CacheUpdate"]),
 ("HTTP client (reply to Discord)", ["serenity::http::", "reqwest::", "hyper::", "hyper_util::"]),
 ("gateway receive and parse", ["serenity::gateway::", "serenity::model::event", "simd_json", "serde_json::"]),
 ("poise dispatch", ["poise::"]),
 ("rescbot other", ["rescbot::"]),
]
counts = collections.Counter()
total = 0
stack = []
def flush():
    global total
    if not stack: return
    total += 1
    joined = "\n".join(stack)
    for name, keys in cats:
        if any(k in joined for k in keys):
            counts[name] += 1
            return
    if "[k]" in joined or "kernel" in joined:
        counts["kernel / runtime / allocator (unattributed)"] += 1
    else:
        counts["tokio runtime / allocator (unattributed)"] += 1
for line in sys.stdin:
    if not line.strip():
        flush(); stack = []; continue
    if line.startswith((" ", "\t")):
        stack.append(line.strip())
    else:
        stack = []
flush()
for name, n in counts.most_common():
    print(f"{100*n/total:5.1f}%  {name}")
print("samples", total)
