/**
 * The loss report's dataset-level section: the pooled per-class table (IoU, Dice and the summed counts)
 * and the confusion matrix, rows normalised for colour, counts in each cell's title, and for each cell
 * the pairs with most of that confusion (shown by the page's script on a click). Pure: no `vscode`.
 */
import type { PooledSet } from '../../core/report/pooled';
import type { PairReport, Report } from '../../core/report/schema';
import type { Tagged } from '../../core/types';
import { escapeHtml as esc } from '../escapeHtml';
import { formatValue } from '../present';

/** Pairs listed under a confusion-matrix cell. */
const TOP_PAIRS = 5;

export interface ConfusedPair {
  /** Index in the report's pairs. */
  index: number;
  pixels: number;
}

/** The pairs whose confusion matrix has the most pixels of ground-truth class g predicted as p, most first. */
export function topConfusions(pairs: readonly PairReport[], g: number, p: number, k = TOP_PAIRS): ConfusedPair[] {
  const out: ConfusedPair[] = [];
  pairs.forEach((pair, index) => {
    const m = pair.confusion ?? (pair.counts && [[pair.counts.tn, pair.counts.fp], [pair.counts.fn, pair.counts.tp]]);
    const pixels = m?.[g]?.[p] ?? 0;
    if (pixels > 0) out.push({ index, pixels });
  });
  return out.sort((a, b) => b.pixels - a.pixels || a.index - b.index).slice(0, k);
}

const className = (names: readonly string[], c: number): string => names[c] ?? `class ${c}`;
const num = (v: Tagged | undefined): string => `<td class="num">${esc(formatValue(v))}</td>`;

function pooledClassTable(p: PooledSet, names: readonly string[]): string {
  const rows = Object.entries(p.perClass)
    .map(([k, c]) => {
      const absent = p.absent.includes(Number(k));
      return `<tr data-class="${esc(k)}"${absent ? ' class="absent"' : ''}><th scope="row">${esc(className(names, Number(k)))}${absent ? ' <span class="muted">(absent)</span>' : ''}</th><td class="num">${esc(k)}</td>${num(c.metrics.iou)}${num(c.metrics.dice)}<td class="num">${c.counts.tp}</td><td class="num">${c.counts.fp}</td><td class="num">${c.counts.fn}</td></tr>`;
    })
    .join('\n');
  const mean = `<tr class="mean"><th scope="row">Mean (${p.meanOver === 'all' ? 'all classes' : 'foreground'})</th><td></td>${num(p.metrics.iou)}${num(p.metrics.dice)}<td></td><td></td><td></td></tr>`;
  return `<table id="pooled-classes"><thead><tr><th scope="col">Class</th><th scope="col">Index</th><th scope="col">Pooled IoU</th><th scope="col">Pooled Dice</th><th scope="col">TP</th><th scope="col">FP</th><th scope="col">FN</th></tr></thead><tbody>${rows}\n${mean}</tbody></table>`;
}

function confusionTable(m: NonNullable<PooledSet['confusion']>, pairs: readonly PairReport[], names: readonly string[]): string {
  const head = m.map((_, c) => `<th scope="col" title="predicted ${esc(className(names, c))}">${esc(className(names, c))}</th>`).join('');
  const lists: string[] = [];
  const rows = m
    .map((row, g) => {
      const total = row.reduce((a, b) => a + b, 0);
      const cells = row
        .map((n, c) => {
          const frac = total > 0 ? n / total : 0;
          const what = `ground truth ${className(names, g)} → predicted ${className(names, c)}: ${n} pixels${total > 0 ? ` (${(100 * frac).toFixed(1)}% of the row)` : ''}`;
          const top = n > 0 ? topConfusions(pairs, g, c) : [];
          if (top.length) {
            const items = top.map((t) => `<li data-index="${t.index}" tabindex="0">${esc(pairs[t.index]!.gt)} <span class="muted">${t.pixels} pixels</span></li>`).join('');
            lists.push(`<div class="cm-pairs" data-cell="${g},${c}" hidden><p>Pairs with most ${esc(className(names, g))} predicted as ${esc(className(names, c))}:</p><ol>${items}</ol></div>`);
          }
          return `<td class="num cm-cell${g === c ? ' diag' : ''}" data-cell="${g},${c}" data-frac="${frac.toFixed(4)}" title="${esc(what)}"${top.length ? ' tabindex="0"' : ''}>${n}</td>`;
        })
        .join('');
      return `<tr><th scope="row" title="ground truth ${esc(className(names, g))}">${esc(className(names, g))}</th>${cells}</tr>`;
    })
    .join('\n');
  return `<table id="confusion" class="confusion"><thead><tr><th class="muted">gt ↓ / pred →</th>${head}</tr></thead><tbody>${rows}</tbody></table>\n${lists.join('\n')}`;
}

/** The whole section; empty when no pair was computed. */
export function pooledSection(r: Report, names: readonly string[]): string {
  const p = r.summary.pooled;
  if (!p) return '';
  const absent = p.absent.length ? ` Absent from every pair (left out of the mean): ${p.absent.map((c) => esc(className(names, c))).join(', ')}.` : '';
  return `<h2>Pooled over the dataset</h2>
<p class="muted">From the counts summed over every pair, as Cityscapes and mmsegmentation compute mIoU.${absent}</p>
<div class="scroll">${pooledClassTable(p, names)}</div>${
    // Multi-label channels overlap: they have counts per channel but no confusion matrix.
    p.confusion
      ? `
<h3>Confusion matrix</h3>
<p class="muted">Rows: ground truth; columns: prediction; colour: share of the row. Click a cell for the pairs with most of that confusion.</p>
<div class="scroll">${confusionTable(p.confusion, r.pairs, names)}</div>`
      : ''
  }`;
}

export const POOLED_STYLE = `
td.cm-cell { min-width: 3.5em; cursor: default; }
td.cm-cell[tabindex] { cursor: pointer; }
td.cm-cell.selected { outline: 2px solid var(--vscode-focusBorder); }
.cm-pairs li { cursor: pointer; } .cm-pairs li:hover, .cm-pairs li:focus { background: var(--vscode-list-hoverBackground); outline: none; }
tr.mean th, tr.mean td { font-weight: 600; }
`;
