import { createWriter, type ReportHeader } from '../core/report/formats';
import { comparePairs, pairLabel } from '../core/report/order';
import type { PairReport, Unpaired } from '../core/report/schema';
import { SummaryBuilder } from '../core/report/summary';
import type { MergeArgs } from './args';
import { onInterrupt } from './interrupt';
import { readManifest } from './manifest';
import { fileOutput, PipeClosed, stdoutOutput } from './output';
import { openPart, type ReportPart } from './parts';
import { summaryOptionsOf } from './runInfo';

/** Problems of one kind: the first few named, then a count, so a million missing pairs stay readable. */
class ProblemList {
  private count = 0;
  constructor(private readonly log: (line: string) => void, private readonly what: string) {}
  add(line: string): void {
    if (++this.count <= 10) this.log(line);
  }
  /** Logs the count when some were not named; the number of problems. */
  close(): number {
    if (this.count > 10) this.log(`${this.count} ${this.what} in all (the first 10 named above)`);
    return this.count;
  }
}

/** Refuses parts of different runs: another version, other settings, other losses or metrics. */
function checkSameRun(parts: readonly ReportPart[]): void {
  const [first, ...rest] = parts;
  for (const p of rest) {
    if (p.header.tool.version !== first.header.tool.version)
      throw new Error(`${p.path} was written by ${p.header.tool.name} ${p.header.tool.version}, ${first.path} by ${first.header.tool.version}; merge parts of one version`);
    if (p.header.run?.settingsHash !== first.header.run?.settingsHash) {
      const differ = ['preset', 'settings', 'losses', 'metrics'].filter((k) => {
        const pick = (h: ReportHeader) => JSON.stringify(k === 'losses' || k === 'metrics' ? h.run?.[k] : h[k as 'preset' | 'settings']);
        return pick(p.header) !== pick(first.header);
      });
      throw new Error(`${p.path} was computed with other settings than ${first.path}${differ.length ? ` (${differ.join(', ')} differ)` : ''}; merge parts of one run`);
    }
  }
}

/** Shards of one run: one count, every index once. */
function checkShards(parts: readonly ReportPart[], problem: (line: string) => void): void {
  const sharded = parts.filter((p) => p.header.run?.shard);
  if (!sharded.length) return;
  const counts = new Set(sharded.map((p) => p.header.run?.shard?.count));
  if (counts.size > 1) return problem(`the parts come from different shard counts (${[...counts].join(', ')})`);
  const count = [...counts][0] as number;
  const seen = new Map<number, string>();
  for (const p of sharded) {
    const k = p.header.run?.shard?.index as number;
    const other = seen.get(k);
    if (other) problem(`shard ${k}/${count} given twice: ${other} and ${p.path}`);
    seen.set(k, p.path);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((k) => !seen.has(k));
  if (missing.length && sharded.length === parts.length) problem(`shard${missing.length > 1 ? 's' : ''} ${missing.map((k) => `${k}/${count}`).join(', ')} missing`);
}

/** A min-heap of the next pair of each part, in the canonical order. */
class PartHeap {
  private readonly items: Array<{ pair: PairReport; part: number }> = [];
  get size(): number {
    return this.items.length;
  }
  push(item: { pair: PairReport; part: number }): void {
    const a = this.items;
    a.push(item);
    for (let i = a.length - 1; i > 0; ) {
      const up = (i - 1) >> 1;
      if (this.less(a[up], a[i])) break;
      [a[up], a[i]] = [a[i], a[up]];
      i = up;
    }
  }
  pop(): { pair: PairReport; part: number } {
    const a = this.items;
    const top = a[0];
    const last = a.pop() as (typeof a)[number];
    if (a.length) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l], a[m])) m = l;
        if (r < a.length && this.less(a[r], a[m])) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
  // Ties by part, so the first part given keeps a duplicated pair.
  private less(x: { pair: PairReport; part: number }, y: { pair: PairReport; part: number }): boolean {
    return (comparePairs(x.pair, y.pair) || x.part - y.part) < 0;
  }
}

/**
 * The `merge` command: parts of one run (shards, or any split of its pairs) into the report an unsharded
 * run writes — pairs in the canonical order, the summary rebuilt from every pair by the same
 * SummaryBuilder. Each part is already in that order, so this is a streaming merge: memory does not
 * grow with the number of pairs. Resolves to the exit code.
 */
export async function runMerge(a: MergeArgs, log: (line: string) => void): Promise<number> {
  const parts = a.parts.map(openPart);
  checkSameRun(parts);
  const problems = new ProblemList(log, 'problems');
  for (const p of parts) {
    if (!p.end) throw new Error(`${p.path} has no summary line: its run was killed before the end; finish it with 'report ... --out ${p.path} --resume'`);
    if (p.end.interrupted) throw new Error(`${p.path} is the report of an interrupted run; finish it with 'report ... --out ${p.path} --resume'`);
  }
  checkShards(parts, (line) => problems.add(line));
  const manifest = a.pairsFile === undefined ? undefined : readManifest(a.pairsFile);
  manifest?.problems.forEach((line) => problems.add(line));
  const expected = manifest?.jobs.sort(comparePairs);

  const first = parts[0].header;
  // checkHeader made sure every part has its run; the merged report is the unsharded run's.
  const run = { ...(first.run as NonNullable<ReportHeader['run']>) };
  delete run.shard;
  const header: ReportHeader = { ...first, run };
  const format = a.format ?? (a.out === undefined && process.stdout.isTTY ? 'table' : 'json');
  const writer = createWriter(format, { losses: run.losses, metrics: run.metrics, classNames: header.settings.classNames });
  const summary = new SummaryBuilder(summaryOptionsOf(header));
  const duplicates = new ProblemList(log, 'duplicated pairs');
  const missing = new ProblemList(log, 'missing pairs');
  const extra = new ProblemList(log, 'pairs not in the manifest');
  const interrupt = onInterrupt();
  const output = a.out === undefined ? stdoutOutput : fileOutput(a.out, [...a.parts, ...(a.pairsFile && a.pairsFile !== '-' ? [a.pairsFile] : [])]);
  try {
    output.write(writer.begin(header));
    const sources = parts.map((p) => p.pairs());
    const heap = new PartHeap();
    const counts = parts.map(() => 0);
    const previous: Array<PairReport | undefined> = parts.map(() => undefined);
    const pull = (part: number) => {
      const it = sources[part].next();
      if (it.done) return;
      const before = previous[part];
      if (before && comparePairs(before, it.value) > 0)
        throw new Error(`${parts[part].path}: pairs out of order at ${pairLabel(it.value)} (not a report written by 'mask-inspector report'?)`);
      previous[part] = it.value;
      counts[part]++;
      heap.push({ pair: it.value, part });
    };
    parts.forEach((_, k) => pull(k));
    let last: { pair: PairReport; part: number } | undefined;
    let m = 0;
    while (heap.size) {
      if (interrupt.signal.aborted) {
        output.abort();
        return interrupt.exitCode();
      }
      const item = heap.pop();
      pull(item.part);
      if (last && comparePairs(last.pair, item.pair) === 0) {
        duplicates.add(`duplicated pair ${pairLabel(item.pair)}: in ${parts[last.part].path} and ${parts[item.part].path} (the first kept)`);
        continue;
      }
      if (expected) {
        while (m < expected.length && comparePairs(expected[m], item.pair) < 0) missing.add(`missing pair ${pairLabel(expected[m++])}: in the manifest, in no part`);
        if (m < expected.length && comparePairs(expected[m], item.pair) === 0) m++;
        else extra.add(`pair ${pairLabel(item.pair)} of ${parts[item.part].path} is not in the manifest ${a.pairsFile}`);
      }
      last = item;
      summary.add(item.pair);
      output.write(writer.pair(item.pair));
    }
    while (expected && m < expected.length) missing.add(`missing pair ${pairLabel(expected[m++])}: in the manifest, in no part`);
    parts.forEach((p, k) => {
      if (counts[k] !== p.end?.summary.pairs) problems.add(`${p.path}: ${counts[k]} pairs, but its summary counts ${p.end?.summary.pairs}`);
    });
    // Every part lists the run's unpaired files; each once, in the order first seen.
    const unpaired = new Map<string, Unpaired>();
    for (const p of parts)
      for (const u of p.end?.unpaired ?? []) {
        const key = JSON.stringify([u.path, u.reason]);
        if (!unpaired.has(key)) unpaired.set(key, u);
      }
    const s = summary.build();
    output.write(writer.end([...unpaired.values()], s));
    output.commit();
    const bad = problems.close() + duplicates.close() + missing.close() + extra.close();
    return bad > 0 || s.failed > 0 ? 1 : 0;
  } catch (e) {
    output.abort();
    // The reader of stdout went away (`| head`): nothing more to say.
    if (e instanceof PipeClosed) return 141;
    throw e;
  } finally {
    interrupt.dispose();
  }
}
