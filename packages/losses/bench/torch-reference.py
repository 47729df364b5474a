#!/usr/bin/python3
"""PyTorch reference for @tessera/losses' benchmarks, run beside them by `pnpm bench`.

Reuses tests/fixtures/reference/bench_torch.py and oracle_lib.py (the project's copies): the same
inputs, timing method (median after warm-up) and 2 threads. Writes .bench/reference.json with the
pairs vitest bench name → reference key; exits 0 with {"unavailable": …} without torch.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", ".bench", "reference.json")
os.makedirs(os.path.dirname(OUT), exist_ok=True)
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "tests", "fixtures", "reference"))
try:
    import bench_torch as B  # noqa: E402
    import torch  # noqa: E402
except Exception as e:
    json.dump({"unavailable": f"PyTorch reference not run: {e}"}, open(OUT, "w"))
    print(f"torch-reference: skipped ({e})")
    sys.exit(0)

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
json.dump({"results": B.RESULTS, "pairs": pairs, "torch": torch.__version__, "threads": B.THREADS}, open(OUT, "w"), indent=1)
for k, v in B.RESULTS.items():
    print(f"torch-reference: {k} median {v['median_ms']:.2f} ms")
