#!/usr/bin/python3
"""torchvision reference for @tessera/detection's benchmarks (box_iou, nms), run beside them by
`pnpm bench`, with tests/fixtures/reference/bench_torch.py's boxes, timing method and 2 threads."""
import os
import sys

PACKAGE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, os.path.join(PACKAGE, "..", "..", "tests", "fixtures", "reference"))
import tessera_bench_ref  # noqa: E402

B, OUT = tessera_bench_ref.load(PACKAGE)

for n in (1000, 5000):
    B.bench(f"box_iou_{n}x{n}", lambda st: B.tvops.box_iou(st[0], st[1]), lambda n=n: (B.rand_boxes(n, 1)[0], B.rand_boxes(n, 2)[0]),
            warmup=3, max_reps=200 if n == 1000 else 7, budget_s=10, dtype="float32")
for n in (2000, 10000, 50000):
    B.bench(f"nms_torchvision_{n}_boxes_iou0.5", lambda st: B.tvops.nms(st[0], st[1], 0.5), lambda n=n: B.rand_boxes(n, 3),
            warmup=1, max_reps={2000: 200, 10000: 10, 50000: 3}[n], budget_s={2000: 5, 10000: 10, 50000: 20}[n], dtype="float32")

def batched_setup(n=10000, classes=80):
    boxes, scores = B.rand_boxes(n, 4)
    g = B.torch.Generator().manual_seed(5)
    return boxes, scores, B.torch.randint(0, classes, (n,), generator=g)


B.bench("batched_nms_torchvision_10000_boxes_80_classes_iou0.5", lambda st: B.tvops.batched_nms(st[0], st[1], st[2], 0.5),
        batched_setup, warmup=1, max_reps=20, budget_s=10, dtype="float32")

pairs = {f"nms {n} boxes": f"nms_torchvision_{n}_boxes_iou0.5" for n in (2000, 10000, 50000)}
pairs.update({f"tf.image.nonMaxSuppression {n} boxes [{b}]": f"nms_torchvision_{n}_boxes_iou0.5" for n in (2000, 10000, 50000) for b in ("cpu", "wasm")})
pairs.update({f"boxIou {n}x{n} [{b}]": f"box_iou_{n}x{n}" for n in (1000, 5000) for b in ("cpu", "wasm")})

pairs["batchedNms 10000 boxes, 80 classes"] = "batched_nms_torchvision_10000_boxes_80_classes_iou0.5"

tessera_bench_ref.write(B, OUT, pairs)
