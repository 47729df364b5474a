#!/usr/bin/python3
"""PyTorch reference for @tessera/losses' benchmarks, run beside them by `pnpm bench`.

Reuses tests/fixtures/reference/bench_torch.py and oracle_lib.py (the project's copies): the same
inputs, timing method (median after warm-up) and 2 threads. Writes .bench/reference.json with the
pairs vitest bench name → reference key; exits 0 with {"unavailable": …} without torch.
"""
import os
import sys

PACKAGE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, os.path.join(PACKAGE, "..", "..", "tests", "fixtures", "reference"))
import tessera_bench_ref  # noqa: E402

B, OUT = tessera_bench_ref.load(PACKAGE)
torch = B.torch

for n in (256, 1024):
    s, f = B.nt_xent_fb(n, 128)
    B.bench(f"nt_xent_fwd_bwd_N{n}_D128", f, s, warmup=5, max_reps=200 if n == 256 else 40, budget_s=5, dtype="float32")
s, f = B.batch_hard_fb(512, 128, 64)
B.bench("triplet_batch_hard_fwd_bwd_N512_D128", f, s, warmup=5, max_reps=200, budget_s=5, dtype="float32")


def supcon_setup():
    g = torch.Generator().manual_seed(0)
    return torch.randn(512, 2, 128, generator=g).requires_grad_(), torch.arange(64).repeat_interleave(8)


def supcon_fn(s):
    x, lab = s
    x.grad = None
    loss = B.L.supcon(x, lab, 0.07, 0.07)
    (loss[0] if isinstance(loss, tuple) else loss).backward()


B.bench("supcon_fwd_bwd_N512_V2_D128", supcon_fn, supcon_setup, warmup=3, max_reps=40, budget_s=5, dtype="float32")

pairs = {
    "ntXentLoss fwd+bwd N=256 D=128 [wasm]": "nt_xent_fwd_bwd_N256_D128",
    "ntXentLoss fwd+bwd N=1024 D=128 [wasm]": "nt_xent_fwd_bwd_N1024_D128",
    "batchHardTripletLoss fwd+bwd N=512 D=128 [wasm]": "triplet_batch_hard_fwd_bwd_N512_D128",
    "supConLoss fwd+bwd N=512 V=2 D=128 [wasm]": "supcon_fwd_bwd_N512_V2_D128",
    "ntXentLoss fwd+bwd N=256 D=128 [cpu]": "nt_xent_fwd_bwd_N256_D128",
    "ntXentLoss fwd+bwd N=1024 D=128 [cpu]": "nt_xent_fwd_bwd_N1024_D128",
    "batchHardTripletLoss fwd+bwd N=512 D=128 [cpu]": "triplet_batch_hard_fwd_bwd_N512_D128",
    "supConLoss fwd+bwd N=512 V=2 D=128 [cpu]": "supcon_fwd_bwd_N512_V2_D128",
}

tessera_bench_ref.write(B, OUT, pairs)
