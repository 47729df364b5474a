#!/usr/bin/python3
"""torchvision reference for @tessera/detection's benchmarks (box_iou, nms), run beside them by
`pnpm bench`, with tests/fixtures/reference/bench_torch.py's boxes, timing method and 2 threads."""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", ".bench", "reference.json")
os.makedirs(os.path.dirname(OUT), exist_ok=True)
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "tests", "fixtures", "reference"))
try:
    import bench_torch as B  # noqa: E402
except Exception as e:
    json.dump({"unavailable": f"PyTorch reference not run: {e}"}, open(OUT, "w"))
    print(f"torch-reference: skipped ({e})")
    sys.exit(0)

for n in (1000, 5000):
    B.bench(f"box_iou_{n}x{n}", lambda st: B.tvops.box_iou(st[0], st[1]), lambda n=n: (B.rand_boxes(n, 1)[0], B.rand_boxes(n, 2)[0]),
            warmup=3, max_reps=200 if n == 1000 else 7, budget_s=10, dtype="float32")
for n in (2000, 10000, 50000):
    B.bench(f"nms_torchvision_{n}_boxes_iou0.5", lambda st: B.tvops.nms(st[0], st[1], 0.5), lambda n=n: B.rand_boxes(n, 3),
            warmup=1, max_reps={2000: 200, 10000: 10, 50000: 3}[n], budget_s={2000: 5, 10000: 10, 50000: 20}[n], dtype="float32")

pairs = {f"nms {n} boxes": f"nms_torchvision_{n}_boxes_iou0.5" for n in (2000, 10000, 50000)}
pairs.update({f"tf.image.nonMaxSuppression {n} boxes [{b}]": f"nms_torchvision_{n}_boxes_iou0.5" for n in (2000, 10000, 50000) for b in ("cpu", "wasm")})
pairs.update({f"boxIou {n}x{n} [{b}]": f"box_iou_{n}x{n}" for n in (1000, 5000) for b in ("cpu", "wasm")})
json.dump({"results": B.RESULTS, "pairs": pairs, "torch": B.torch.__version__, "threads": B.THREADS}, open(OUT, "w"), indent=1)
for k, v in B.RESULTS.items():
    print(f"torch-reference: {k} median {v['median_ms']:.2f} ms")
