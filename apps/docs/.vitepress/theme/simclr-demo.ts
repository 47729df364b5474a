// "Train SimCLR in your browser": @tessera/runners' pretrain on the served MNIST subset with a
// small CNN, the loss and a PCA embedding scatter of test digits reported as it trains, checkpoints
// in IndexedDB (so Continue resumes after a reload), and at the end kNN accuracy against the
// starting encoder. Client-only: the page imports it when the reader presses Train.
import type * as tfl from '@tensorflow/tfjs-layers';
import { convEncoder } from '@tessera/models';
import {
  embedImages,
  evaluateRepresentation,
  indexedDbCheckpointStore,
  pca2d,
  pretrain,
} from '@tessera/runners';
import { demoMnist } from './demo-mnist';

/** Where the demo keeps its checkpoints and, when done, the trained encoder (for the few-shot demo). */
export const SIMCLR_DEMO_RUN = 'docs-simclr-demo';
export const SIMCLR_DEMO_ENCODER_URL = 'indexeddb://tessera-docs-simclr-encoder';
/** Test digits in the scatter. */
export const SCATTER_POINTS = 500;

export interface SimclrDemoOptions {
  /** Total steps of the run (a resumed run continues up to it). */
  steps: number;
  batchSize: number;
  /** Continue from the newest IndexedDB checkpoint instead of starting over. */
  resume: boolean;
  /** Recompute the scatter every this many steps. */
  scatterEvery: number;
  signal: AbortSignal;
  onStep(step: number, loss: number, imagesPerSecond: number): void;
  onScatter(step: number, coords: Float64Array, labels: Int32Array): void;
  onStatus(text: string): void;
}

export interface SimclrDemoResult {
  readonly losses: readonly number[];
  readonly resumedFrom: number;
  readonly stopped: string;
  /**
   * kNN accuracy (k = 20) of the 1000 test digits among the 3000 train digits: trained, and the
   * starting encoder (after a resume, a fresh random one of the same architecture).
   */
  readonly knn: { readonly trained: number; readonly start: number };
}

/** The demo's encoder: conv16 → conv32 → pool → conv32 → global average pool (32 features). */
export const demoEncoder = (): tfl.LayersModel =>
  convEncoder({ inputShape: [28, 28, 1], filters: [16, 32, 32], batchNormMomentum: 0.9 });

export async function runSimclrDemo(options: SimclrDemoOptions): Promise<SimclrDemoResult> {
  options.onStatus('loading MNIST…');
  const [train, test] = await Promise.all([demoMnist('train'), demoMnist('test')]);
  const scatter = {
    images: test.images.subarray(0, SCATTER_POINTS * 784),
    shape: [SCATTER_POINTS, 28, 28, 1] as [number, number, number, number],
  };
  const labels = test.labels.slice(0, SCATTER_POINTS);
  const encoder = demoEncoder();
  const start = demoEncoder();
  start.setWeights(encoder.getWeights()); // the random-init baseline: this run's starting point
  const store = indexedDbCheckpointStore({ run: SIMCLR_DEMO_RUN, keep: 1 });
  if (!options.resume) await store.clear();

  let drawing = false;
  const drawScatter = async (step: number) => {
    if (drawing) return;
    drawing = true;
    try {
      const { features, dim } = await embedImages(encoder, scatter);
      options.onScatter(step, pca2d(features, SCATTER_POINTS, dim).coords, labels);
    } finally {
      drawing = false;
    }
  };

  try {
    options.onStatus('training…');
    let scatterPending: Promise<void> | null = null;
    const run = await pretrain({
      method: 'simclr',
      // τ = 0.2 and a learning rate of 3e-3: what lets a short run gain on its starting encoder here
      methodOptions: { projectionDim: 64, temperature: 0.2 },
      learningRate: 3e-3,
      data: train,
      encoder,
      batchSize: options.batchSize,
      maxSteps: options.steps,
      seed: 1,
      checkpointStore: store,
      checkpointEvery: 10,
      resume: options.resume,
      signal: options.signal,
      onProgress(event) {
        if (event.type === 'resumed') options.onStatus(`resumed from step ${event.step}…`);
        if (event.type !== 'step') return;
        options.onStep(event.step, event.loss, event.imagesPerSecond);
        if (event.step % options.scatterEvery === 0) scatterPending = drawScatter(event.step);
      },
    });
    await scatterPending;
    await drawScatter(run.steps);
    options.onStatus('evaluating (kNN)…');
    const evaluation = await evaluateRepresentation({
      encoder,
      randomInit: start,
      train,
      test,
      protocols: ['knn'],
    });
    const [trained, initial] = evaluation.rows;
    await encoder.save(SIMCLR_DEMO_ENCODER_URL);
    run.dispose();
    return {
      losses: run.losses,
      resumedFrom: run.resumedFrom,
      stopped: run.stopped,
      knn: { trained: trained?.knn ?? NaN, start: initial?.knn ?? NaN },
    };
  } finally {
    encoder.dispose();
    start.dispose();
  }
}
