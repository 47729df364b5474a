#!/usr/bin/python3
"""References for @tessera/augment's benchmarks, run beside them by `pnpm bench`: torchvision's
RandomResizedCrop(scale .2-1) + RandomHorizontalFlip + ColorJitter(b=.4, c=.4) on 256 images of 28x28x1 and
32x32x3, one image at a time (the usual Dataset.__getitem__ pipeline) and vectorised over the batch
(roi_align), from tests/fixtures/reference/bench_torch.py (2 threads)."""
import os
import sys

PACKAGE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, os.path.join(PACKAGE, "..", "..", "tests", "fixtures", "reference"))
import tessera_bench_ref  # noqa: E402

B, OUT = tessera_bench_ref.load(PACKAGE)
pairs = {}
for ch, hw in ((1, 28), (3, 32)):
    tag = f"256x{hw}x{hw}x{ch}"
    s, f = B.aug_per_image(256, ch, hw)
    B.bench(f"augment_per_image_torchvision_{tag}", f, s, warmup=2, max_reps=40, budget_s=5, dtype="float32")
    s, f = B.aug_batched(256, ch, hw)
    B.bench(f"augment_batched_roialign_{tag}", f, s, warmup=3, max_reps=200, budget_s=5, dtype="float32")
    for backend in ("wasm", "cpu"):
        pairs[f"crop+flip+jitter(b,c) 256 x {hw}x{hw}x{ch} [{backend}]"] = f"augment_per_image_torchvision_{tag}"
        pairs[f"simclrAugment 256 x {hw}x{hw}x{ch} [{backend}]"] = f"augment_per_image_torchvision_{tag}"
tessera_bench_ref.write(B, OUT, pairs)
