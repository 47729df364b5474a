#!/usr/bin/python3
"""References for @tessera/metrics' benchmarks, run beside them by `pnpm bench`: scikit-learn's
average_precision_score on 1e6 scores, the pycocotools port (oracle_lib.CocoEvalNP: pycocotools itself
is not installable here; on the 2-core baseline machine the port took 3.0 s where pycocotools took 3.7 s,
tests/fixtures/reference/torch_cpu_baseline.json) on make_synthetic_coco(500, 100, 10), and InstDisc's kNN in
PyTorch (2 threads) on 60000 x 10000 x 128. Writes the COCO dataset to .bench/coco-synthetic.json so the
JavaScript benchmark evaluates the very same detections."""
import json
import os
import sys

PACKAGE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, os.path.join(PACKAGE, "..", "..", "tests", "fixtures", "reference"))
import tessera_bench_ref  # noqa: E402

B, OUT = tessera_bench_ref.load(PACKAGE)
import numpy as np  # noqa: E402
import sklearn.metrics as skm  # noqa: E402
import oracle_lib as L  # noqa: E402

torch = B.torch


def ap_setup():
    rng = np.random.default_rng(0)
    y = (rng.uniform(size=1_000_000) < 0.3).astype(np.int64)
    s = np.round(np.clip(0.2 * y + rng.uniform(size=1_000_000), 0, 1), 4)
    return y, s


B.bench("sklearn_average_precision_1e6", lambda st: skm.average_precision_score(st[0], st[1]), ap_setup, warmup=1,
        max_reps=7, budget_s=10, dtype="float64")

gt, dt = L.make_synthetic_coco(500, 100, 10, seed=0)
json.dump({"gt": gt, "detections": dt}, open(os.path.join(PACKAGE, ".bench", "coco-synthetic.json"), "w"))
B.bench("coco_map_numpy_port_500img_100det_10cls", lambda st: L.coco_eval_np(*st).summarize(), lambda: (gt, dt),
        warmup=0, min_reps=2, max_reps=3, budget_s=20, dtype="float64")


def knn_setup():
    g = torch.Generator().manual_seed(0)
    train = torch.nn.functional.normalize(torch.randn(60000, 128, generator=g), dim=1)
    test = torch.nn.functional.normalize(torch.randn(10000, 128, generator=g), dim=1)
    return train, torch.randint(0, 10, (60000,), generator=g), test


def knn(st, k=20, sigma=0.07, bs=256):
    train, labels, test = st
    preds = []
    with torch.no_grad():
        for i in range(0, test.shape[0], bs):
            sim = test[i:i + bs] @ train.t()
            v, idx = sim.topk(k, dim=1)
            onehot = torch.zeros(v.shape[0] * k, 10).scatter_(1, labels[idx].view(-1, 1), 1)
            probs = (onehot.view(v.shape[0], k, 10) * (v / sigma).exp().unsqueeze(-1)).sum(1)
            preds.append(probs.argmax(1))
    return torch.cat(preds)


B.bench("knn_instdisc_60000x10000x128_k20", knn, knn_setup, warmup=0, min_reps=1, max_reps=2, budget_s=20, dtype="float32")

tessera_bench_ref.write(B, OUT, {
    "averagePrecision 1e6 scores (4 dp, ties)": "sklearn_average_precision_1e6",
    "evaluateCoco 500 images x 100 detections x 10 classes": "coco_map_numpy_port_500img_100det_10cls",
    "knnAccuracy 60000 x 10000 x 128, k = 20 [wasm]": "knn_instdisc_60000x10000x128_k20",
})
