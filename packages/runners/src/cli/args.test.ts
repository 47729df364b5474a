import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { intFlag, intList, oneOf, parseCommand, UsageError } from './args';
import { PRETRAIN_FLAGS, runPretrain } from './commands/pretrain';
import { prepareRunFolder } from './run-folder';

describe('tessera CLI arguments', () => {
  it('names the bad flag and lists the known ones', () => {
    expect(() => parseCommand('pretrain', ['--bugdet', '5m'], PRETRAIN_FLAGS)).toThrow(
      /tessera pretrain: Unknown option '--bugdet'\. Known flags: --method, --dataset, --budget/,
    );
    expect(
      parseCommand('pretrain', ['--budget', '5m', '--resume'], PRETRAIN_FLAGS).values,
    ).toMatchObject({ budget: '5m', resume: true });
  });

  it('checks values and names the allowed ones', () => {
    expect(() => oneOf('pretrain', 'method', 'simclar', ['simclr', 'moco'], 'simclr')).toThrow(
      'tessera pretrain: --method must be one of simclr, moco, got "simclar".',
    );
    expect(() => intFlag('fewshot', 'ways', '2.5', 5, 2)).toThrow(/--ways must be an integer ≥ 2/);
    expect(() => intList('evaluate', 'classes', '5,x')).toThrow(
      /--classes must be comma-separated integers/,
    );
    expect(intList('evaluate', 'classes', '5, 6,7')).toEqual([5, 6, 7]);
  });

  it('rejects bad runs before touching anything: unknown method or dataset, batch 1, bad budget, lr or epochs, no --out', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'tessera-cli-')), 'run');
    const bad = [
      [{ method: 'simclar', out, budget: '5m' }, /--method must be one of simclr/],
      [{ dataset: 'cifar', out, budget: '5m' }, /--dataset must be one of mnist/],
      [
        { 'batch-size': '1', out, budget: '5m' },
        /--batch-size is too small: simclr needs a batch of at least 2 images/,
      ],
      [{ budget: 'five minutes', out }, /--budget must be a positive duration/],
      [
        { defaults: 'keras', out, budget: '5m' },
        /--defaults must be one of tfjs, pytorch, got "keras"/,
      ],
      [{ lr: '-1', out, budget: '5m' }, /--lr must be a positive number, got "-1"/],
      [{ epochs: 'Infinity', out }, /--epochs must be a positive number, got "Infinity"/],
      [{ budget: '5m' }, /--out DIR is required/],
      [{ out }, /give --budget, --epochs or --steps/],
    ] as const;
    for (const [values, message] of bad)
      await expect(runPretrain('pretrain', values)).rejects.toThrow(message);
  });

  it('an existing run folder needs --resume or --force; without them nothing is changed', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'tessera-cli-')), 'run');
    await mkdir(dir);
    await writeFile(join(dir, 'config.json'), '{"keep":true}');
    await expect(prepareRunFolder('pretrain', dir, {})).rejects.toThrow(UsageError);
    await expect(prepareRunFolder('pretrain', dir, {})).rejects.toThrow(
      /already exists; pass --resume .* or --force/,
    );
    expect(await readFile(join(dir, 'config.json'), 'utf8')).toBe('{"keep":true}');
    await prepareRunFolder('pretrain', dir, { resume: true });
    expect(await readFile(join(dir, 'config.json'), 'utf8')).toBe('{"keep":true}');
    await expect(prepareRunFolder('pretrain', `${dir}-missing`, { resume: true })).rejects.toThrow(
      /--resume needs an existing run folder/,
    );
    await prepareRunFolder('pretrain', dir, { force: true });
    await expect(readFile(join(dir, 'config.json'), 'utf8')).rejects.toThrow();
  });
});
