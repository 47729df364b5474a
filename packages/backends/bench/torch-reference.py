#!/usr/bin/python3
"""PyTorch reference for this package's benchmarks, run beside them by `pnpm bench`.

Reuses tests/fixtures/reference/bench_torch.py (the project's copy of the reference benchmark
script): the same SmallCNN, NT-Xent and Adam step, the same timing method (median of wall times
after warm-up, 2 threads). Writes .bench/reference.json:
  {"results": {key: {median_ms, min_ms, max_ms, reps, ...}}, "pairs": {"<vitest bench name>": key}}
Exits 0 with {"unavailable": reason} when torch is not installed
(`apt-get install -y python3-torch python3-torchvision python3-sklearn`).
"""
import os
import sys

PACKAGE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, os.path.join(PACKAGE, "..", "..", "tests", "fixtures", "reference"))
import tessera_bench_ref  # noqa: E402

B, OUT = tessera_bench_ref.load(PACKAGE)

setup, fn = B.simclr_step(256, 1, 28)
B.bench("simclr_train_step_B256x2_28x28x1", fn, setup, warmup=1, min_reps=3, max_reps=5, budget_s=30,
        dtype="float32", definition="conv32-conv64-maxpool-conv128-GAP + MLP(128-128-128), NT-Xent tau 0.5, Adam; 512 images/step")

threads = min(len(os.sched_getaffinity(0)), 8)  # as the threaded bench: Node's availableParallelism()
tessera_bench_ref.write(B, OUT, {
    "Adam step (2×256) [wasm, 1 thread]": "simclr_train_step_B256x2_28x28x1",
    f"Adam step (2×256) [wasm, {threads} threads]": "simclr_train_step_B256x2_28x28x1",
})
