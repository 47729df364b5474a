// "Train on your own images": the SimCLR demo's loop on images the reader chooses, decoded in the
// page by @tessera/data's fromFiles (createImageBitmap + OffscreenCanvas, nothing uploaded), with
// the loss and a PCA scatter of the images' embeddings (coloured by class folder, when the reader
// picked a folder of class folders). Client-only: the page imports it when the reader presses Train.
import { fromFiles, type PathedFile } from '@tessera/data';
import { convEncoder } from '@tessera/models';
import { embedImages, pca2d, pretrain } from '@tessera/runners';

/** Images in the scatter at most. */
export const OWN_SCATTER_POINTS = 500;

export interface OwnImagesDemoOptions {
  /** Chosen files, or dropped ones with their paths (droppedFiles). */
  files: ArrayLike<File | PathedFile>;
  /** Side the images are resized to (centre crop). */
  size: number;
  steps: number;
  batchSize: number;
  scatterEvery: number;
  signal: AbortSignal;
  onStep(step: number, loss: number, imagesPerSecond: number): void;
  onScatter(step: number, coords: Float64Array, names: readonly string[]): void;
  onStatus(text: string): void;
}

export interface OwnImagesDemoResult {
  readonly losses: readonly number[];
  readonly stopped: string;
  /** What was read: images, their shape, and the class folders found (none for loose files). */
  readonly images: number;
  readonly shape: readonly [number, number, number];
  readonly classes: readonly string[];
}

export async function runOwnImagesDemo(o: OwnImagesDemoOptions): Promise<OwnImagesDemoResult> {
  o.onStatus('decoding the first image…');
  const source = await fromFiles(o.files, { size: o.size });
  const shown = Math.min(OWN_SCATTER_POINTS, source.size);
  const indices = Int32Array.from({ length: shown }, (_, i) => i);
  const scatter = {
    images: await source.read(indices),
    shape: [shown, ...source.shape] as [number, number, number, number],
  };
  const names = Array.from(indices, (i) =>
    source.labels && source.classNames ? source.classNames[source.labels[i]!]! : 'image',
  );
  const encoder = convEncoder({
    inputShape: source.shape,
    filters: [16, 32, 32],
    batchNormMomentum: 0.9,
  });
  let drawing = false;
  const drawScatter = async (step: number) => {
    if (drawing || shown < 3) return;
    drawing = true;
    try {
      const { features, dim } = await embedImages(encoder, scatter);
      o.onScatter(step, pca2d(features, shown, dim).coords, names);
    } finally {
      drawing = false;
    }
  };
  try {
    o.onStatus('training…');
    let pending: Promise<void> | null = null;
    const run = await pretrain({
      method: 'simclr',
      methodOptions: { projectionDim: 64, temperature: 0.2 },
      learningRate: 3e-3,
      data: source,
      encoder,
      batchSize: Math.max(2, Math.min(o.batchSize, source.size)),
      maxSteps: o.steps,
      seed: 1,
      signal: o.signal,
      onProgress(event) {
        if (event.type !== 'step') return;
        o.onStep(event.step, event.loss, event.imagesPerSecond);
        if (event.step % o.scatterEvery === 0) pending = drawScatter(event.step);
      },
    });
    await pending;
    await drawScatter(run.steps);
    run.dispose();
    return {
      losses: run.losses,
      stopped: run.stopped,
      images: source.size,
      shape: source.shape,
      classes: source.classNames ?? [],
    };
  } finally {
    encoder.dispose();
  }
}
