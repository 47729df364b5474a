import type { CocoEvaluation } from './evaluate-coco';

/**
 * The twelve summary lines pycocotools' `summarize()` prints, e.g.
 * ` Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.508`.
 * @example
 * ```ts
 * console.log(formatCocoStats(evaluateCoco(gt, detections)));
 * ```
 * @category Detection
 */
export function formatCocoStats(result: CocoEvaluation): string {
  const { iouThresholds, maxDets } = result.params;
  const iouRange = `${iouThresholds[0]!.toFixed(2)}:${iouThresholds[iouThresholds.length - 1]!.toFixed(2)}`;
  const rows: [string, string, string, number][] = [
    ['AP', iouRange, 'all', 100],
    ['AP', '0.50', 'all', maxDets[2]!],
    ['AP', '0.75', 'all', maxDets[2]!],
    ['AP', iouRange, 'small', maxDets[2]!],
    ['AP', iouRange, 'medium', maxDets[2]!],
    ['AP', iouRange, 'large', maxDets[2]!],
    ['AR', iouRange, 'all', maxDets[0]!],
    ['AR', iouRange, 'all', maxDets[1]!],
    ['AR', iouRange, 'all', maxDets[2]!],
    ['AR', iouRange, 'small', maxDets[2]!],
    ['AR', iouRange, 'medium', maxDets[2]!],
    ['AR', iouRange, 'large', maxDets[2]!],
  ];
  return rows
    .map(([kind, iou, area, m], j) => {
      const title = kind === 'AP' ? 'Average Precision' : 'Average Recall';
      const value = result.stats[j]!;
      return ` ${title.padEnd(18)} (${kind}) @[ IoU=${iou.padEnd(9)} | area=${area.padStart(6)} | maxDets=${String(m).padStart(3)} ] = ${value.toFixed(3)}`;
    })
    .join('\n');
}
