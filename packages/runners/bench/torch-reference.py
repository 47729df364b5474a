#!/usr/bin/python3
"""PyTorch reference for the runners benchmarks, run beside them by `pnpm bench`.

The step of bench/simclr-step.bench.ts in PyTorch: the reference run's network
(tests/fixtures/reference/mnist_ssl/mnist_simclr.py's SimCLRNet, imported: MNIST standardisation,
conv32-BN-conv64-BN-maxpool-conv128-BN-GAP, head Linear-BN1d-ReLU-Linear to 128), NT-Xent tau 0.5 on two 256-image
views, Adam 1e-3, timed as tests/fixtures/reference/bench_torch.py times its steps (median after
warm-up, 2 threads). Writes .bench/reference.json for scripts/bench-record.mjs; exits 0 with
{"unavailable": reason} when torch is not installed.
"""
import os
import sys

PACKAGE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, os.path.join(PACKAGE, "..", "..", "tests", "fixtures", "reference"))
import tessera_bench_ref  # noqa: E402

B, OUT = tessera_bench_ref.load(PACKAGE)
torch = B.torch
# the main job's reference network, imported from its script (it only defines things on import)
sys.path.insert(0, os.path.join(PACKAGE, "..", "..", "tests", "fixtures", "reference", "mnist_ssl"))
from mnist_simclr import SimCLRNet, normalize  # noqa: E402


def simclr_bn_step(batch):
    def setup():
        torch.manual_seed(0)
        m = SimCLRNet()
        opt = torch.optim.Adam(m.parameters(), lr=1e-3)
        g = torch.Generator().manual_seed(1)
        v1 = torch.rand(batch, 1, 28, 28, generator=g)
        v2 = torch.rand(batch, 1, 28, 28, generator=g)
        return m, opt, v1, v2

    def fn(s):
        m, opt, v1, v2 = s
        opt.zero_grad(set_to_none=True)
        _, z = m(normalize(torch.cat([v1, v2], 0)))
        loss, _ = B.L.nt_xent(z[:batch], z[batch:], 0.5)
        loss.backward()
        opt.step()
    return setup, fn


setup, fn = simclr_bn_step(256)
B.bench("simclr_bn_train_step_B256x2_28x28x1", fn, setup, warmup=1, min_reps=3, max_reps=5, budget_s=30,
        dtype="float32", definition="mnist_simclr.py's SimCLRNet (BN), NT-Xent tau 0.5, Adam 1e-3; 256 images (2 views, given) per step")

threads = min(len(os.sched_getaffinity(0)), 8)  # as the bench: Node's availableParallelism(), at most 8
tessera_bench_ref.write(B, OUT, {
    f"SimCLR step, 256 images, views given (as PyTorch's step) [wasm, {threads} threads]": "simclr_bn_train_step_B256x2_28x28x1",
    f"SimCLR step, 256 images, mnistAugment views included [wasm, {threads} threads]": "simclr_bn_train_step_B256x2_28x28x1",
})
