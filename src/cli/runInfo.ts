import { createHash } from 'node:crypto';
import type { ReportHeader } from '../core/report/formats';
import type { JobSettings } from '../core/report/pairJob';
import type { RunInfo } from '../core/report/schema';
import type { Shard } from '../core/report/shard';
import type { SummaryOptions } from '../core/report/summary';

/** JSON with object keys sorted, so that the order of flags cannot change a hash. */
function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

/**
 * The run's identity: a hash of the tool version, the header (preset and settings, including the
 * summary's) and the job settings every pair is computed with. The memory budget is left out: it
 * depends on the machine, not on the numbers, and shards run on different machines.
 */
export function runInfo(
  header: Omit<ReportHeader, 'run'>,
  job: JobSettings,
  columns: { losses: readonly string[]; metrics: readonly string[] },
  shard: Shard | undefined,
): RunInfo {
  const decisive = { ...job, memoryBudget: undefined };
  const text = canonicalJson({ schema: header.schema, tool: header.tool, preset: header.preset, settings: header.settings, job: decisive, ...columns });
  const run: RunInfo = { settingsHash: `sha256:${createHash('sha256').update(text).digest('hex')}`, losses: [...columns.losses], metrics: [...columns.metrics] };
  if (shard) run.shard = { index: shard.index, count: shard.count };
  return run;
}

/** The summary's options, read from a report's header: a merge summarises exactly as the run did. */
export function summaryOptionsOf(header: Pick<ReportHeader, 'preset' | 'settings'>): SummaryOptions {
  return { spacing: header.settings.spacing, preset: header.preset, meanOver: header.settings.meanOver };
}
