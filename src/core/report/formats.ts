import type { Tagged } from '../types';
import { pooledRows } from './pooledText';
import { OBJECT_PAIR_HEAD, objectCsvCells, objectCsvHead, objectPairCells, pooledObjectRows } from '../objects/text';
import type { Aggregate, PairReport, PooledSet, Report, Summary, Unpaired } from './schema';

export const FORMATS = ['json', 'jsonl', 'csv', 'markdown', 'table'] as const;
export type Format = (typeof FORMATS)[number];

export type ReportHeader = Omit<Report, 'pairs' | 'unpaired' | 'summary'>;

export interface Columns {
  losses: readonly string[];
  metrics: readonly string[];
  /** Class index → name, for per-class rows. */
  classNames?: Readonly<Record<string, string>>;
}

/**
 * Writes a report as it is computed: `begin`, then one `pair` per pair, then `end`. Each call
 * returns the text to append, so pairs never have to be held in memory.
 */
export interface ReportWriter {
  begin(header: ReportHeader): string;
  pair(p: PairReport): string;
  end(unpaired: readonly Unpaired[], summary: Summary): string;
}

export function createWriter(format: Format, columns: Columns): ReportWriter {
  switch (format) {
    case 'json':
      return jsonWriter();
    case 'jsonl':
      return jsonlWriter();
    case 'csv':
      return csvWriter(columns);
    case 'markdown':
      return markdownWriter(columns);
    case 'table':
      return tableWriter(columns);
  }
}

function jsonWriter(): ReportWriter {
  let first = true;
  return {
    begin: (h) => JSON.stringify(h, null, 2).replace(/\n}$/, ',\n  "pairs": ['),
    pair: (p) => {
      const sep = first ? '\n' : ',\n';
      first = false;
      return sep + '    ' + JSON.stringify(p);
    },
    end: (unpaired, summary) =>
      `${first ? '' : '\n  '}],\n  "unpaired": ${JSON.stringify(unpaired)},\n  "summary": ${JSON.stringify(summary, null, 2).replace(/\n/g, '\n  ')}\n}\n`,
  };
}

/**
 * A first line with the header (so that a run cut short can be resumed), one pair object per line, then
 * one line with the header, unpaired files and summary.
 */
function jsonlWriter(): ReportWriter {
  let header: ReportHeader | undefined;
  return {
    begin: (h) => {
      header = h;
      return JSON.stringify(h) + '\n';
    },
    pair: (p) => JSON.stringify(p) + '\n',
    end: (unpaired, summary) => JSON.stringify({ ...header, unpaired, summary }) + '\n',
  };
}

/** The cell of a tagged value: the number, or its status. */
export const cell = (v: Tagged | undefined): string => (v === undefined ? '' : v.status === 'ok' ? String(v.value) : v.status);

const csvQuote = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
/** A text cell a spreadsheet would run as a formula (= + - @, tab or CR first) gets a leading ' (OWASP). */
export const csvText = (s: string): string => csvQuote(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

/** Control characters as visible escapes (\n, \t, \u001b), so a file name cannot break a line of text. */
export function printable(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (ch) =>
    ch === '\n' ? '\\n' : ch === '\r' ? '\\r' : ch === '\t' ? '\\t' : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A binary pair's hard counts (a multi-class pair's are per class, in JSON). */
const COUNT_KEYS = ['tp', 'fp', 'fn', 'tn'] as const;

function csvWriter(c: Columns): ReportWriter {
  return {
    begin: () =>
      [
        'root', 'gt', 'pred', 'dataset', 'model', 'width', 'height', 'mode', 'classes', 'error',
        ...c.losses.map((id) => `loss:${id}`), ...c.metrics.map((id) => `metric:${id}`), ...COUNT_KEYS, ...objectCsvHead(), 'warnings',
      ].join(',') + '\n',
    pair: (p) =>
      [
        ...[p.root, p.gt, p.pred, p.dataset, p.model].map(csvText),
        ...[p.width ?? '', p.height ?? '', p.mode ?? '', p.classes ?? ''].map((x) => csvQuote(String(x))),
        csvText(p.error ? `${p.error.code}: ${p.error.message}` : ''),
        ...c.losses.map((id) => csvQuote(cell(p.losses[id]))), ...c.metrics.map((id) => csvQuote(cell(p.metrics[id]))),
        ...COUNT_KEYS.map((k) => String(p.counts?.[k] ?? '')),
        ...objectCsvCells(p.objects, cell),
        csvText(p.warnings.join('; ')),
      ].join(',') + '\n',
    end: () => '',
  };
}

/** Four significant digits for people; machine formats keep full precision. */
export function short(v: Tagged | undefined): string {
  if (!v) return '';
  if (v.status === 'infinite') return '∞';
  if (v.status === 'undefined') return '—';
  const x = v.value as number;
  if (x === 0) return '0';
  return Math.abs(x) >= 1e4 || Math.abs(x) < 1e-3 ? x.toExponential(3) : Number(x.toPrecision(4)).toString();
}

const shortNumber = (x: number | null | undefined): string => (x == null ? '—' : short({ value: x, status: 'ok' }));
/** The statistics, then how many values were left out of them (infinite, undefined) and the worst-case mean of distances. */
const aggCells = (a: Aggregate): string[] =>
  [a.mean, a.median, a.min, a.max].map(shortNumber).concat(String(a.count), String(a.infinite), String(a.undefined ?? 0), a.worstCase ? shortNumber(a.worstCase.mean) : '');

function summaryRows(s: Summary): string[][] {
  return [
    ...Object.entries(s.losses).map(([id, a]) => [`loss ${id}`, ...aggCells(a)]),
    ...Object.entries(s.metrics).map(([id, a]) => [`metric ${id}`, ...aggCells(a)]),
    ...Object.entries(s.objects?.metrics ?? {}).map(([id, a]) => [`objects ${id}`, ...aggCells(a)]),
  ];
}

const SUMMARY_HEAD = ['', 'mean', 'median', 'min', 'max', 'count', 'infinite', 'undefined', 'worst-case'];
/** Text that Markdown shows as written: control characters made visible, inline syntax (and `|`) escaped. */
export const mdText = (s: string): string => printable(s).replace(/[\\`*_[\]<>|~&#]/g, '\\$&');
/** A code span of any text: its fence is longer than any run of backticks inside. */
const mdCode = (s: string): string => {
  const t = printable(s);
  const fence = '`'.repeat(Math.max(0, ...(t.match(/`+/g) ?? []).map((r) => r.length)) + 1);
  return `${fence} ${t} ${fence}`;
};
const mdRow = (cells: readonly string[]): string => `| ${cells.map(mdText).join(' | ')} |\n`;

function markdownWriter(c: Columns): ReportWriter {
  const head = ['gt', 'pred', 'model', ...c.metrics, ...c.losses.map((id) => `loss:${id}`), ...OBJECT_PAIR_HEAD];
  return {
    begin: (h) => `# Mask Inspector report\n\nPreset \`${h.preset}\`, threshold ${h.settings.threshold}, spacing ${h.settings.spacing.join(' × ')}.\n\n` + mdRow(head) + mdRow(head.map(() => '---')),
    pair: (p) =>
      mdRow([p.gt, p.pred, p.model, ...(p.error ? [`error: ${p.error.message}`, ...new Array(Math.max(0, c.metrics.length + c.losses.length + OBJECT_PAIR_HEAD.length - 1)).fill('')] : [...c.metrics.map((id) => short(p.metrics[id])), ...c.losses.map((id) => short(p.losses[id])), ...objectPairCells(p.objects, short)])]),
    end: (unpaired, s) =>
      `\n## Summary\n\n${s.pairs} pairs, ${s.failed} failed.\n\n` + (s.interrupted ? `**Interrupted:** the run was stopped before every pair was computed.\n\n` : '') +
      mdRow(SUMMARY_HEAD) + mdRow(SUMMARY_HEAD.map(() => '---')) + summaryRows(s).map(mdRow).join('') +
      markdownModels(s) +
      markdownPooled(s, c.classNames) +
      markdownObjects(s) +
      (unpaired.length ? `\n## Unpaired files\n\n` + unpaired.map((u) => `- ${mdCode(u.path)}: ${mdText(u.reason)}\n`).join('') : ''),
  };
}

/** Dataset-level metrics from summed counts, overall and per model. */
function markdownPooled(s: Summary, names?: Columns['classNames']): string {
  const sets: Array<[string, PooledSet | undefined]> = [['', s.pooled], ...Object.entries(s.models ?? {}).map(([m, x]): [string, PooledSet | undefined] => [` — ${m || '(default)'}`, x.pooled])];
  let out = '';
  for (const [title, p] of sets) {
    if (!p) continue;
    const t = pooledRows(p, short, names);
    const absent = p.absent.length ? ` Absent from every pair (left out of the mean): ${p.absent.join(', ')}.` : '';
    out += `\n## Pooled over the dataset${mdText(title)}\n\nFrom the counts summed over every pair.${absent}\n\n` + mdRow(t[0]) + mdRow(t[0].map(() => '---')) + t.slice(1).map(mdRow).join('');
  }
  return out;
}

/** Object metrics from the object counts and matched IoU summed over every pair. */
function markdownObjects(s: Summary): string {
  if (!s.objects) return '';
  const t = pooledObjectRows(s.objects.pooled, short);
  return `\n## Objects pooled over the dataset\n\nFrom the object counts and matched IoU summed over every pair.\n\n` + mdRow(t[0]) + mdRow(t[0].map(() => '---')) + t.slice(1).map(mdRow).join('');
}

function markdownModels(s: Summary): string {
  const t = modelRows(s);
  if (!t) return '';
  return `\n## Models side by side\n\n` + mdRow(t[0]) + mdRow(t[0].map(() => '---')) + t.slice(1).map(mdRow).join('');
}

const pad = (s: string, w: number): string => (s.length >= w ? s.slice(0, w) : s + ' '.repeat(w - s.length));
const padLeft = (s: string, w: number): string => (s.length >= w ? s.slice(0, w) : ' '.repeat(w - s.length) + s);
/** Keeps the end of a long path, where the file name is. */
const tail = (s: string, w: number): string => (s.length <= w ? s : '…' + s.slice(s.length - w + 1));

/** Mean of each metric per model, side by side: the comparison a user with several models wants first. */
function modelRows(s: Summary): string[][] | null {
  if (!s.models) return null;
  const names = Object.keys(s.models);
  const ids = Object.keys(s.metrics);
  const mean = (a: Aggregate | undefined): string => short(a?.mean == null ? undefined : { value: a.mean, status: 'ok' });
  return [['metric (mean)', ...names], ...ids.map((id) => [id, ...names.map((m) => mean(s.models?.[m]?.metrics[id]))])];
}

/** Aligned text for a terminal: metrics per pair (losses only when chosen), then the summaries. */
function tableWriter(c: Columns): ReportWriter {
  const losses = c.losses.length <= 6 ? c.losses : [];
  const PATH = 40;
  const MODEL = 12;
  const NUM = 12;
  const values = (p: PairReport): Array<Tagged | undefined> => [...c.metrics.map((id) => p.metrics[id]), ...losses.map((id) => p.losses[id])];
  return {
    begin: () => pad('prediction', PATH) + pad('model', MODEL) + [...c.metrics, ...losses.map((id) => `L:${id}`), ...OBJECT_PAIR_HEAD].map((id) => padLeft(id, NUM)).join('') + '\n',
    pair: (p) =>
      pad(tail(printable(p.pred), PATH - 1), PATH) + pad(tail(printable(p.model), MODEL - 1), MODEL) +
      (p.error ? `error: ${printable(p.error.message)}` : [...values(p).map((v) => short(v)), ...objectPairCells(p.objects, short)].map((x) => padLeft(x, NUM)).join('')) +
      '\n',
    end: (unpaired, s) => {
      const rows = summaryRows(s);
      const w = Math.max(...rows.map((r) => r[0].length), 8) + 2;
      const models = modelRows(s);
      const table = (t: string[][], first: number) => t.map((r) => pad(r[0], first) + r.slice(1).map((x) => padLeft(x, NUM)).join('') + '\n').join('');
      return (
        `\n${s.pairs} pairs, ${s.failed} failed` + (unpaired.length ? `, ${unpaired.length} files unpaired` : '') + '\n' +
        (s.interrupted ? 'INTERRUPTED: the run was stopped before every pair was computed\n' : '') + '\n' +
        table([SUMMARY_HEAD, ...rows], w) +
        (models ? '\n' + table(models, w) : '') +
        (s.pooled ? `\npooled over the dataset (summed counts)\n` + table(pooledRows(s.pooled, short, c.classNames), w) : '') +
        (s.objects ? `\nobjects pooled over the dataset (summed counts)\n` + table(pooledObjectRows(s.objects.pooled, short), w) : '')
      );
    },
  };
}
