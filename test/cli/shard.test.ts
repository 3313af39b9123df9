import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodePng, greyPng } from '../core/io/pngWriter';
import { discs, gtPng, H, predPng8, W } from './masks';
import { CLI, tempTree, type CliRun } from './run';

/** The built tool as a subprocess, with extra environment variables and stdin. */
function run(args: string[], opts: { env?: Record<string, string>; input?: string; cwd?: string } = {}): CliRun {
  const env = { ...process.env };
  // The test itself may run inside a Slurm job or a Kubernetes pod.
  for (const k of ['SLURM_ARRAY_TASK_ID', 'SLURM_ARRAY_TASK_MIN', 'SLURM_ARRAY_TASK_COUNT', 'SLURM_ARRAY_TASK_STEP', 'JOB_COMPLETION_INDEX']) delete env[k];
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: opts.cwd, env: { ...env, ...opts.env }, input: opts.input, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Several runs at once, as GNU parallel or a job array starts them. */
function runAll(argvs: string[][]): Promise<CliRun[]> {
  return Promise.all(
    argvs.map(
      (args) =>
        new Promise<CliRun>((res) => {
          const child = spawn(process.execPath, [CLI, ...args]);
          let stdout = '';
          let stderr = '';
          child.stdout.on('data', (d) => (stdout += d));
          child.stderr.on('data', (d) => (stderr += d));
          child.on('close', (code) => res({ code: code ?? -1, stdout, stderr }));
        }),
    ),
  );
}

/**
 * Two datasets: one with two models (sibling folders), one with `_gt`/`_pred` suffixes, a multi-class
 * pair (pooled confusion matrix), a corrupt prediction (a failed pair) and an unpaired file.
 */
function dataset(names = 8): string {
  const files: Record<string, Uint8Array | string> = {};
  for (let i = 0; i < names; i++) {
    const { gt, prob } = discs((i % 5) - 2);
    const name = `case-${String(i).padStart(2, '0')}.png`;
    files[`organs/gt/${name}`] = gtPng(gt);
    files[`organs/pred_unet/${name}`] = predPng8(prob);
    files[`organs/pred_nnunet/${name}`] = predPng8(discs(i % 3).prob);
  }
  files['organs/pred_nnunet/case-03.png'] = 'not a png';
  files['organs/gt/case-99.png'] = gtPng(discs().gt);
  const classes = Array.from({ length: W * H }, (_, k) => (k % W < 8 ? 0 : k % W < 16 ? 1 : 2));
  const palette = [0, 0, 0, 200, 30, 30, 30, 200, 30];
  files['scenes/road_gt.png'] = encodePng({ width: W, height: H, colorType: 'palette', bitDepth: 8, samples: classes, palette });
  files['scenes/road_pred.png'] = encodePng({ width: W, height: H, colorType: 'palette', bitDepth: 8, samples: classes.map((c, k) => (k % 7 === 0 ? (c + 1) % 3 : c)), palette });
  for (let i = 0; i < 4; i++) {
    const { gt, prob } = discs(i);
    files[`scenes/s${i}_gt.png`] = gtPng(gt);
    files[`scenes/s${i}_pred.png`] = predPng8(prob);
  }
  return tempTree(files);
}

/** A dataset slow enough to stop mid-way: `count` pairs of 256² discs, each a little different. */
function slowDataset(count: number): string {
  const size = 256;
  const files: Record<string, Uint8Array> = {};
  for (let i = 0; i < count; i++) {
    const gt = new Uint8Array(size * size);
    const pred = new Uint8Array(size * size);
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) {
        gt[y * size + x] = Math.hypot(x - 128, y - 128) < 60 + (i % 9) ? 255 : 0;
        pred[y * size + x] = Math.round(255 / (1 + Math.exp(Math.hypot(x - 131 - (i % 4), y - 126) - 62)));
      }
    const name = `${String(i).padStart(3, '0')}.png`;
    files[`gt/${name}`] = greyPng(size, size, gt, 8);
    files[`pred/${name}`] = greyPng(size, size, pred, 8);
  }
  return tempTree(files);
}

/** Tests that run the CLI many times: a loaded 2-core machine takes minutes. */
const SLOW = 240_000;

const lines = (text: string) => text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
const pairLines = (text: string) => lines(text).filter((l) => typeof l.gt === 'string');

describe('shards and merge: the report of one unsharded run', () => {
  const dir = dataset();
  const out = tempTree({});
  const one = run(['report', dir, '--jobs', '1', '--format', 'json']);
  const total = JSON.parse(one.stdout).pairs.length as number;

  it('the unsharded run: every pair, a failed one, an unpaired file, pairs in the canonical order', () => {
    expect(one.code).toBe(1); // the corrupt prediction
    const report = JSON.parse(one.stdout);
    expect(total).toBe(8 * 2 + 5);
    expect(report.summary.failed).toBe(1);
    expect(report.unpaired.map((u: { path: string }) => u.path)).toContain('organs/gt/case-99.png');
    expect(report.summary.pooled).toBeDefined();
    const keys = report.pairs.map((p: Record<string, string>) => [p.root, p.dataset, p.model, p.gt, p.pred].join('\u0000'));
    expect(keys).toEqual([...keys].sort());
    expect(report.run.settingsHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(report.run.shard).toBeUndefined();
  });

  it('3 shards started at once (GNU parallel style), then merge: the unsharded run\'s JSON, byte for byte', async () => {
    const shards = await runAll([1, 2, 3].map((k) => ['report', dir, '--shard', `${k}/3`, '--jobs', '1', '--out', join(out, `part_${k}.jsonl`)]));
    const held = shards.map((r, k) => {
      const m = new RegExp(`shard ${k + 1}/3 \\(--shard\\): (\\d+) of ${total} pairs`).exec(r.stderr);
      expect(m, r.stderr).not.toBeNull();
      return Number(m?.[1]);
    });
    expect(held.reduce((a, b) => a + b, 0)).toBe(total);
    expect(held.every((n) => n > 0)).toBe(true);
    const parts = [1, 2, 3].map((k) => join(out, `part_${k}.jsonl`));
    for (const [k, part] of parts.entries()) {
      const header = lines(readFileSync(part, 'utf8'))[0];
      expect(header.run).toMatchObject({ shard: { index: k + 1, count: 3 } });
    }
    // Parts in any order on the command line.
    const file = run(['merge', parts[2], parts[0], parts[1], '--out', join(out, 'merged.json')]);
    expect(file.code, file.stderr).toBe(1); // the failed pair, as in the unsharded run
    expect(file.stdout).toBe('');
    expect(readFileSync(join(out, 'merged.json'), 'utf8')).toBe(one.stdout);
  }, SLOW);

  it.each(['jsonl', 'csv', 'markdown', 'table'])('merge --format %s: the unsharded run\'s text', (format) => {
    const parts = [1, 2, 3].map((k) => join(out, `part_${k}.jsonl`));
    const merged = run(['merge', ...parts, '--format', format]);
    expect(merged.code, merged.stderr).toBe(1);
    expect(merged.stdout).toBe(run(['report', dir, '--jobs', '1', '--format', format]).stdout);
  });

  it('json parts merge too, into any format (here jsonl, to a file)', () => {
    const parts = [1, 2].map((k) => join(out, `j_${k}.json`));
    // The shard holding the corrupt prediction exits 1, the other 0.
    const codes = parts.map((part, k) => run(['report', dir, '--shard', `${k + 1}/2`, '--jobs', '1', '--out', part]).code);
    expect(codes.sort()).toEqual([0, 1]);
    const merged = join(out, 'from-json.jsonl');
    expect(run(['merge', ...parts, '--out', merged]).code).toBe(1);
    expect(readFileSync(merged, 'utf8')).toBe(run(['report', dir, '--jobs', '1', '--format', 'jsonl']).stdout);
  });

  it('a manifest written once: shards read it instead of scanning, --pairs - reads stdin', () => {
    const manifest = join(out, 'pairs.jsonl');
    const p = run(['pairs', dir, '--format', 'jsonl']);
    expect(p.code).toBe(0);
    writeFileSync(manifest, p.stdout);
    const jobs = lines(p.stdout);
    expect(jobs).toHaveLength(total);
    expect(Object.keys(jobs[0])).toEqual(['root', 'gt', 'pred', 'dataset', 'model']);
    expect(p.stderr).toMatch(new RegExp(`${JSON.parse(one.stdout).unpaired.length} files unpaired`));
    const parts = [1, 2].map((k) => join(out, `m_${k}.jsonl`));
    expect(run(['report', '--pairs', manifest, '--shard', '1/2', '--jobs', '1', '--out', parts[0]]).stderr).toMatch(/shard 1\/2/);
    expect(run(['report', '--pairs', '-', '--shard', '2/2', '--jobs', '1', '--out', parts[1]], { input: p.stdout }).stderr).toMatch(/shard 2\/2/);
    const merged = run(['merge', ...parts, '--pairs', manifest, '--format', 'json']);
    expect(merged.code).toBe(1);
    const report = JSON.parse(merged.stdout);
    const unsharded = JSON.parse(one.stdout);
    // A manifest lists pairs, not the files that did not pair.
    expect({ ...report, unpaired: [] }).toEqual({ ...unsharded, unpaired: [] });
    expect(merged.stderr).not.toMatch(/missing|duplicated/);
  });

  it('a shard is chosen by the ground truth path: adding pairs never moves a pair to another shard', () => {
    const before = pairLines(run(['report', dir, '--shard', '2/3', '--jobs', '1', '--format', 'jsonl']).stdout).map((p) => p.gt);
    const bigger = dataset(14);
    const after = new Set(pairLines(run(['report', bigger, '--shard', '2/3', '--jobs', '1', '--format', 'jsonl']).stdout).map((p) => p.gt));
    expect(before.length).toBeGreaterThan(0);
    for (const gt of before) expect(after.has(gt), String(gt)).toBe(true);
    // Both models of one ground truth land in one shard.
    const models = pairLines(run(['report', dir, '--shard', '2/3', '--jobs', '1', '--format', 'jsonl']).stdout).filter((p) => p.dataset === 'organs');
    for (const p of models) expect(models.filter((q) => q.gt === p.gt)).toHaveLength(2);
  });

  it('K and N from Slurm (SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN) and from a Kubernetes Indexed Job', () => {
    const explicit = run(['report', dir, '--shard', '2/3', '--jobs', '1', '--format', 'jsonl']).stdout;
    const slurm = run(['report', dir, '--shard', 'auto', '--jobs', '1', '--format', 'jsonl'], {
      env: { SLURM_ARRAY_TASK_ID: '5', SLURM_ARRAY_TASK_MIN: '4', SLURM_ARRAY_TASK_COUNT: '3' },
    });
    expect(slurm.stderr).toMatch(/shard 2\/3 \(SLURM_ARRAY_TASK_ID=5, SLURM_ARRAY_TASK_MIN=4\): \d+ of 21 pairs/);
    expect(slurm.stdout).toBe(explicit);
    const k8s = run(['report', dir, '--shard-count', '3', '--jobs', '1', '--format', 'jsonl'], { env: { JOB_COMPLETION_INDEX: '1' } });
    expect(k8s.stderr).toMatch(/shard 2\/3 \(JOB_COMPLETION_INDEX=1\)/);
    expect(k8s.stdout).toBe(explicit);
    const noCount = run(['report', dir, '--shard', 'auto', '--format', 'jsonl'], { env: { JOB_COMPLETION_INDEX: '1' } });
    expect(noCount.code).toBe(1);
    expect(noCount.stderr).toMatch(/JOB_COMPLETION_INDEX is set but the number of shards is not; give --shard-count N/);
    const outside = run(['report', dir, '--shard', 'auto', '--format', 'jsonl']);
    expect(outside.code).toBe(1);
    expect(outside.stderr).toMatch(/neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set/);
    expect(run(['report', dir, '--shard', '4/3']).code).toBe(2);
    expect(run(['report', dir, '--shard', '0/3']).code).toBe(2);
  }, SLOW);

  it('merge refuses parts of different settings or versions, and an interrupted part', () => {
    const a = join(out, 'a.jsonl');
    const b = join(out, 'b.jsonl');
    run(['report', dir, '--shard', '1/2', '--jobs', '1', '--out', a]);
    run(['report', dir, '--shard', '2/2', '--threshold', '0.4', '--jobs', '1', '--out', b]);
    const mixed = run(['merge', a, b, '--out', join(out, 'mixed.json')]);
    expect(mixed.code).toBe(1);
    expect(mixed.stderr).toMatch(/b\.jsonl was computed with other settings than .*a\.jsonl \(settings differ\); merge parts of one run/);
    expect(existsSync(join(out, 'mixed.json'))).toBe(false);

    const older = join(out, 'older.jsonl');
    writeFileSync(older, readFileSync(b, 'utf8').replace(/"version":"[^"]+"/g, '"version":"0.0.1"'));
    const version = run(['merge', a, older]);
    expect(version.code).toBe(1);
    expect(version.stderr).toMatch(/older\.jsonl was written by mask-inspector 0\.0\.1, .* by \d+\.\d+\.\d+; merge parts of one version/);

    const swapped = join(out, 'swapped.jsonl');
    const [head, p1, p2, ...rest] = readFileSync(a, 'utf8').split('\n');
    writeFileSync(swapped, [head, p2, p1, ...rest].join('\n'));
    const disorder = run(['merge', swapped]);
    expect(disorder.code).toBe(1);
    expect(disorder.stderr).toMatch(/swapped\.jsonl: pairs out of order at /);

    const cut = join(out, 'cut.jsonl');
    writeFileSync(cut, readFileSync(a, 'utf8').split('\n').slice(0, 4).join('\n') + '\n');
    const killed = run(['merge', cut, a]);
    expect(killed.code).toBe(1);
    expect(killed.stderr).toMatch(/cut\.jsonl has no summary line: its run was killed before the end; finish it with 'report \.\.\. --out .*cut\.jsonl --resume'/);
  });

  it('merge reports duplicated pairs and, with --pairs, missing ones (exit 1), keeping each pair once', () => {
    const parts = [1, 2, 3].map((k) => join(out, `part_${k}.jsonl`));
    const manifest = join(out, 'pairs.jsonl');
    const twice = run(['merge', parts[0], parts[1], parts[2], parts[1], '--format', 'json']);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/shard 2\/3 given twice/);
    expect(twice.stderr).toMatch(/duplicated pair .* in .*part_2\.jsonl and .*part_2\.jsonl/);
    expect(twice.stdout).toBe(one.stdout);

    const missing = run(['merge', parts[0], parts[2], '--pairs', manifest, '--format', 'json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/shard 2\/3 missing/);
    const held = pairLines(readFileSync(parts[1], 'utf8')).length;
    expect(missing.stderr).toMatch(/missing pair .*: in the manifest, in no part/);
    if (held > 10) expect(missing.stderr).toMatch(new RegExp(`${held} missing pairs in all`));
    else expect(missing.stderr.match(/missing pair /g)).toHaveLength(held);
    expect(JSON.parse(missing.stdout).pairs).toHaveLength(total - held);
  });

  it('bad manifest lines: one line each naming FILE:LINE, the other pairs still computed, exit 1', () => {
    const good = readFileSync(join(out, 'pairs.jsonl'), 'utf8').trim().split('\n');
    const bad = join(out, 'bad.jsonl');
    writeFileSync(bad, [good[0], '{"root": "x", "gt": 3}', 'not json', '', good[1], good[0], '[1, 2]', '{"root":"x","gt":"a.png"}'].join('\n') + '\n');
    const r = run(['report', '--pairs', bad, '--jobs', '1', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/pairs manifest .*bad\.jsonl:2: "gt" is not a string/);
    expect(r.stderr).toMatch(/pairs manifest .*bad\.jsonl:3: not valid JSON/);
    expect(r.stderr).toMatch(/pairs manifest .*bad\.jsonl:6: the same pair as line 1 \(left out\)/);
    expect(r.stderr).toMatch(/pairs manifest .*bad\.jsonl:7: expected an object/);
    expect(r.stderr).toMatch(/pairs manifest .*bad\.jsonl:8: "pred" is missing/);
    expect(JSON.parse(r.stdout).pairs).toHaveLength(2);
    const none = run(['report', '--pairs', join(out, 'nope.jsonl')]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/pairs manifest .*nope\.jsonl: no such file or directory/);
  });
});

describe('--out is atomic and --resume finishes a stopped run', () => {
  const dir = slowDataset(40);
  const fresh = run(['report', dir, '--jobs', '1', '--format', 'jsonl']).stdout;

  /** Starts a report and stops it with `signal` once a few pairs are written to its temp file. */
  async function stopMidway(args: string[], out: string, signal: NodeJS.Signals): Promise<number> {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: 'ignore' });
    const folder = join(out, '..');
    for (;;) {
      await new Promise((r) => setTimeout(r, 20));
      const temp = readdirSync(folder).find((n) => n.endsWith('.part'));
      if (temp && readFileSync(join(folder, temp), 'utf8').split('\n').length > 6) break;
      if (child.exitCode !== null) throw new Error('the run ended before it could be stopped');
    }
    child.kill(signal);
    return new Promise((res) => child.on('exit', (code, sig) => res(code ?? (sig === 'SIGKILL' ? 137 : -1))));
  }

  it('SIGTERM: a well-formed report marked interrupted, no temp file; --resume completes it exactly', async () => {
    const out = join(tempTree({}), 'report.jsonl');
    const args = ['report', dir, '--jobs', '1', '--out', out, '--resume'];
    expect(await stopMidway(args, out, 'SIGTERM')).toBe(143);
    expect(readdirSync(join(out, '..'))).toEqual(['report.jsonl']);
    const partial = lines(readFileSync(out, 'utf8'));
    const done = partial.filter((l) => typeof l.gt === 'string');
    expect(done.length).toBeGreaterThan(0);
    expect(done.length).toBeLessThan(40);
    expect((partial.at(-1)?.summary as { interrupted?: boolean }).interrupted).toBe(true);
    const merge = run(['merge', out]);
    expect(merge.code).toBe(1);
    expect(merge.stderr).toMatch(/report of an interrupted run/);

    const resumed = run(args);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(new RegExp(`--resume: ${done.length} of 40 pairs already computed`));
    // Each pair once, in order, with a summary of all of them: the fresh run's report, byte for byte.
    expect(readFileSync(out, 'utf8')).toBe(fresh);
    expect(readdirSync(join(out, '..'))).toEqual(['report.jsonl']);
  }, SLOW);

  it('SIGKILL leaves only a temp file; --resume takes its complete lines and removes it', async () => {
    const out = join(tempTree({}), 'report.jsonl');
    const args = ['report', dir, '--jobs', '2', '--out', out, '--resume'];
    expect(await stopMidway(args, out, 'SIGKILL')).toBe(137);
    const [temp] = readdirSync(join(out, '..'));
    expect(temp).toMatch(/^report\.jsonl\.\d+\.[0-9a-f]+\.part$/);
    const resumed = run(args);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/--resume: \d+ of 40 pairs already computed/);
    expect(readFileSync(out, 'utf8')).toBe(fresh);
    expect(readdirSync(join(out, '..'))).toEqual(['report.jsonl']);
  }, SLOW);

  it('--resume refuses a report of other settings and leaves it as it was', () => {
    const out = join(tempTree({}), 'report.jsonl');
    writeFileSync(out, fresh);
    const r = run(['report', dir, '--jobs', '1', '--out', out, '--resume', '--threshold', '0.3']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--resume: .*report\.jsonl was computed with other settings \(sha256:\w+, now sha256:\w+\); remove it or give the same options/);
    expect(readFileSync(out, 'utf8')).toBe(fresh);
    const again = run(['report', dir, '--jobs', '1', '--out', out, '--resume']);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/--resume: 40 of 40 pairs already computed/);
    expect(readFileSync(out, 'utf8')).toBe(fresh);
    expect(run(['report', dir, '--resume', '--out', join(out, '..', 'r.json')]).code).toBe(2);
  });
});
