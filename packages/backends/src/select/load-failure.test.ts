import { describe, expect, it } from 'vitest';
import { loadFailure } from './load-failure';

describe('loadFailure', () => {
  it('says how to install a missing optional peer, and quotes any other load error', async () => {
    const missing = await import('@tessera/no-such-backend' as string).catch((e: unknown) => e);
    expect(loadFailure('@tessera/no-such-backend', missing)).toBe(
      '@tessera/no-such-backend is not installed (an optional peer dependency): npm install @tessera/no-such-backend',
    );
    expect(loadFailure('webgpu', new Error('libvulkan.so.1: cannot open\nstack'))).toBe(
      'webgpu could not load: libvulkan.so.1: cannot open',
    );
  });
});
