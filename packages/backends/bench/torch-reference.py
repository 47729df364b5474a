#!/usr/bin/python3
"""PyTorch reference for this package's benchmarks, run beside them by `pnpm bench`.

Reuses tests/fixtures/reference/bench_torch.py (the project's copy of the reference benchmark
script): the same SmallCNN, NT-Xent and Adam step, the same timing method (median of wall times
after warm-up, 2 threads). Writes .bench/reference.json:
  {"results": {key: {median_ms, min_ms, max_ms, reps, ...}}, "pairs": {"<vitest bench name>": key}}
Exits 0 with {"unavailable": reason} when torch is not installed
(`apt-get install -y python3-torch python3-torchvision python3-sklearn`).
"""
import json
import os
import sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".bench", "reference.json")
os.makedirs(os.path.dirname(OUT), exist_ok=True)
REF = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "tests", "fixtures", "reference")
sys.path.insert(0, REF)
try:
    import bench_torch as B  # noqa: E402
except Exception as e:  # torch, torchvision or sklearn missing
    json.dump({"unavailable": f"PyTorch reference not run: {e}"}, open(OUT, "w"))
    print(f"torch-reference: skipped ({e})")
    sys.exit(0)

setup, fn = B.simclr_step(256, 1, 28)
B.bench("simclr_train_step_B256x2_28x28x1", fn, setup, warmup=1, min_reps=3, max_reps=5, budget_s=30,
        dtype="float32", definition="conv32-conv64-maxpool-conv128-GAP + MLP(128-128-128), NT-Xent tau 0.5, Adam; 512 images/step")
doc = {
    "results": B.RESULTS,
    "pairs": {"Adam step (2×256) [wasm]": "simclr_train_step_B256x2_28x28x1"},
    "torch": B.torch.__version__,
    "threads": B.THREADS,
}
json.dump(doc, open(OUT, "w"), indent=1)
print(f"torch-reference: simclr_train_step_B256x2_28x28x1 median {B.RESULTS['simclr_train_step_B256x2_28x28x1']['median_ms']:.0f} ms")
