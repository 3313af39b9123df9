import { join } from 'node:path';
import { DEFAULT_MAX_CLASSES } from '../core/io/budget';
import { DEFAULT_MAX_PIXELS } from '../core/io/index';
import { LOSSES, METRICS } from '../core/registry';
import { createWriter, type ReportHeader } from '../core/report/formats';
import type { JobSettings, PairJob } from '../core/report/pairJob';
import { REPORT_SCHEMA } from '../core/report/schema';
import { SummaryBuilder } from '../core/report/summary';
import type { ReportArgs } from './args';
import { classSettings } from './classFiles';
import { readPaletteFile } from './files';
import { onInterrupt } from './interrupt';
import { collectJobs } from './jobs';
import { defaultJobs, defaultMemoryBytes } from './memory';
import { fileOutput, PipeClosed, stdoutOutput, type ReportOutput } from './output';
import { computeAll, startWorkers, type RunWorkers } from './pool';
import { Progress } from './progress';
import { keepOnly, readPrevious, removeLeftovers, withPrevious, type Previous } from './resume';
import { runInfo, summaryOptionsOf } from './runInfo';

export const TOOL = { name: 'mask-inspector', version: '0.1.0' };

/** Every file the run reads: --out may not be one of them. */
function inputsOf(jobs: readonly PairJob[], a: ReportArgs): string[] {
  return [...jobs.flatMap((j) => [join(j.root, j.gt), join(j.root, j.pred)]), ...[a.palette, a.pairing, a.pairsFile].filter((p): p is string => p !== undefined && p !== '-')];
}

/** The `report` command; resolves to the exit code. */
export async function runReport(a: ReportArgs, workerScript: string, log: (line: string) => void): Promise<number> {
  // With --jobs given, the workers boot while the pairs are found (a worker takes ~0.1 s to start).
  const early = a.jobs !== undefined ? startWorkers(a.jobs, workerScript) : undefined;
  try {
    return await report(a, workerScript, log, early);
  } finally {
    await early?.close();
  }
}

async function report(a: ReportArgs, workerScript: string, log: (line: string) => void, early: RunWorkers | undefined): Promise<number> {
  const palette = a.palette ? readPaletteFile(a.palette) : undefined;
  // This shard's pairs; settings found from the data look at all of them, so every shard finds the same.
  const found = collectJobs(a, process.env, log);
  const jobs = found.jobs;
  const { classNames, labelMap, ignoreIndex } = classSettings(a, found.all, log);

  const settings: JobSettings = {
    engine: {
      preset: a.preset, threshold: a.threshold, spacing: a.spacing, nsdTolerance: a.nsdTolerance, params: a.params,
      hdPercentile: a.hdPercentile, nsdTolerances: a.nsdTolerances, includeBackground: a.includeBackground,
      losses: a.losses, metrics: a.metrics,
    },
    ignoreIndex,
    labelMap,
    multiLabel: a.multiLabel,
    activation: a.activation,
    objects: a.objects,
    palette,
    maxPixels: a.maxPixels ?? DEFAULT_MAX_PIXELS,
    maxClasses: a.maxClasses ?? DEFAULT_MAX_CLASSES,
    ...(a.axisOrder && { axisOrder: a.axisOrder }),
  };
  // Memory bounds the run, not each pair: parallel pairs share it, and each is refused beyond its share.
  const memory = a.maxMemory ?? defaultMemoryBytes();
  const parallel = Math.min(a.jobs ?? defaultJobs(jobs, memory, settings.maxClasses ?? DEFAULT_MAX_CLASSES, log), Math.max(jobs.length, 1));
  settings.memoryBudget = Math.floor(memory / parallel);
  if (found.all.length === 0 && a.out !== undefined) {
    log(`no pairs found in ${a.dirs.join(', ')}${found.unpaired.length ? ` (${found.unpaired.length} files unpaired; see 'mask-inspector pairs')` : ''}; ${a.out} not written`);
    return 1;
  }
  const format = a.format ?? (a.out === undefined && process.stdout.isTTY ? 'table' : 'json');
  const columns = { losses: a.losses ?? LOSSES.map((l) => l.id), metrics: a.metrics ?? METRICS.map((m) => m.id) };
  const writer = createWriter(format, { ...columns, classNames });
  const base: Omit<ReportHeader, 'run'> = {
    schema: REPORT_SCHEMA,
    tool: TOOL,
    preset: a.preset,
    settings: { threshold: a.threshold, spacing: a.spacing, nsdTolerance: a.nsdTolerance, ignoreIndex: ignoreIndex ?? null, params: a.params, meanOver: a.meanOver, activation: a.activation, hdPercentile: a.hdPercentile, ...(a.nsdTolerances && { nsdTolerances: a.nsdTolerances }), ...(a.includeBackground !== undefined && { includeBackground: a.includeBackground }), ...(a.multiLabel && { multiLabel: true }), ...(classNames && { classNames }), ...(labelMap && { labelMap }), objects: a.objects },
  };
  const header: ReportHeader = { ...base, run: runInfo(base, settings, columns, found.shard) };
  // Read before the output is opened: a resumed report replaces the file it continues.
  const previous: Previous = a.resume && a.out !== undefined ? readPrevious(a.out, header, log) : { pairs: new Map(), leftovers: [] };
  keepOnly(previous, jobs, log);
  const output: ReportOutput = a.out === undefined ? stdoutOutput : fileOutput(a.out, inputsOf(jobs, a));
  const workers = early ?? startWorkers(parallel, workerScript);
  const interrupt = onInterrupt();
  let complete = false;
  // From the header, as `merge` does: a merged report summarises exactly like an unsharded run.
  const summary = new SummaryBuilder(summaryOptionsOf(header));
  const progress = new Progress(jobs.length);
  try {
    output.write(writer.begin(header));
    const pairs = withPrevious(jobs, previous, (todo) => computeAll(todo, settings, workers, interrupt.signal));
    for await (const pair of pairs) {
      summary.add(pair);
      if (pair.error) log(pair.error.message);
      progress.tick();
      output.write(writer.pair(pair));
    }
    const s = summary.build();
    const stopped = interrupt.received();
    if (stopped) s.interrupted = true;
    output.write(writer.end(found.unpaired, s));
    progress.done();
    if (stopped) {
      // An --out target keeps what it held: a partial report never replaces a complete one. With
      // --resume it does: the partial report holds every pair the file held, and the next --resume goes on.
      if (a.resume) {
        output.commit();
        complete = true;
        removeLeftovers(previous);
      }
      log(`interrupted (${stopped}) after ${s.pairs} of ${jobs.length} pairs${a.out !== undefined ? `; ${a.out} ${a.resume ? 'holds them, marked interrupted (run again with --resume to finish)' : 'left as it was'}` : ''}`);
      return interrupt.exitCode();
    }
    output.commit();
    complete = true;
    removeLeftovers(previous);
    if (found.all.length === 0) {
      log(`no pairs found in ${a.dirs.join(', ')}${found.unpaired.length ? ` (${found.unpaired.length} files unpaired; see 'mask-inspector pairs')` : ''}`);
      return 1;
    }
    return s.failed > 0 || found.problems.length > 0 ? 1 : 0;
  } catch (e) {
    // The reader of stdout went away (`| head -1`): nothing more to say, and no one to say it to.
    if (e instanceof PipeClosed) return 141;
    throw e;
  } finally {
    if (!complete) output.abort();
    interrupt.dispose();
    if (workers !== early) await workers?.close();
  }
}
