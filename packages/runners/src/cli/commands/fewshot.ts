import { selectBackend } from '@tessera/backends';
import { loadMnist } from '@tessera/data';
import { embedRepresentation } from '../probe-only-features';
import { fewShotAccuracy } from '../../evaluate/few-shot';
import { intFlag, intList, parseCommand, UsageError } from '../args';
import { loadRunEncoder } from '../run-folder';

export const fewshotHelp = `tessera fewshot — C-way K-shot accuracy of a run's encoder (prototypes, 95 % interval)

Usage: tessera fewshot --run runs/NAME [--ways 5] [--shots 1] [options]

  --run DIR        a folder written by tessera pretrain
  --ways N         classes per episode (default 5)
  --shots N        support images per class (default 1)
  --queries N      query images per class (default 15)
  --episodes N     episodes (default 600)
  --classes LIST   test digits episodes are drawn from (default 5,6,7,8,9)
  --seed N         episode seed (default 12345)
  --backend NAME   force a backend`;

export async function fewshotCommand(argv: string[]): Promise<void> {
  const c = 'fewshot';
  const { values: v } = parseCommand(c, argv, {
    run: { type: 'string' },
    ways: { type: 'string' },
    shots: { type: 'string' },
    queries: { type: 'string' },
    episodes: { type: 'string' },
    classes: { type: 'string' },
    seed: { type: 'string' },
    backend: { type: 'string' },
  });
  if (v.help) return void console.log(fewshotHelp);
  if (!v.run) throw new UsageError('tessera fewshot: --run DIR is required.');
  const classes = intList(c, 'classes', v.classes) ?? [5, 6, 7, 8, 9];
  const ways = intFlag(c, 'ways', v.ways, 5, 2);
  if (ways > classes.length)
    throw new UsageError(
      `tessera fewshot: --ways must be at most the number of --classes (${classes.length}), got ${ways}.`,
    );
  const options = {
    ways,
    shots: [intFlag(c, 'shots', v.shots, 1)],
    queries: intFlag(c, 'queries', v.queries, 15),
    episodes: intFlag(c, 'episodes', v.episodes, 600),
    classes,
    seed: intFlag(c, 'seed', v.seed, 12345, 0),
  };
  await selectBackend(v.backend ? { force: v.backend as never } : {});
  const encoder = await loadRunEncoder(c, v.run);
  try {
    const test = await loadMnist({ split: 'test', classes });
    const { features, dim } = await embedRepresentation(encoder, test);
    const [r] = fewShotAccuracy(features, dim, test.labels, options);
    console.log(
      `${r!.ways}-way ${r!.shots}-shot on digits ${classes.join(',')}: ${(100 * r!.mean).toFixed(2)} % ± ${(100 * r!.halfWidth).toFixed(2)} (95 %, ${r!.episodes} episodes)`,
    );
  } finally {
    encoder.dispose();
  }
}
