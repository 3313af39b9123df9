import { readFileSync } from 'node:fs';
import type { PairJob } from '../core/report/pairJob';
import { pairKey } from '../core/report/order';
import { fileProblem } from '../node/fileProblem';

/** `pairs --format jsonl`: one job per line, the input of `report --pairs FILE`. */
export const manifestLine = (j: PairJob): string =>
  JSON.stringify({ root: j.root, gt: j.gt, pred: j.pred, dataset: j.dataset, model: j.model }) + '\n';

export interface Manifest {
  jobs: PairJob[];
  /** One line per bad or repeated line, naming the file and the line. */
  problems: string[];
}

const FIELDS = ['root', 'gt', 'pred', 'dataset', 'model'] as const;

/** Why a parsed line is not a job, or undefined when it is one. */
function notAJob(v: unknown): string | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return 'expected an object {"root", "gt", "pred", "dataset", "model"}';
  const o = v as Record<string, unknown>;
  for (const f of FIELDS) {
    const optional = f === 'dataset' || f === 'model';
    if (o[f] === undefined && optional) continue;
    if (typeof o[f] !== 'string') return o[f] === undefined ? `"${f}" is missing` : `"${f}" is not a string`;
  }
  if (!o.gt || !o.pred) return `"${o.gt ? 'pred' : 'gt'}" is empty`;
  return undefined;
}

/**
 * Reads a manifest (`-` for stdin). Blank lines are skipped; a bad line or a pair listed twice gives a
 * problem naming FILE:LINE and the rest is still read.
 */
export function readManifest(path: string): Manifest {
  const name = path === '-' ? 'stdin' : path;
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (e) {
    throw new Error(`pairs manifest ${fileProblem(name, e)}`);
  }
  const out: Manifest = { jobs: [], problems: [] };
  const seen = new Map<string, number>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const where = `pairs manifest ${name}:${i + 1}`;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (e) {
      out.problems.push(`${where}: not valid JSON (${(e as Error).message})`);
      return;
    }
    const why = notAJob(v);
    if (why) {
      out.problems.push(`${where}: ${why}`);
      return;
    }
    const o = v as Record<string, string>;
    const job: PairJob = { root: o.root, gt: o.gt, pred: o.pred, dataset: o.dataset ?? '', model: o.model ?? '' };
    const key = pairKey(job);
    const first = seen.get(key);
    if (first !== undefined) {
      out.problems.push(`${where}: the same pair as line ${first} (left out)`);
      return;
    }
    seen.set(key, i + 1);
    out.jobs.push(job);
  });
  return out;
}
