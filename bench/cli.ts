/**
 * Batch benchmark: `report --jobs 2` over many 256² pairs, as a CI job would run it. Peak memory is
 * read from /proc while it runs, for two dataset sizes: it must not grow with the number of pairs.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticPair } from './engine';
import { row } from './table';

export function makeDataset(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'mask-inspector-bench-'));
  mkdirSync(join(dir, 'gt'));
  mkdirSync(join(dir, 'pred'));
  // A handful of distinct pairs, repeated: decoding and computing cost the same for each copy.
  const variants = Array.from({ length: 8 }, (_, i) => syntheticPair(256, i + 1));
  for (let i = 0; i < count; i++) {
    const v = variants[i % variants.length];
    const name = `${String(i).padStart(5, '0')}.png`;
    writeFileSync(join(dir, 'gt', name), v.gt);
    writeFileSync(join(dir, 'pred', name), v.pred);
  }
  return dir;
}

function peakKiB(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

async function timeReport(cli: string, dir: string, jobs: number): Promise<{ seconds: number; peakMiB: number; code: number }> {
  const out = join(dir, 'report.jsonl');
  const t0 = performance.now();
  const child = spawn(process.execPath, [cli, 'report', dir, '--jobs', String(jobs), '--out', out], { stdio: 'ignore' });
  let peak = 0;
  const poll = setInterval(() => (peak = Math.max(peak, peakKiB(child.pid as number))), 20);
  const code = await new Promise<number>((res) => child.on('exit', (c) => res(c ?? -1)));
  clearInterval(poll);
  return { seconds: (performance.now() - t0) / 1000, peakMiB: peak / 1024, code };
}

export async function cliBench(cli: string): Promise<void> {
  console.log('\n## CLI batch: `report DIR --jobs N --out report.jsonl`, 256² pairs (8-bit ground truth, 16-bit probability PNG)\n');
  console.log('Baseline: 1000 pairs with `--jobs 1`, measured first in this run; "× jobs 1" is pairs/s over its pairs/s.\n');
  const cols = ['pairs', 'jobs', 'seconds', 'pairs/s', '× jobs 1', 'peak RSS MiB (process)', 'exit'];
  console.log(row(cols));
  console.log(row(cols.map(() => '---')));
  let baseline = NaN;
  for (const [count, jobs] of [[1000, 1], [250, 2], [1000, 2]] as const) {
    const dir = makeDataset(count);
    try {
      const r = await timeReport(cli, dir, jobs);
      const rate = count / r.seconds;
      if (jobs === 1) baseline = rate;
      console.log(row([String(count), String(jobs), r.seconds.toFixed(2), rate.toFixed(0), (rate / baseline).toFixed(2), r.peakMiB.toFixed(0), String(r.code)]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
