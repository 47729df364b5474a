import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  evaluateCoco,
  formatCocoStats,
  type CocoDetection,
  type CocoGroundTruth,
} from '@tessera/metrics';
import { cocoPrCurves } from '../../report/coco-curves';
import { svgDocument } from '../../report/svg-document';
import { renderReport } from '../../report/render-report';

import { intList, parseCommand, UsageError } from '../args';
import { writeJson } from '../run-folder';

export const cocoEvalHelp = `tessera coco-eval — COCO bounding-box evaluation (pycocotools' numbers)

Usage: tessera coco-eval --gt instances.json --dt detections.json [--max-dets 1,10,100] [--out result.json] [--report report.html]

  --gt FILE         COCO ground truth (images, annotations, categories)
  --dt FILE         detections: [{image_id, category_id, bbox: [x, y, w, h], score}]
  --max-dets LIST   three increasing detection limits (default 1,10,100)
  --out FILE        also write the twelve numbers, per-category AP and the PR arrays as JSON
  --report FILE     also write a self-contained HTML report: the twelve numbers and the
                    precision-recall curve of every IoU threshold`;

export async function cocoEvalCommand(argv: string[]): Promise<void> {
  const c = 'coco-eval';
  const { values: v } = parseCommand(c, argv, {
    gt: { type: 'string' },
    dt: { type: 'string' },
    'max-dets': { type: 'string' },
    out: { type: 'string' },
    report: { type: 'string' },
  });
  if (v.help) return void console.log(cocoEvalHelp);
  if (!v.gt || !v.dt)
    throw new UsageError('tessera coco-eval: --gt FILE and --dt FILE are required.');
  const maxDets = intList(c, 'max-dets', v['max-dets']) ?? [1, 10, 100];
  if (maxDets.length !== 3 || !(maxDets[0]! < maxDets[1]! && maxDets[1]! < maxDets[2]!))
    throw new UsageError(
      `tessera coco-eval: --max-dets must be three increasing integers such as 1,10,100, got ${JSON.stringify(v['max-dets'])}.`,
    );
  const read = async (flag: string, path: string) => {
    try {
      return JSON.parse(await readFile(path, 'utf8')) as unknown;
    } catch (error) {
      throw new UsageError(
        `tessera coco-eval: --${flag} ${path} could not be read as JSON: ${(error as Error).message}`,
      );
    }
  };
  const gt = (await read('gt', v.gt)) as CocoGroundTruth;
  const dt = (await read('dt', v.dt)) as CocoDetection[];
  const result = evaluateCoco(gt, dt, { maxDets: maxDets as [number, number, number] });
  console.log(formatCocoStats(result));
  if (v.out)
    await writeJson(v.out, {
      stats: result.stats,
      statsByName: result.statsByName,
      perCategory: result.perCategory,
      params: result.params,
      precision: Array.from(result.precision),
    });
  if (v.report) {
    const html = renderReport(
      {
        title: `COCO evaluation: ${basename(v.dt)} against ${basename(v.gt)}`,
        config: { gt: v.gt, dt: v.dt, detections: dt.length, maxDets: maxDets.join(', ') },
        coco: { statsByName: result.statsByName, curves: cocoPrCurves(result) },
      },
      { document: svgDocument() },
    );
    await writeFile(v.report, html);
    console.log(`report: ${v.report}`);
  }
}
