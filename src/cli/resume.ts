import { readdirSync, realpathSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ReportHeader } from '../core/report/formats';
import { pairKey } from '../core/report/order';
import type { PairJob } from '../core/report/pairJob';
import type { PairReport } from '../core/report/schema';
import { openPart } from './parts';

/** What an earlier run of the same settings left: its computed pairs, and the leftover files to remove. */
export interface Previous {
  pairs: Map<string, PairReport>;
  /** Temp files of killed runs that were read: removed once the new report is in place. */
  leftovers: string[];
}

/** Is process `pid` alive (a temp file of a running report must be left alone)? */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Temp files (`FILE.<pid>.<hex>.part`) that a killed run writing `out` left next to it. */
function killedRunTemps(out: string): string[] {
  const target = statSync(out, { throwIfNoEntry: false }) ? realpathSync(out) : out;
  const dir = dirname(target);
  const base = basename(target);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.startsWith(`${base}.`) && /^\.(\d+)\.[0-9a-f]+\.part$/.test(n.slice(base.length)))
    .filter((n) => !alive(Number(/^\.(\d+)\./.exec(n.slice(base.length))?.[1])))
    .sort()
    .map((n) => join(dir, n));
}

/**
 * `--resume`: the computed pairs of `out` (a finished or interrupted report of the same settings and
 * version) and of the temp files a killed run left beside it (all complete lines). Pairs that failed
 * are left out, so they are tried again. A header of other settings, another version or another
 * shard is an error: the resumed report would mix two runs.
 */
export function readPrevious(out: string, header: ReportHeader, log: (line: string) => void): Previous {
  const pairs = new Map<string, PairReport>();
  const leftovers = killedRunTemps(out);
  const sources = [...(statSync(out, { throwIfNoEntry: false })?.isFile() ? [out] : []), ...leftovers];
  for (const path of sources) {
    const part = openPart(path);
    const was = part.header;
    if (was.tool.version !== header.tool.version)
      throw new Error(`--resume: ${path} was written by ${was.tool.name} ${was.tool.version}, this is ${header.tool.version}; remove it or run that version`);
    if (was.run?.settingsHash !== header.run?.settingsHash)
      throw new Error(`--resume: ${path} was computed with other settings (${was.run?.settingsHash}, now ${header.run?.settingsHash}); remove it or give the same options`);
    const shardText = (h: ReportHeader) => (h.run?.shard ? `shard ${h.run.shard.index}/${h.run.shard.count}` : 'no shard');
    if (shardText(was) !== shardText(header)) throw new Error(`--resume: ${path} holds ${shardText(was)}, this run is ${shardText(header)}`);
    for (const p of part.pairs(true)) if (!p.error) pairs.set(pairKey(p), p);
  }
  if (!sources.length) log(`--resume: no ${out} yet; starting from the first pair`);
  return { pairs, leftovers };
}

/** Drops kept pairs that are no longer in the run (a changed manifest), saying how many. */
export function keepOnly(previous: Previous, jobs: readonly PairJob[], log: (line: string) => void): void {
  const wanted = new Set(jobs.map(pairKey));
  let dropped = 0;
  for (const key of previous.pairs.keys())
    if (!wanted.has(key)) {
      previous.pairs.delete(key);
      dropped++;
    }
  if (dropped) log(`--resume: ${dropped} pairs of the earlier report are not in this run; left out`);
  if (previous.pairs.size) log(`--resume: ${previous.pairs.size} of ${jobs.length} pairs already computed`);
}

/**
 * The run's pairs in job order: kept ones from the earlier report, the others from `compute` (given
 * only the missing jobs). If `compute` stops early (an interrupt), the remaining kept pairs still come,
 * so an interrupted resume loses nothing it had.
 */
export async function* withPrevious(
  jobs: readonly PairJob[],
  previous: Previous,
  compute: (todo: PairJob[]) => AsyncGenerator<PairReport>,
): AsyncGenerator<PairReport> {
  const computed = compute(jobs.filter((j) => !previous.pairs.has(pairKey(j))));
  let more = true;
  try {
    for (const job of jobs) {
      const kept = previous.pairs.get(pairKey(job));
      if (kept) yield kept;
      else if (more) {
        const r = await computed.next();
        if (r.done) more = false;
        else yield r.value;
      }
    }
  } finally {
    await computed.return(undefined);
  }
}

/** Removes the temp files of killed runs once their pairs are in the new report. */
export function removeLeftovers(previous: Previous): void {
  for (const path of previous.leftovers) unlinkSync(path);
}
