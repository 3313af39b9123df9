import { readFileSync } from 'node:fs';
import type { ReportHeader } from '../core/report/formats';
import { REPORT_SCHEMA, type PairReport, type Report, type Summary, type Unpaired } from '../core/report/schema';
import { fileProblem } from '../node/fileProblem';
import { lastLine, LineReader } from './lines';

/** What follows the pairs of a report. */
export interface PartEnd {
  unpaired: Unpaired[];
  summary: Summary;
  /** Set by a run stopped by SIGINT/SIGTERM: its pairs are a prefix of the run's. */
  interrupted?: boolean;
}

/** A report written by `report` (jsonl or json), read back to be merged or resumed. */
export interface ReportPart {
  path: string;
  header: ReportHeader;
  /** Undefined when the file stops before its summary line (the run was killed). */
  end: PartEnd | undefined;
  /**
   * The pairs in file order. `cut` true tolerates a last line cut off mid-write (resume); otherwise any
   * line that is not a pair is an error naming the file and line.
   */
  pairs(cut?: boolean): Generator<PairReport>;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const isEnd = (v: Record<string, unknown>): boolean => 'summary' in v && !('gt' in v);
const isPair = (v: Record<string, unknown>): boolean => typeof v.gt === 'string' && typeof v.pred === 'string' && typeof v.root === 'string' && isObject(v.metrics) && isObject(v.losses);

function checkHeader(path: string, v: unknown): ReportHeader {
  if (!isObject(v) || v.schema !== REPORT_SCHEMA) throw new Error(`${path}: not a ${REPORT_SCHEMA} report (no header; written by an older mask-inspector?)`);
  const run = v.run as Record<string, unknown> | undefined;
  if (!isObject(run) || typeof run.settingsHash !== 'string' || !Array.isArray(run.losses) || !Array.isArray(run.metrics))
    throw new Error(`${path}: the header has no settings hash (not written by 'mask-inspector report'?)`);
  return { schema: REPORT_SCHEMA, tool: v.tool as ReportHeader['tool'], preset: v.preset as ReportHeader['preset'], settings: v.settings as ReportHeader['settings'], run: v.run as ReportHeader['run'] };
}

function parseLine(path: string, line: number, text: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new Error(`${path}:${line}: not valid JSON (${(e as Error).message})`);
  }
  if (!isObject(v)) throw new Error(`${path}:${line}: not a JSON object`);
  return v;
}

function endOf(v: Record<string, unknown>): PartEnd {
  const summary = v.summary as Summary;
  const interrupted = v.interrupted === true || (isObject(summary) && summary.interrupted === true);
  return { unpaired: (v.unpaired as Unpaired[]) ?? [], summary, interrupted: interrupted || undefined };
}

function jsonlPart(path: string, first: string): ReportPart {
  const header = checkHeader(path, parseLine(path, 1, first));
  const last = lastLine(path);
  let end: PartEnd | undefined;
  try {
    const v = JSON.parse(last) as unknown;
    if (isObject(v) && isEnd(v)) end = endOf(v);
  } catch {
    // A last line cut off: no summary, the run was killed.
  }
  return {
    path,
    header,
    end,
    *pairs(cut = false) {
      const lines = new LineReader(path);
      try {
        lines.next();
        for (let text = lines.next(); text !== undefined; text = lines.next()) {
          if (!text.trim()) continue;
          if (cut && lines.unterminated) return;
          const v = parseLine(path, lines.line, text);
          if (isEnd(v)) return;
          if (!isPair(v)) throw new Error(`${path}:${lines.line}: not a pair of a report`);
          yield v as unknown as PairReport;
        }
      } finally {
        lines.close();
      }
    },
  };
}

/** Opens a report file: jsonl (a header line first) or json (one document, read whole). */
export function openPart(path: string): ReportPart {
  let lines: LineReader;
  try {
    lines = new LineReader(path);
  } catch (e) {
    throw new Error(fileProblem(path, e));
  }
  let first: string | undefined;
  try {
    first = lines.next();
  } catch (e) {
    throw new Error(fileProblem(path, e));
  } finally {
    lines.close();
  }
  if (first === undefined || !first.trim()) throw new Error(`${path}: empty file, not a report`);
  // A jsonl header is a whole object on the first line; a json document's first line is not.
  let oneLine = true;
  try {
    JSON.parse(first);
  } catch {
    oneLine = false;
  }
  if (oneLine) return jsonlPart(path, first);
  let report: Report;
  try {
    report = JSON.parse(readFileSync(path, 'utf8')) as Report;
  } catch (e) {
    throw new Error(`${path}: not a jsonl or json report (${(e as Error).message})`);
  }
  const header = checkHeader(path, report);
  if (!Array.isArray(report.pairs)) throw new Error(`${path}: no "pairs" list`);
  return {
    path,
    header,
    end: isObject(report.summary) ? endOf(report as unknown as Record<string, unknown>) : undefined,
    *pairs() {
      report.pairs.forEach((p, i) => {
        if (!isObject(p) || !isPair(p)) throw new Error(`${path}: pairs[${i}] is not a pair of a report`);
      });
      yield* report.pairs;
    },
  };
}
