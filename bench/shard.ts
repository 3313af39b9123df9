/**
 * Sharding overhead: one `report --jobs 1` against the sharded flow on the same pairs — the manifest
 * (`pairs --format jsonl`), 4 shards of `--jobs 1` run one after the other, then `merge`. The ratio of
 * their CPU-bound wall times is what sharding adds (each shard starts a process and reads the manifest;
 * merge reads the parts back); the shards of a real run go side by side on other cores or machines.
 * CPU time (user + system, from bash's `times`) is the figure compared: wall time on a shared machine
 * measures the neighbours.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { makeDataset } from './cli';
import { row } from './table';

const SHARDS = 4;

interface Timing {
  wall: number;
  cpu: number;
}

const seconds = (text: string): number => {
  const m = /(\d+)m([\d.]+)s/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
};

/** Runs the CLI under bash, whose `times` then prints the CPU time of its children. */
async function timed(cli: string, args: string[], stdout = '/dev/null'): Promise<Timing> {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const script = `${[process.execPath, cli, ...args].map(q).join(' ')} > ${q(stdout)} 2>/dev/null || exit 1; times >&2`;
  const t0 = performance.now();
  const child = spawn('bash', ['-c', script], { stdio: ['ignore', 'ignore', 'pipe'] });
  let text = '';
  child.stderr.on('data', (d) => (text += d));
  const code = await new Promise<number>((res) => child.on('close', (c) => res(c ?? -1)));
  if (code !== 0) throw new Error(`mask-inspector ${args.join(' ')}: exit ${code}`);
  // Second line of `times`: user and system time of the children.
  const [user, sys] = (text.trim().split('\n')[1] ?? '').split(/\s+/).map(seconds);
  return { wall: (performance.now() - t0) / 1000, cpu: user + sys };
}

export async function shardBench(cli: string, count: number): Promise<void> {
  console.log(`\n## Shards: ${count} pairs at 256², one \`report --jobs 1\` against ${SHARDS} shards of \`--jobs 1\` + merge\n`);
  const dir = makeDataset(count);
  try {
    const one = join(dir, 'one.jsonl');
    const single = await timed(cli, ['report', dir, '--jobs', '1', '--out', one]);
    const manifest = join(dir, 'pairs.jsonl');
    const list = await timed(cli, ['pairs', dir, '--format', 'jsonl'], manifest);
    const parts = Array.from({ length: SHARDS }, (_, k) => join(dir, `part_${k + 1}.jsonl`));
    const shards: Timing[] = [];
    for (const [k, part] of parts.entries()) shards.push(await timed(cli, ['report', '--pairs', manifest, '--shard', `${k + 1}/${SHARDS}`, '--jobs', '1', '--out', part]));
    const merged = join(dir, 'merged.jsonl');
    const merge = await timed(cli, ['merge', ...parts, '--out', merged]);
    const sum = (ts: Timing[]): Timing => ({ wall: ts.reduce((a, t) => a + t.wall, 0), cpu: ts.reduce((a, t) => a + t.cpu, 0) });
    const total = sum([list, ...shards, merge]);
    const cols = ['step', 'CPU s', 'wall s', 'pairs per CPU s'];
    const line = (name: string, t: Timing, pairs?: number) => console.log(row([name, t.cpu.toFixed(2), t.wall.toFixed(2), pairs ? (pairs / t.cpu).toFixed(0) : '']));
    console.log(row(cols));
    console.log(row(cols.map(() => '---')));
    line('one run', single, count);
    line('pairs --format jsonl', list);
    shards.forEach((t, k) => line(`shard ${k + 1}/${SHARDS} (${readFileSync(parts[k], 'utf8').split('\n').length - 3} pairs)`, t));
    line('merge', merge, count);
    line('sharded total', total, count);
    const same = readFileSync(merged, 'utf8') === readFileSync(one, 'utf8');
    const ratio = total.cpu / single.cpu;
    console.log(`\nOverhead of sharding (CPU): ×${ratio.toFixed(3)} (${((ratio - 1) * 100).toFixed(1)}%); merged report ${same ? 'identical to' : 'DIFFERS from'} the one run's.`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
