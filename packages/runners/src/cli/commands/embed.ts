import { rename, writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { selectBackend } from '@tessera/backends';
import { embedRepresentation } from '../probe-only-features';
import { intFlag, parseCommand, UsageError } from '../args';
import { DATA_FLAGS, DATA_HELP, openData } from '../open-data';
import { loadRunEncoder } from '../run-folder';
import { embeddingFile } from './embedding-file';
import { takesImages } from '../../input-shape';

export const embedHelp = `tessera embed — a run's embeddings of any images, with their names, for search, clustering or another model

Usage: tessera embed --run runs/NAME --data PATH --out embeddings.csv|.jsonl|.npy [options]

  --run DIR          a folder written by tessera pretrain
  --out FILE         .csv (name, label, e0 … eD-1), .jsonl ({name, label, embedding} per line) or
                     .npy (float32 [N, D]; names and labels beside it in FILE.names.txt)
${DATA_HELP}
  --dataset NAME     mnist: the built-in digits instead of --data
  --split NAME       train or test for an IDX, CIFAR or MNIST set (default train)
  --batch-size N     images per forward pass (default 500)
  --backend NAME     force a backend`;

export async function embedCommand(argv: string[]): Promise<void> {
  const { values: v } = parseCommand('embed', argv, {
    run: { type: 'string' },
    out: { type: 'string' },
    dataset: { type: 'string' },
    split: { type: 'string' },
    'batch-size': { type: 'string' },
    backend: { type: 'string' },
    ...DATA_FLAGS,
  });
  if (v.help) return void console.log(embedHelp);
  if (!v.run) throw new UsageError('tessera embed: --run DIR is required.');
  if (!v.out) throw new UsageError('tessera embed: --out FILE (.csv, .jsonl or .npy) is required.');
  const kind = extname(v.out as string).toLowerCase();
  if (!['.csv', '.jsonl', '.npy'].includes(kind))
    throw new UsageError(
      `tessera embed: --out must end in .csv, .jsonl or .npy, got ${JSON.stringify(v.out)}.`,
    );
  if (!v.data && !v.dataset)
    throw new UsageError('tessera embed: give --data PATH (your images) or --dataset mnist.');
  const split = v.split === 'test' ? 'test' : 'train';
  if (v.split !== undefined && v.split !== 'train' && v.split !== 'test')
    throw new UsageError(
      `tessera embed: --split must be train or test, got ${JSON.stringify(v.split)}.`,
    );
  const batchSize = intFlag('embed', 'batch-size', v['batch-size'] as string | undefined, 500);
  const { source } = await openData('embed', v, split);
  await selectBackend(v.backend ? { force: v.backend as never } : {});
  const encoder = await loadRunEncoder('embed', v.run as string);
  try {
    const { fits, takes } = takesImages(encoder, source.shape);
    if (!fits)
      throw new UsageError(
        `tessera embed: the run's encoder takes ${takes} images, ${source.description} has ${source.shape.join('×')} (pass --image-size / --channels).`,
      );
    const started = performance.now();
    const { features, dim } = await embedRepresentation(encoder, source, { batchSize });
    const names =
      'files' in source
        ? (source as { files: readonly string[] }).files
        : Array.from({ length: source.size }, (_, i) => String(i));
    const files = embeddingFile(kind as '.csv' | '.jsonl' | '.npy', features, dim, names, source);
    for (const [path, content] of files(v.out as string)) {
      await writeFile(`${path}.tmp`, content);
      await rename(`${path}.tmp`, path);
    }
    console.error(
      `embedded ${source.size} images (${dim}-d) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    console.log(`embeddings: ${v.out}`);
  } finally {
    encoder.dispose();
  }
}
