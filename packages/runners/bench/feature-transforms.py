#!/usr/bin/env python3
"""How the main job's representation (the encoder's first 512 features: its grid cells read by max)
is best read by kNN and few-shot, on a validation split of the training images, from features that
bench/feature-dump.mjs wrote: as saved (standardised with the mean and variance over the
pretraining images), raw, square-rooted (a power transform), or scaled without centring. Few-shot:
5-way prototype episodes on the L2-normalised features of the training images of classes 5-9 (600
episodes, 15 queries; with an encoder pretrained on classes 0-4 they are classes it never saw);
kNN (k = 20, InstDisc's weights): memory on training images 0-49 999, scored on 50 000-59 999. The
test images are never read. One JSON line per dump and transform to
bench-results/feature-transforms.jsonl.
Usage: python3 bench/feature-transforms.py PREFIX[:knn] ... [--label NAME]"""
import json
import os
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "..", "bench-results", "feature-transforms.jsonl")


def load(prefix):
    with open(prefix + ".json") as f:
        meta = json.load(f)
    x = np.fromfile(prefix + ".f32", np.float32).reshape(meta["n"], meta["dim"])
    return meta, x, np.fromfile(prefix + ".labels", np.int32)


def unit(a):
    return a / np.maximum(np.linalg.norm(a, axis=1, keepdims=True), 1e-12)


def few_shot(f, y, classes=(5, 6, 7, 8, 9), shots=(1, 5), queries=15, episodes=600, seed=12345):
    keep = np.isin(y, classes)
    f, y = unit(f[keep].astype(np.float64)), y[keep]
    rng = np.random.default_rng(seed)
    index = {c: np.where(y == c)[0] for c in classes}
    out = []
    for k in shots:
        acc = []
        for _ in range(episodes):
            ways = rng.choice(classes, 5, replace=False)
            protos, query, truth = [], [], []
            for j, c in enumerate(ways):
                pick = rng.choice(index[c], k + queries, replace=False)
                protos.append(f[pick[:k]].mean(0))
                query.append(f[pick[k:]])
                truth += [j] * queries
            d = ((np.concatenate(query)[:, None, :] - np.stack(protos)[None]) ** 2).sum(-1)
            acc.append((d.argmin(1) == np.array(truth)).mean())
        out.append(float(np.mean(acc)))
    return out


def knn(f, y, memory=50000, k=20, t=0.07):
    f = unit(f.astype(np.float32))
    train, test, ytr, yte = f[:memory], f[memory:], y[:memory], y[memory:]
    correct = 0
    for s in range(0, len(test), 1000):
        sims = test[s:s + 1000] @ train.T
        top = np.argpartition(-sims, k, axis=1)[:, :k]
        w = np.exp(np.take_along_axis(sims, top, 1) / t)
        scores = np.zeros((len(sims), int(y.max()) + 1))
        np.add.at(scores, (np.repeat(np.arange(len(sims)), k), ytr[top].ravel()), w.ravel())
        correct += int((scores.argmax(1) == yte[s:s + 1000]).sum())
    return correct / len(test)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--label")]
    label = next((a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--label=")), "")
    for arg in args:
        prefix, _, what = arg.partition(":")
        meta, x, y = load(prefix)
        x = x[:, :512].astype(np.float64)
        mean, var = np.array(meta["mean"][:512]), np.array(meta["variance"][:512])
        transforms = {
            "standardised (as saved)": (x - mean) / np.sqrt(var + 1e-5),
            "raw": x,
            "square root": np.sqrt(np.maximum(x, 0)),
            "scaled, not centred": x / np.sqrt(var + 1e-5),
        }
        for name, f in transforms.items():
            t0 = time.time()
            one, five = few_shot(f, y)
            line = dict(label=label, dump=prefix, encoder=meta["encoder"], data=meta["data"],
                        transform=name, oneShot=one, fiveShot=five)
            if what == "knn":
                line["knn"] = knn(f, y)
            line["seconds"] = time.time() - t0
            line["date"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
            print(json.dumps(line), flush=True)
            with open(OUT, "a") as out:
                out.write(json.dumps(line) + "\n")


if __name__ == "__main__":
    main()
