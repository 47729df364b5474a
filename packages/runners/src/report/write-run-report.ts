import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderReport } from './render-report';
import { svgDocument } from './svg-document';
import type { ReportInput } from './types';

async function readIfThere<T>(path: string): Promise<T | undefined> {
  if (!existsSync(path)) return undefined;
  return JSON.parse(await readFile(path, 'utf8')) as T;
}

interface TrainJson {
  method: string;
  steps: number;
  epochs: number;
  trainSeconds: number;
  losses: number[];
  stepSeconds?: number[];
  timings?: Record<string, number>;
}

/**
 * Writes `report.html` in a run folder from what is there (`config.json`, `train.json`,
 * `evaluation.json`, `embedding.json`), atomically; returns its path. Called by `tessera pretrain`,
 * `evaluate` and `main`; call it again after adding results.
 * @category Report
 */
export async function writeRunReport(dir: string, title?: string): Promise<string> {
  const config = await readIfThere<Record<string, unknown>>(join(dir, 'config.json'));
  const train = await readIfThere<TrainJson>(join(dir, 'train.json'));
  const evaluation = await readIfThere<NonNullable<ReportInput['evaluation']>>(
    join(dir, 'evaluation.json'),
  );
  const embedding = await readIfThere<NonNullable<ReportInput['embedding']>>(
    join(dir, 'embedding.json'),
  );
  const method = String(config?.method ?? train?.method ?? 'run');
  const batchSize = typeof config?.batchSize === 'number' ? config.batchSize : undefined;
  const { backendReason, ...shown } = config ?? {};
  const input: ReportInput = {
    title: title ?? `${method} on ${String(config?.dataset ?? 'data')}`,
    ...(config ? { config: shown } : {}),
    ...(config?.backend
      ? {
          backend: {
            name: String(config.backend),
            ...(typeof backendReason === 'string' ? { reason: backendReason } : {}),
          },
        }
      : {}),
    ...(train
      ? {
          training: {
            losses: train.losses,
            steps: train.steps,
            epochs: train.epochs,
            trainSeconds: train.trainSeconds,
            ...(train.stepSeconds ? { stepSeconds: train.stepSeconds } : {}),
            ...(train.timings ? { timings: train.timings } : {}),
            ...(batchSize ? { batchSize } : {}),
            // NT-Xent with 2B views: 1 positive among 2B − 1 candidates.
            ...(['simclr', 'supcon'].includes(method) && batchSize
              ? { chanceLoss: Math.log(2 * batchSize - 1) }
              : {}),
          },
        }
      : {}),
    ...(evaluation ? { evaluation } : {}),
    ...(embedding ? { embedding } : {}),
  };
  const html = renderReport(input, { document: svgDocument() });
  const path = join(dir, 'report.html');
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, html);
  await rename(tmp, path);
  return path;
}
