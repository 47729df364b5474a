import { describe, expect, it } from 'vitest';
import { mallocRelaunchPlan, TUNED_MALLOC_ENV } from './malloc-tuning';

const base = { command: 'main', args: ['--seed', '1'], env: {}, glibc: '2.36' };

describe('mallocRelaunchPlan', () => {
  it('relaunches the training and evaluation commands on glibc with the tuned malloc', () => {
    for (const command of ['main', 'pretrain', 'evaluate', 'fewshot', 'embed'])
      expect(mallocRelaunchPlan({ ...base, command })).toEqual({
        MALLOC_MMAP_MAX_: '0',
        MALLOC_TRIM_THRESHOLD_: String(2 ** 40),
      });
    expect(TUNED_MALLOC_ENV.MALLOC_MMAP_MAX_).toBe('0');
  });

  it('runs in this process elsewhere: other commands, help, another C library, a set malloc', () => {
    for (const patch of [
      { command: 'backends' },
      { command: 'coco-eval' },
      { command: undefined },
      { args: ['--help'] },
      { args: ['-h'] },
      { glibc: undefined },
      { env: { MALLOC_MMAP_MAX_: '65536' } },
      { env: { TESSERA_MALLOC: 'system' } },
    ])
      expect(mallocRelaunchPlan({ ...base, ...patch })).toBeNull();
  });
});
