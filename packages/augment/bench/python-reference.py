#!/usr/bin/python3
"""References for @tessera/augment's benchmarks, run beside them by `pnpm bench`: torchvision's
RandomResizedCrop(scale .2-1) + RandomHorizontalFlip + ColorJitter(b=.4, c=.4) on 256 images of 28x28x1 and
32x32x3, one image at a time (the usual Dataset.__getitem__ pipeline) and vectorised over the batch
(roi_align), from tests/fixtures/reference/bench_torch.py (2 threads); and lightly's whole SimCLRTransform per image,
beside simclrAugment."""
import os
import sys

PACKAGE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, os.path.join(PACKAGE, "..", "..", "tests", "fixtures", "reference"))
import tessera_bench_ref  # noqa: E402

B, OUT = tessera_bench_ref.load(PACKAGE)
torch, TT = B.torch, B.TT


def simclr_per_image(n, ch, hw):
    """lightly's SimCLRTransform on tensors, one image at a time: crop (0.08-1), flip, jitter (0.8, 0.8, 0.8, 0.2)
    with p 0.8, grayscale 0.2, blur (kernel 3, sigma 0.1-2) with p 0.5 -- what simclrAugment({size}) does."""
    tf = TT.Compose([TT.RandomResizedCrop(hw, scale=(0.08, 1.0), antialias=False), TT.RandomHorizontalFlip(),
                     TT.RandomApply([TT.ColorJitter(0.8, 0.8, 0.8, 0.2)], p=0.8), TT.RandomGrayscale(0.2),
                     TT.RandomApply([TT.GaussianBlur(3, sigma=(0.1, 2.0))], p=0.5)])

    def setup():
        torch.manual_seed(0)
        return torch.rand(n, ch, hw, hw)

    def fn(x):
        return torch.stack([tf(x[i]) for i in range(n)])
    return setup, fn


pairs = {}
for ch, hw in ((1, 28), (3, 32)):
    tag = f"256x{hw}x{hw}x{ch}"
    s, f = B.aug_per_image(256, ch, hw)
    B.bench(f"augment_per_image_torchvision_{tag}", f, s, warmup=2, max_reps=40, budget_s=5, dtype="float32")
    s, f = B.aug_batched(256, ch, hw)
    B.bench(f"augment_batched_roialign_{tag}", f, s, warmup=3, max_reps=200, budget_s=5, dtype="float32")
    s, f = simclr_per_image(256, ch, hw)
    B.bench(f"simclr_transform_per_image_torchvision_{tag}", f, s, warmup=1, max_reps=20, budget_s=8, dtype="float32")
    for backend in ("wasm", "cpu"):
        pairs[f"crop+flip+jitter(b,c) 256 x {hw}x{hw}x{ch} [{backend}]"] = f"augment_per_image_torchvision_{tag}"
        pairs[f"simclrAugment 256 x {hw}x{hw}x{ch} [{backend}]"] = f"simclr_transform_per_image_torchvision_{tag}"
tessera_bench_ref.write(B, OUT, pairs)
