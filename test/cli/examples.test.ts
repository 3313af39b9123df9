import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, tempTree } from './run';

/**
 * The cluster examples of docs/CLUSTER.md, run as written: `mask-inspector` on PATH is the built CLI,
 * and Slurm's sbatch is test/cli/fake-sbatch.sh (it runs each array task in turn with Slurm's variables).
 */
/** Each runs the CLI a dozen times on samples/: minutes on a loaded 2-core machine. */
const SLOW = 240_000;

function shell(script: string, args: string[], bin: string, env: Record<string, string> = {}): { code: number; stdout: string; stderr: string } {
  const r = spawnSync('bash', [script, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, ...env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function binDir(): string {
  const bin = join(tempTree({}), 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'mask-inspector'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(join(bin, 'mask-inspector'), 0o755);
  copyFileSync(join(ROOT, 'test/cli/fake-sbatch.sh'), join(bin, 'sbatch'));
  chmodSync(join(bin, 'sbatch'), 0o755);
  return bin;
}

describe('cluster examples run as written', () => {
  const bin = binDir();
  const unsharded = (dir: string) => spawnSync(process.execPath, [CLI, 'report', dir, '--ignore-index', '255', '--format', 'json'], { cwd: ROOT, encoding: 'utf8' }).stdout;

  it('GNU parallel on one machine: examples/cluster/parallel.sh gives the unsharded report', () => {
    const gnu = spawnSync('parallel', ['--version'], { encoding: 'utf8' });
    expect(gnu.stdout, 'GNU parallel is missing: run scripts/setup-test-env.sh').toMatch(/GNU parallel/);
    const out = join(tempTree({}), 'run with spaces');
    const r = shell('examples/cluster/parallel.sh', ['samples', out, '--ignore-index', '255'], bin, { SHARDS: '3' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/shard 3\/3 \(--shard\): \d+ of 17 pairs/);
    expect(readFileSync(join(out, 'report.json'), 'utf8')).toBe(unsharded('samples'));
  }, SLOW);

  it('a Slurm array: submit.sh, shard.sbatch (--shard auto from SLURM_ARRAY_TASK_*) and merge.sbatch', () => {
    const out = join(tempTree({}), 'run');
    const r = shell('examples/cluster/slurm/submit.sh', ['samples', out, '--ignore-index', '255'], bin, { SHARDS: '4' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/array 4242: 4 shards of 17 pairs/);
    for (let k = 0; k < 4; k++) {
      const log = readFileSync(join(out, 'logs', `shard_${k}.log`), 'utf8');
      expect(log).toMatch(new RegExp(`shard ${k + 1}/4 \\(SLURM_ARRAY_TASK_ID=${k}, SLURM_ARRAY_TASK_MIN=0\\)`));
      expect(log).toMatch(/exit 0\n$/);
    }
    expect(readFileSync(join(out, 'logs', 'merge.log'), 'utf8')).toBe('exit 0\n');
    // submit.sh gives the nodes an absolute DATA.
    expect(readFileSync(join(out, 'report.json'), 'utf8')).toBe(unsharded(join(ROOT, 'samples')));
  }, SLOW);
});
