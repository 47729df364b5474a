import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { GPU_DEVICE_PATHS } from '@tessera/backends';
import { describe, expect, it } from 'vitest';
import { TESTS_DIR } from './run-node';

// The built `tessera` bin, run as a user runs it.
const CLI = join(
  dirname(createRequire(`${TESTS_DIR}/`).resolve('@tessera/runners/package.json')),
  'dist/cli.js',
);
const tessera = (args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], {
    cwd: TESTS_DIR,
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
  });

describe('tessera CLI (built package)', () => {
  it('--help lists the commands; every command has --help', () => {
    const top = tessera(['--help']);
    expect(top.status).toBe(0);
    for (const c of ['backends', 'pretrain', 'evaluate', 'fewshot', 'coco-eval', 'main']) {
      expect(top.stdout).toContain(c);
      const r = tessera([c, '--help']);
      expect(r.status, c).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^tessera ${c} — `));
    }
  });

  it('bad commands, flags and values exit 2 with a message naming them', () => {
    expect(tessera(['pretrian']).stderr).toMatch(
      /unknown command "pretrian"; commands: backends, pretrain/,
    );
    const flag = tessera(['pretrain', '--bugdet', '5m']);
    expect(flag.status).toBe(2);
    expect(flag.stderr).toMatch(/Unknown option '--bugdet'/);
    const value = tessera(['pretrain', '--method', 'simclar', '--out', 'x', '--budget', '5m']);
    expect(value.status).toBe(2);
    expect(value.stderr).toMatch(/--method must be one of simclr, instdisc, moco/);
  });

  it('backends names tfjs-node’s error and picks wasm here', () => {
    const r = tessera(['backends', '--json']);
    expect(r.status).toBe(0);
    const { choice } = JSON.parse(r.stdout);
    const reasons = choice.reasons as Array<{ backend: string; used: boolean; reason: string }>;
    const native = reasons.find((x) => x.backend === 'tensorflow')!;
    if (native.used) {
      // a machine with libtensorflow: the native backend wins
      expect(choice.name).toBe('tensorflow');
    } else {
      // here: tfjs-node cannot install its binary, so its load error is named and wasm is used
      expect(native.reason).toMatch(/^@tensorflow\/tfjs-node could not load: \S/);
      expect(choice.name).toBe('wasm');
      expect(reasons.find((x) => x.backend === 'wasm')!.used).toBe(true);
    }
  });

  it('--version prints the package version; no TF.js banner or Dawn warning', () => {
    const version = JSON.parse(readFileSync(join(dirname(CLI), '../package.json'), 'utf8')).version;
    const r = tessera(['--version']);
    expect([r.status, r.stdout.trim()]).toEqual([0, version]);
    const { stderr } = tessera(['backends']);
    expect(stderr).not.toMatch(/looks like you are running TensorFlow\.js/);
    // and no Vulkan loader or Dawn warning where no GPU device exists (SwiftShader is asked first)
    const gpuDevice = GPU_DEVICE_PATHS.some((p) => existsSync(p));
    if (process.platform === 'linux' && !gpuDevice) expect(stderr).toBe('');
  });

  it('a forced backend that cannot start fails with its reason, before any run folder', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tessera-nobackend-')), 'run');
    const r = tessera(['pretrain', '--out', out, '--steps', '1', '--backend', 'tensorflow']);
    if (r.status === 0) return; // a machine with libtensorflow trains on it
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^tessera pretrain: selectBackend: .*tensorflow/m);
    expect(r.stderr).toMatch(/@tensorflow\/tfjs-node could not load/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(out)).toBe(false);
  });

  it('a training process killed with SIGKILL resumes from its last checkpoint', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tessera-kill-')), 'run');
    const args = [
      'pretrain',
      '--out',
      out,
      '--steps',
      '40',
      '--batch-size',
      '16',
      '--limit',
      '512',
      '--checkpoint-every',
      '3',
      '--backend',
      'wasm',
    ];
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: TESTS_DIR,
      env: { ...process.env, CI: '1' },
    });
    let log = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        log += d.toString();
        if (/checkpoint step 6\b/.test(log)) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => reject(new Error(`exited before step 6:\n${log}`)));
    });
    await new Promise((r) => child.once('exit', r));
    const saved = readdirSync(join(out, 'checkpoints')).filter((n) => n.startsWith('ckpt-'));
    expect(saved.length).toBeGreaterThan(0);
    const resumed = tessera([...args.slice(0, 4), '12', ...args.slice(5), '--resume']);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/resumed from step (6|9)\b/);
    expect(resumed.stderr).toMatch(/trained 12 steps/);
    // The run folder's report: loss curve and throughput, no evaluation yet.
    expect(resumed.stdout).toContain(`report: ${join(out, 'report.html')}`);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<h2>Training</h2>');
    expect(html).toContain('12 steps');
    expect(html).not.toContain('<h2>Evaluation</h2>');
  }, 180_000);

  it('coco-eval prints the twelve numbers and writes the JSON and the HTML report', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-coco-'));
    const gt = {
      images: [{ id: 1 }, { id: 2 }],
      categories: [{ id: 7 }],
      annotations: [
        { id: 1, image_id: 1, category_id: 7, bbox: [10, 10, 50, 40], area: 2000, iscrowd: 0 },
        { id: 2, image_id: 2, category_id: 7, bbox: [30, 20, 60, 60], area: 3600, iscrowd: 0 },
      ],
    };
    const dt = [
      { image_id: 1, category_id: 7, bbox: [12, 10, 50, 40], score: 0.9 },
      { image_id: 2, category_id: 7, bbox: [100, 100, 30, 30], score: 0.8 },
      { image_id: 2, category_id: 7, bbox: [30, 22, 60, 60], score: 0.4 },
    ];
    writeFileSync(join(dir, 'gt.json'), JSON.stringify(gt));
    writeFileSync(join(dir, 'dt.json'), JSON.stringify(dt));
    const r = tessera([
      'coco-eval',
      '--gt',
      join(dir, 'gt.json'),
      '--dt',
      join(dir, 'dt.json'),
      '--out',
      join(dir, 'r.json'),
      '--report',
      join(dir, 'r.html'),
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.match(/^ Average (Precision|Recall) /gm)?.length).toBe(12);
    const json = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as { stats: number[] };
    expect(json.stats).toHaveLength(12);
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(html).toContain('<h2>COCO evaluation</h2>');
    expect(html).toContain(`<td>AP</td><td>${json.stats[0]!.toFixed(3)}</td>`);
    expect(html).toMatch(/<svg/);
  });
});

/** A minimal RGB PNG (8-bit, no interlace) of HWC bytes: zlib and CRC-32 from Node alone. */
function png(pixels: Uint8Array, h: number, w: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(w, 0);
  header.writeUInt32BE(h, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc(h * (1 + 3 * w));
  for (let y = 0; y < h; y++)
    rows.set(pixels.subarray(y * 3 * w, (y + 1) * 3 * w), y * (1 + 3 * w) + 1);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Two class folders of 12 8×8 RGB PNGs each: circles and stripes, trivially apart in pixels. */
function pngClassFolders(): string {
  const data = mkdtempSync(join(tmpdir(), 'tessera-pngs-'));
  for (const [c, name] of ['circles', 'stripes'].entries()) {
    mkdirSync(join(data, name));
    for (let k = 0; k < 12; k++) {
      const pixels = Uint8Array.from({ length: 8 * 8 * 3 }, (_, i) => {
        const [y, x] = [Math.floor(i / 24), Math.floor(i / 3) % 8];
        const on = c === 0 ? (x - 3.5) ** 2 + (y - 3.5) ** 2 < 6 + k / 4 : (x + k) % 4 < 2;
        return on ? 220 - k : 20 + (i % 3) * 10;
      });
      writeFileSync(join(data, name, `${k}.png`), png(pixels, 8, 8));
    }
  }
  return data;
}

/**
 * An IDX folder of 28×28 grey images in four classes (a square, vertical bars, horizontal bars, a
 * diagonal, with noise): `perClass` training and 6 test images of each, as Fashion-MNIST ships.
 */
function idxFolder(perClass: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-idx-'));
  let seed = 1;
  const noise = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) % 30) as number;
  const image = (c: number, k: number) =>
    Uint8Array.from({ length: 28 * 28 }, (_, i) => {
      const [y, x] = [Math.floor(i / 28), i % 28];
      const bar = 10 + (k % 4);
      const on = [
        y >= 8 && y < 20 && x >= 8 && x < 20,
        x >= bar && x < bar + 4,
        y >= bar && y < bar + 4,
        x === y,
      ][c];
      return (on ? 200 : 0) + noise();
    });
  for (const [split, n] of [
    ['train', perClass],
    ['t10k', 6],
  ] as const) {
    const labels = Uint8Array.from({ length: 4 * n }, (_, i) => Math.floor(i / n));
    const header = (magic: number, ...dims: number[]) =>
      Buffer.from(new Uint32Array([magic, labels.length, ...dims].map((v) => v)).buffer).swap32();
    const pixels = Buffer.concat([...labels].map((c, i) => Buffer.from(image(c, i % n))));
    writeFileSync(
      join(dir, `${split}-images-idx3-ubyte`),
      Buffer.concat([header(2051, 28, 28), pixels]),
    );
    writeFileSync(join(dir, `${split}-labels-idx1-ubyte`), Buffer.concat([header(2049), labels]));
  }
  return dir;
}

/**
 * `tessera pretrain` for 2 steps on the PNG class folders with a 2×2 grid and `flags`, then
 * `tessera evaluate` (kNN and the probe) on them; the run's config.json and evaluation.json.
 */
function pretrainThenEvaluate(prefix: string, flags: string[]) {
  const data = pngClassFolders();
  const out = join(mkdtempSync(join(tmpdir(), prefix)), 'run');
  const trained = tessera([
    'pretrain',
    ...['--data', data, '--out', out, '--steps', '2', '--batch-size', '8', '--grid', '2'],
    ...flags,
    ...['--backend', 'wasm'],
  ]);
  expect(trained.status, trained.stderr).toBe(0);
  const evaluated = tessera([
    'evaluate',
    ...['--run', out, '--train', data, '--test', data, '--protocols', 'knn,linear'],
    ...['--backend', 'wasm'],
  ]);
  expect(evaluated.status, evaluated.stderr).toBe(0);
  const read = (name: string) => JSON.parse(readFileSync(join(out, name), 'utf8'));
  return { config: read('config.json'), evaluation: read('evaluation.json') };
}

describe('tessera CLI on your own images (built package)', () => {
  it('pretrain --data <class folders of PNGs>, evaluate --train/--test and embed on them', () => {
    const data = pngClassFolders();
    const out = join(mkdtempSync(join(tmpdir(), 'tessera-own-')), 'run');
    const bad = tessera(['pretrain', '--data', join(data, 'nope'), '--out', out, '--steps', '2']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/path must be a folder of images, .* which does not exist/);
    expect(existsSync(out)).toBe(false); // nothing half-written
    const trained = tessera([
      'pretrain',
      '--data',
      data,
      '--out',
      out,
      '--steps',
      '3',
      '--batch-size',
      '8',
      '--backend',
      'wasm',
    ]);
    expect(trained.status, trained.stderr).toBe(0);
    const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
    expect(config.imageShape).toEqual([8, 8, 3]);
    expect(config.images).toBe(24);
    expect(config.data).toMatch(/image folder .* \(24 images in 2 classes, as 8×8×3\)/);
    const evaluated = tessera([
      'evaluate',
      '--run',
      out,
      '--train',
      data,
      '--test',
      data,
      '--protocols',
      'knn,linear',
      '--backend',
      'wasm',
    ]);
    expect(evaluated.status, evaluated.stderr).toBe(0);
    const evaluation = JSON.parse(readFileSync(join(out, 'evaluation.json'), 'utf8'));
    expect(evaluation.trainImages).toBe(24);
    expect(evaluation.rows.map((r: { name: string }) => r.name)).toEqual([
      'pretrained',
      'random-init',
      'raw-pixels',
    ]);
    // the two classes are trivially apart in pixels: every representation separates them
    const pixels = evaluation.rows.find((r: { name: string }) => r.name === 'raw-pixels');
    expect(pixels.knn).toBe(1);
    // the encoder's embeddings of every image, with file names and class names
    const csv = join(out, 'embeddings.csv');
    const embedded = tessera([
      'embed',
      '--run',
      out,
      '--data',
      data,
      '--out',
      csv,
      '--backend',
      'wasm',
    ]);
    expect(embedded.status, embedded.stderr).toBe(0);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(25);
    expect(lines[0]).toMatch(/^name,label,e0,e1,/);
    expect(lines[1]).toMatch(/^circles\/0\.png,circles,-?\d/);
    expect(lines[24]).toMatch(/^stripes\/9\.png,stripes,/);
    const dim = lines[0]!.split(',').length - 2;
    const npyOut = join(out, 'embeddings.npy');
    expect(tessera(['embed', '--run', out, '--data', data, '--out', npyOut]).status).toBe(0);
    const file = readFileSync(npyOut);
    expect(file.length - 10 - file.readUInt16LE(8)).toBe(24 * dim * 4);
    expect(readFileSync(`${npyOut}.names.txt`, 'utf8').split('\n')[0]).toBe(
      'circles/0.png\tcircles',
    );
  }, 240_000);

  it('pretrain --readout-pool max saves both encoders reading their grid cells by max', () => {
    const data = pngClassFolders();
    const out = join(mkdtempSync(join(tmpdir(), 'tessera-readout-')), 'run');
    const flags = [
      '--data',
      data,
      '--out',
      out,
      '--steps',
      '2',
      '--batch-size',
      '8',
      '--grid',
      '2',
    ];
    const bad = tessera(['pretrain', ...flags, '--readout-pool', 'min']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--readout-pool/);
    const trained = tessera(['pretrain', ...flags, '--readout-pool', 'max', '--backend', 'wasm']);
    expect(trained.status, trained.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')).readoutPool).toBe('max');
    for (const dir of ['encoder', 'encoder-init']) {
      const topology = readFileSync(join(out, dir, 'model.json'), 'utf8');
      expect(topology).toContain('TesseraGridMaxPooling2D');
      expect(topology).not.toContain('TesseraGridAveragePooling2D');
    }
    const evaluated = tessera([
      'evaluate',
      '--run',
      out,
      '--train',
      data,
      '--test',
      data,
      '--protocols',
      'knn',
      '--backend',
      'wasm',
    ]);
    expect(evaluated.status, evaluated.stderr).toBe(0);
  }, 240_000);

  it('pretrain --probe-mean: the probe reads the channel means too, kNN the cells only', () => {
    const { config, evaluation } = pretrainThenEvaluate('tessera-probe-mean-', [
      ...['--readout-pool', 'max', '--probe-mean', '--standardize-features'],
    ]);
    expect(config.probeMean).toBe(true);
    const [pretrained, randomInit] = evaluation.rows;
    // 2×2 cells of C channels for kNN; the probe reads the C channel means as well
    const channels = evaluation.linearProbe.probeOnlyFeatures;
    expect(pretrained.dim).toBe(4 * channels);
    expect(pretrained.probeDim).toBe(5 * channels);
    expect(randomInit.probeDim).toBe(5 * channels);
    expect(evaluation.rows[2].probeDim).toBeUndefined(); // raw pixels
    expect(evaluation.table).toContain(`${4 * channels} (probe ${5 * channels})`);
  }, 240_000);

  it('pretrain --probe-previous-stage: the probe also reads the map before the last pooling', () => {
    const { config, evaluation } = pretrainThenEvaluate('tessera-probe-previous-', [
      ...['--downsample', '0', '--readout-pool', 'max', '--probe-mean', '--probe-previous-stage'],
      '--standardize-features',
    ]);
    expect(config.probePreviousStage).toBe(true);
    const [pretrained, randomInit] = evaluation.rows;
    // the default encoder's 32/64/128 channels, one pooling after the first convolution: kNN
    // reads the last map's 2×2 cells; the probe its 128 means and the 32-channel map's cells
    // and means as well
    expect(pretrained.dim).toBe(4 * 128);
    expect(evaluation.linearProbe.probeOnlyFeatures).toBe(128 + 5 * 32);
    expect(pretrained.probeDim).toBe(5 * 128 + 5 * 32);
    expect(randomInit.probeDim).toBe(5 * 128 + 5 * 32);
  }, 240_000);

  it('pretrain --power-readout: kNN reads the cells square-rooted, the probe the features as before', () => {
    const flags = [
      '--downsample',
      '0',
      '--readout-pool',
      'max',
      '--probe-mean',
      '--probe-previous-stage',
    ];
    const { config, evaluation } = pretrainThenEvaluate('tessera-power-readout-', [
      ...flags,
      '--power-readout',
    ]);
    expect(config.powerReadout).toBe(true);
    const [pretrained, randomInit] = evaluation.rows;
    // kNN reads the square roots of the 2×2 cells of 128 channels; the probe the 960 features
    // that --standardize-features would have standardised, and not the square roots
    expect(pretrained.dim).toBe(4 * 128);
    expect(evaluation.linearProbe.distanceOnlyFeatures).toBe(4 * 128);
    expect(evaluation.linearProbe.probeOnlyFeatures).toBe(5 * 128 + 5 * 32);
    expect(pretrained.probeDim).toBe(5 * 128 + 5 * 32);
    expect(randomInit.probeDim).toBe(5 * 128 + 5 * 32);
    const out = join(mkdtempSync(join(tmpdir(), 'tessera-power-both-')), 'run');
    const both = tessera([
      'pretrain',
      ...['--out', out, '--steps', '1', '--power-readout', '--standardize-features'],
    ]);
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/--power-readout and --standardize-features .* give one/);
    expect(existsSync(out)).toBe(false);
  }, 240_000);

  it('pretrain --probe-power: every feature square-rooted in place, the probe reads the roots', () => {
    const { config, evaluation } = pretrainThenEvaluate('tessera-probe-power-', [
      ...['--downsample', '0', '--readout-pool', 'max', '--probe-mean', '--probe-previous-stage'],
      ...['--power-readout', '--probe-power'],
    ]);
    expect(config.probePower).toBe(true);
    const [pretrained, randomInit] = evaluation.rows;
    // kNN reads the leading 2×2 cells of 128 channels (square roots); no copy in front, so the
    // probe reads all 960 features, square roots too
    expect(pretrained.dim).toBe(4 * 128);
    expect(evaluation.linearProbe.distanceOnlyFeatures).toBeUndefined();
    expect(evaluation.linearProbe.probeOnlyFeatures).toBe(128 + 5 * 32);
    expect(pretrained.probeDim).toBe(5 * 128 + 5 * 32);
    expect(randomInit.probeDim).toBe(5 * 128 + 5 * 32);
    const out = join(mkdtempSync(join(tmpdir(), 'tessera-probe-power-alone-')), 'run');
    const alone = tessera(['pretrain', ...['--out', out, '--steps', '1', '--probe-power']]);
    expect(alone.status).toBe(2);
    expect(alone.stderr).toMatch(/--probe-power .* give it with --power-readout/);
    expect(existsSync(out)).toBe(false);
  }, 240_000);

  it('main --data runs the main job on an IDX pair; --held-out splits its classes in halves', () => {
    const data = idxFolder(128);
    const out = join(mkdtempSync(join(tmpdir(), 'tessera-main-data-')), 'run');
    const r = tessera([
      'main',
      ...['--data', data, '--steps', '2', '--held-out', '--out', out, '--backend', 'wasm'],
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`SimCLR on ${data} classes 0,1 (few-shot on held-out 2,3): 2 steps`);
    const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
    expect(config.classes).toEqual([0, 1]);
    expect(config.images).toBe(256);
    const evaluation = JSON.parse(readFileSync(join(out, 'evaluation.json'), 'utf8'));
    // the kNN memory and the probe on every training image, the scores on the t10k pair
    expect(evaluation.trainImages).toBe(512);
    expect(evaluation.testImages).toBe(24);
    expect(evaluation.fewShotClasses).toEqual([2, 3]);
    expect(evaluation.fewShotProtocol).toBe('held-out');
    const embedding = JSON.parse(readFileSync(join(out, 'embedding.json'), 'utf8'));
    expect(embedding.caption).toMatch(/^The first 24 test images through the pretrained encoder/);
    expect(evaluation.rows.map((row: { name: string }) => row.name)).toEqual([
      'pretrained',
      'random-init',
      'raw-pixels',
    ]);
  }, 240_000);

  it('main --data without a test split, too few classes or images, or --test alone exits 2', () => {
    const folder = tessera(['main', '--data', pngClassFolders(), '--steps', '1']);
    expect(folder.status).toBe(2);
    expect(folder.stderr).toMatch(/has no test split .*; pass --test PATH/);
    const test = tessera(['main', '--test', 'somewhere', '--steps', '1']);
    expect(test.status).toBe(2);
    expect(test.stderr).toMatch(/--test needs --data PATH/);
    const pngs = pngClassFolders(); // two classes: none left over for held-out episodes
    const few = tessera(['main', '--data', pngs, '--test', pngs, '--held-out', '--steps', '1']);
    expect(few.status).toBe(2);
    expect(few.stderr).toMatch(/--held-out: needs at least 4 classes/);
    const out = join(mkdtempSync(join(tmpdir(), 'tessera-main-small-')), 'run');
    const small = tessera(['main', '--data', idxFolder(8), '--steps', '1', '--out', out]);
    expect(small.status).toBe(2);
    expect(small.stderr).toMatch(/--batch-size 256 is more than the 32 images to pretrain on/);
    expect(existsSync(out)).toBe(false); // checked before the run folder is made
  }, 60_000);

  it('pretrain --val-split holds images out; evaluate --run scores on them', () => {
    const data = pngClassFolders();
    const out = join(mkdtempSync(join(tmpdir(), 'tessera-val-')), 'run');
    const bad = tessera([
      'pretrain',
      '--data',
      data,
      '--out',
      out,
      '--steps',
      '2',
      '--val-split',
      '1.5',
    ]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(
      /--val-split must be a fraction in \(0, 1\) such as 0\.1 or 10%, got "1\.5"/,
    );
    expect(existsSync(out)).toBe(false);
    const flags = ['--data', data, '--out', out, '--steps', '2', '--batch-size', '8'];
    const trained = tessera(['pretrain', ...flags, '--val-split', '25%', '--backend', 'wasm']);
    expect(trained.status, trained.stderr).toBe(0);
    const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
    expect(config.images).toBe(18); // 24 − 3 of each class
    expect(config.valSplit).toMatchObject({ fraction: 0.25, images: 6, dataFlags: { data } });
    const badProbe = tessera(['evaluate', '--run', out, '--probe-weight-decay', '0']);
    expect(badProbe.status).toBe(2);
    expect(badProbe.stderr).toMatch(/--probe-weight-decay must be a positive number, got "0"/);
    const badIterations = tessera(['evaluate', '--run', out, '--probe-max-iterations', '2.5']);
    expect(badIterations.status).toBe(2);
    expect(badIterations.stderr).toMatch(
      /--probe-max-iterations must be an integer ≥ 1, got "2\.5"/,
    );
    const evaluated = tessera(['evaluate', '--run', out, '--backend', 'wasm']);
    expect(evaluated.status, evaluated.stderr).toBe(0);
    expect(evaluated.stderr).toMatch(/scoring on the 6 images the run held out of pretraining/);
    // 3 held-out images a class: 1-shot episodes with 2 queries, said on the way
    expect(evaluated.stderr).toMatch(
      /few-shot: the smallest test class has 3 images: 1-shot episodes with 2 queries per class/,
    );
    const evaluation = JSON.parse(readFileSync(join(out, 'evaluation.json'), 'utf8'));
    expect([evaluation.trainImages, evaluation.testImages]).toEqual([18, 6]);
    expect(evaluation.linearProbe).toEqual({
      solver: 'lbfgs',
      weightDecay: 2e-3,
      maxIterations: 50,
    });
    const pixels = evaluation.rows.find((r: { name: string }) => r.name === 'raw-pixels');
    expect(pixels.knn).toBe(1);
    expect(pixels.fewShot.map((f: { shots: number; ways: number }) => [f.ways, f.shots])).toEqual([
      [2, 1],
    ]);
  }, 240_000);
});
