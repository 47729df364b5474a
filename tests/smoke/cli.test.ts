import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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
