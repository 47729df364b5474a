import { InvalidArgumentError } from '@tessera/core';
import { expectTensorClose, loadGolden } from '@tessera/test-utils';
import { describe, expect, it } from 'vitest';
import { boxIouMatrix } from './box-iou-matrix';

describe('boxIouMatrix', () => {
  const torchvision = loadGolden('boxes').cases.filter((c) => 'boxes1' in c.inputs);
  it.each(torchvision)('equals torchvision box_iou in float64 (xyxy): $name', (c) => {
    const [b1, b2] = [c.inputs.boxes1 as number[][], c.inputs.boxes2 as number[][]];
    const expected = (c.expected as { iou: number[][] }).iou
      .flat()
      .map((v) => (Number.isNaN(v) ? 0 : v));
    // torchvision's 0/0 = NaN for two zero-area boxes is 0 here (disjoint/touching pairs are exactly 0)
    expectTensorClose(boxIouMatrix(b1, b2), expected, { rtol: 1e-12, atol: 1e-15 });
  });

  it.each(loadGolden('coco_bbox_iou').cases)(
    'equals pycocotools bbIou on xywh boxes with crowd regions: $name',
    (c) => {
      const { boxes1, boxes2, crowd } = c.inputs as {
        boxes1: number[][];
        boxes2: number[][];
        crowd: number[];
      };
      const iou = boxIouMatrix(boxes1, boxes2, { format: 'xywh', crowd });
      expectTensorClose(iou, c.expected as number[][], { rtol: 1e-12, atol: 1e-15 });
    },
  );

  it('is the same for every layout of the same boxes, and bit-exact at IoU 0.5', () => {
    const xyxy = [[0, 0, 10, 10]];
    const other = [[0, 0, 10, 5]];
    expect(boxIouMatrix(xyxy, other)[0]).toBe(0.5);
    expect(boxIouMatrix([[5, 5, 10, 10]], [[5, 2.5, 10, 5]], { format: 'cxcywh' })[0]).toBe(0.5);
    expect(boxIouMatrix([[0, 0, 10, 10]], [[0, 0, 5, 10]], { format: 'yxyx' })[0]).toBe(0.5);
    expect(
      boxIouMatrix(new Float64Array([0, 0, 10, 10]), new Float64Array([0, 0, 10, 5]), {
        format: 'xywh',
      })[0],
    ).toBe(0.5);
  });

  it('crowd columns divide by the first box’s area; empty sets give an empty matrix', () => {
    expect(boxIouMatrix([[0, 0, 10, 10]], [[0, 0, 100, 100]], { crowd: [1] })[0]).toBe(1);
    expect(boxIouMatrix([], [[0, 0, 1, 1]])).toHaveLength(0);
  });

  it('rejects wrong widths, unknown formats and a crowd list of the wrong length', () => {
    expect(() => boxIouMatrix([[0, 0, 1]], [[0, 0, 1, 1]])).toThrow(InvalidArgumentError);
    expect(() => boxIouMatrix([[0, 0, 1, 1]], [[0, 0, 1, 1]], { format: 'xyz' as never })).toThrow(
      /format/,
    );
    expect(() => boxIouMatrix([[0, 0, 1, 1]], [[0, 0, 1, 1]], { crowd: [1, 0] })).toThrow(/crowd/);
  });
});
