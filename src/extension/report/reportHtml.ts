/**
 * The loss report page, rendered on the host as static HTML (so a hidden panel that reloads shows it
 * again at once) with the page's script (webview/report/, bundled to dist/report.js) for sorting, row
 * clicks and export buttons. Pure: no `vscode`.
 */
import { getLoss, getMetric } from '../../core/registry';
import type { Columns } from '../../core/report/formats';
import type { Aggregate, Report } from '../../core/report/schema';
import type { Tagged } from '../../core/types';
import { formatValue, metricName } from '../present';
import type { ClassBreakdown } from './reportModel';
import { POOLED_STYLE, pooledSection } from './pooledView';
import { escapeHtml } from '../escapeHtml';
import { withIgnoreIndexAdvice } from '../ignoreIndexHint';

export interface ReportPage {
  report: Report;
  columns: Columns;
  classes: ClassBreakdown[];
  classNames: readonly string[];
  classColors: readonly string[];
  cspSource: string;
  nonce: string;
  /** The webview URI of dist/report.js. */
  scriptUri: string;
  /** Settings changed since the report was computed, one phrase each (see staleness.ts); empty when current. */
  stale?: readonly string[];
}

const esc = escapeHtml;

/** Sort key of a value: its number, ±Infinity, or '' (sorted last) when undefined. */
const sortValue = (v: Tagged | undefined): string => (!v || v.status === 'undefined' ? '' : v.status === 'infinite' ? 'Infinity' : String(v.value));

const cell = (v: Tagged | undefined, cls = ''): string =>
  `<td class="num${cls}" data-v="${sortValue(v)}"${v?.status === 'ok' ? ` title="${v.value}"` : ''}>${esc(formatValue(v))}</td>`;

const aggCell = (x: number | null): string => cell(x === null ? undefined : { value: x, status: 'ok' });

function summaryRows(aggs: Record<string, Aggregate>, kind: 'metric' | 'loss'): string {
  return Object.entries(aggs)
    .map(([id, a]) => {
      const spec = kind === 'metric' ? getMetric(id) : getLoss(id);
      const name = kind === 'metric' ? spec.name : `${spec.name} loss`;
      return `<tr class="${kind}" data-id="${esc(id)}"><th scope="row" title="${esc(spec.summary)}">${esc(name)}</th>${[a.mean, a.median, a.min, a.max].map(aggCell).join('')}<td class="num">${a.count}</td><td class="num">${a.infinite}</td><td class="num">${a.undefined ?? 0}</td>${aggCell(a.worstCase?.mean ?? null)}</tr>`;
    })
    .join('\n');
}

function modelsTable(r: Report, columns: Columns): string {
  const models = r.summary.models;
  if (!models) return '';
  const names = Object.keys(models);
  const rows = columns.metrics
    .map((id) => `<tr><th scope="row">${esc(metricName(id))}</th>${names.map((m) => aggCell(models[m]!.metrics[id]?.mean ?? null)).join('')}</tr>`)
    .join('\n');
  return `<h3>Models side by side (mean)</h3>
<table class="models"><thead><tr><th></th>${names.map((m) => `<th scope="col">${esc(m || '(default)')}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>`;
}

function pairsTable(r: Report, columns: Columns): string {
  const head = [
    '<th scope="col" data-col="0" data-type="num">#</th>',
    '<th scope="col" data-col="1">Dataset</th>',
    '<th scope="col" data-col="2">Model</th>',
    '<th scope="col" data-col="3">Ground truth</th>',
    '<th scope="col" data-col="4">Prediction</th>',
    ...columns.metrics.map((id, i) => `<th scope="col" class="metric" data-col="${5 + i}" data-type="num" data-id="metric:${esc(id)}" title="${esc(`${getMetric(id).name}: ${getMetric(id).summary}`)}">${esc(metricName(id))}</th>`),
    ...columns.losses.map((id, i) => `<th scope="col" class="loss" data-col="${5 + columns.metrics.length + i}" data-type="num" data-id="loss:${esc(id)}" title="${esc(`${getLoss(id).name} loss: ${getLoss(id).summary}`)}">${esc(getLoss(id).name)}</th>`),
  ].join('');
  const rows = r.pairs
    .map((p, i) => {
      const lead = `<td class="num" data-v="${i + 1}">${i + 1}</td><td>${esc(p.dataset)}</td><td>${esc(p.model)}</td><td class="path">${esc(p.gt)}</td><td class="path">${esc(p.pred)}</td>`;
      const values = p.error
        ? `<td class="error" colspan="${columns.metrics.length + columns.losses.length}">${esc(withIgnoreIndexAdvice(p.error.message))}</td>`
        : [...columns.metrics.map((id) => cell(p.metrics[id], ' metric')), ...columns.losses.map((id) => cell(p.losses[id], ' loss'))].join('');
      const warn = p.warnings.length ? ` title="${esc(p.warnings.join('\n'))}"` : '';
      return `<tr class="pair${p.error ? ' failed' : ''}" data-index="${i}" tabindex="0"${warn}>${lead}${values}</tr>`;
    })
    .join('\n');
  return `<table id="pairs" class="pairs"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

function classTable(page: ReportPage): string {
  if (!page.classes.length) return '<p class="muted">No multi-class pairs.</p>';
  const ids = page.columns.metrics;
  const rows = page.classes
    .map((c) => {
      const colour = page.classColors[c.index];
      const swatch = colour ? `<span class="swatch" data-colour="${esc(colour)}"></span>` : '';
      const name = page.classNames[c.index] ?? `class ${c.index}`;
      return `<tr data-class="${c.index}"><th scope="row">${swatch}${esc(name)}</th><td class="num">${c.index}</td><td class="num">${c.pairs}</td>${ids.map((id) => aggCell(c.metrics[id]?.mean ?? null)).join('')}</tr>`;
    })
    .join('\n');
  return `<table id="classes"><thead><tr><th scope="col">Class</th><th scope="col">Index</th><th scope="col">Pairs</th>${ids.map((id) => `<th scope="col">${esc(metricName(id))}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>`;
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 16px 24px; }
h1 { font-size: 1.4em; margin: 16px 0 4px; } h2 { font-size: 1.15em; margin: 20px 0 8px; } h3 { font-size: 1em; }
.muted { color: var(--vscode-descriptionForeground); }
.toolbar { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin: 12px 0; }
button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: none; padding: 4px 12px; cursor: pointer; border-radius: 2px; }
button:hover { background: var(--vscode-button-hoverBackground); }
input[type=search] { background: var(--vscode-input-background); color: var(--vscode-input-foreground); border: 1px solid var(--vscode-input-border, transparent); padding: 3px 6px; min-width: 220px; }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; margin-bottom: 8px; }
th, td { padding: 2px 8px; border-bottom: 1px solid var(--vscode-editorWidget-border, rgba(128,128,128,0.3)); text-align: left; white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
thead th { position: sticky; top: 0; background: var(--vscode-editor-background); }
th[data-col] { cursor: pointer; user-select: none; }
th[aria-sort=ascending]::after { content: ' ▲'; } th[aria-sort=descending]::after { content: ' ▼'; }
tr.pair { cursor: pointer; } tr.pair:hover, tr.pair:focus { background: var(--vscode-list-hoverBackground); outline: none; }
td.error { color: var(--vscode-errorForeground); white-space: normal; }
td.path { font-family: var(--vscode-editor-font-family); }
.hide-losses .loss { display: none; }
.stale { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; margin: 8px 0; padding: 6px 10px; border-left: 3px solid var(--vscode-editorWarning-foreground, #cca700); background: var(--vscode-inputValidation-warningBackground, rgba(204,167,0,0.15)); }
.swatch { display: inline-block; width: 10px; height: 10px; margin-right: 6px; border: 1px solid rgba(128,128,128,0.6); }
`;

export function reportHtml(page: ReportPage): string {
  const r = page.report;
  const s = r.settings;
  const unpaired = r.unpaired.length
    ? `<h2>Unpaired files (${r.unpaired.length})</h2><ul>${r.unpaired.map((u) => `<li><code>${esc(u.path)}</code>: ${esc(u.reason)}</li>`).join('')}</ul>`
    : '';
  const csp = [
    "default-src 'none'",
    `style-src ${page.cspSource} 'nonce-${page.nonce}'`,
    `script-src 'nonce-${page.nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Loss report</title>
<style nonce="${page.nonce}">${STYLE}${POOLED_STYLE}</style>
</head>
<body>
<main id="report" data-pairs="${r.pairs.length}" data-preset="${esc(r.preset)}">
<h1>Loss report</h1>
${page.stale?.length ? `<div class="stale" id="stale" role="status">Out of date: settings changed since this report was computed (${esc(page.stale.join('; '))}). <button data-rerun>Re-run</button></div>` : ''}
<p class="muted">${r.summary.pairs} pairs, ${r.summary.failed} failed · preset <code>${esc(r.preset)}</code> · threshold ${s.threshold} · spacing ${s.spacing.join(' × ')}${s.ignoreIndex === null ? '' : ` · ignore index ${s.ignoreIndex}`}</p>
<div class="toolbar">
<button data-export="csv">Export CSV…</button><button data-export="json">Export JSON…</button><button data-export="markdown">Export Markdown…</button>
<label><input type="checkbox" id="show-losses" checked> Show losses</label>
<input type="search" id="filter" placeholder="Filter pairs by path" aria-label="Filter pairs by path">
</div>
<h2>Summary</h2>
<div class="scroll"><table id="summary"><thead><tr><th></th><th scope="col">Mean</th><th scope="col">Median</th><th scope="col">Min</th><th scope="col">Max</th><th scope="col">Count</th><th scope="col">Infinite</th><th scope="col">Undefined</th><th scope="col" title="Mean with each infinite distance replaced by the image diagonal (Metrics Reloaded)">Worst-case mean</th></tr></thead>
<tbody>${summaryRows(r.summary.metrics, 'metric')}\n${summaryRows(r.summary.losses, 'loss')}</tbody></table></div>
${modelsTable(r, page.columns)}
<h2>Pairs</h2>
<p class="muted">Click a column to sort, a row to open its comparison.</p>
<div class="scroll">${pairsTable(r, page.columns)}</div>
<h2>Per class</h2>
<div class="scroll">${classTable(page)}</div>
${pooledSection(r, page.classNames)}
${unpaired}
</main>
<script nonce="${page.nonce}" src="${esc(page.scriptUri)}"></script>
</body>
</html>`;
}
