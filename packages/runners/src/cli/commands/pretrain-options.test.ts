import { describe, expect, it } from 'vitest';
import { UsageError } from '../args';
import { readPretrainFlags } from './pretrain-options';

const base = { out: 'runs/x', steps: '1' };

describe('readPretrainFlags --min-crop-scale', () => {
  it('reads a fraction in (0, 1], and leaves it unset by default', () => {
    expect(readPretrainFlags('pretrain', { ...base, 'min-crop-scale': '0.4' }).minCropScale).toBe(
      0.4,
    );
    expect(readPretrainFlags('pretrain', { ...base, 'min-crop-scale': '1' }).minCropScale).toBe(1);
    expect(readPretrainFlags('pretrain', base).minCropScale).toBeUndefined();
  });

  it.each(['0', '-0.3', '1.5', 'big'])('--min-crop-scale %s is a usage error', (value) => {
    const read = () => readPretrainFlags('main', { ...base, 'min-crop-scale': value });
    expect(read).toThrow(UsageError);
    expect(read).toThrow(/tessera main: --min-crop-scale/);
  });
});
