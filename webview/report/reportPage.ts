/**
 * The loss report page's script (bundled to dist/report.js): sorting, filtering, the losses toggle and
 * the confusion matrix's cells on the page the host renders (src/extension/report/reportHtml.ts), and
 * what the user asks of the host (open a pair, export, re-run) over the report's channel.
 */
import type { ExportFormat, ReportPageChannel } from '../../src/shared/reportProtocol';
import type { VsCodeApi } from '../vscodeApi';

/** Wires the page; `vscode` keeps the sort, filter and losses toggle across a reload of a hidden panel. */
export function startReportPage(vscode: Pick<VsCodeApi<unknown>, 'getState' | 'setState'>, host: ReportPageChannel): void {
  const state = (vscode.getState() ?? {}) as { col?: number; dir?: 1 | -1; losses?: boolean; filter?: string };
  const table = document.getElementById('pairs') as HTMLTableElement | null;
  const body = table?.tBodies[0];
  const heads = table ? Array.from(table.querySelectorAll<HTMLTableCellElement>('th[data-col]')) : [];

  function sortBy(col: number, dir: 1 | -1): void {
    if (!body) return;
    const numeric = heads[col]?.dataset.type === 'num';
    const key = (tr: HTMLTableRowElement): string => {
      const td = tr.cells[col];
      return td ? (td.dataset.v ?? td.textContent ?? '') : '';
    };
    const rows = Array.from(body.rows);
    rows.sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      // Missing values (undefined, failed pairs) last in either direction.
      if (ka === '' || kb === '') return ka === kb ? 0 : ka === '' ? 1 : -1;
      const d = numeric ? Number(ka) - Number(kb) : ka.localeCompare(kb);
      return (Number.isNaN(d) ? 0 : d) * dir;
    });
    for (const tr of rows) body.appendChild(tr);
    for (const h of heads) h.removeAttribute('aria-sort');
    heads[col]?.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
    state.col = col;
    state.dir = dir;
    vscode.setState(state);
  }

  for (const h of heads) {
    h.addEventListener('click', () => {
      const col = Number(h.dataset.col);
      sortBy(col, state.col === col && state.dir === 1 ? -1 : 1);
    });
  }

  const open = (tr: HTMLTableRowElement) => host.post({ type: 'open', index: Number(tr.dataset.index) });
  body?.addEventListener('click', (e) => {
    const tr = (e.target as HTMLElement).closest('tr');
    if (tr) open(tr as HTMLTableRowElement);
  });
  body?.addEventListener('keydown', (e) => {
    const tr = (e.target as HTMLElement).closest('tr');
    if (tr && e.key === 'Enter') open(tr as HTMLTableRowElement);
  });

  document.querySelector<HTMLButtonElement>('button[data-rerun]')?.addEventListener('click', () => host.post({ type: 'rerun' }));

  for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('button[data-export]'))) {
    b.addEventListener('click', () => host.post({ type: 'export', format: b.dataset.export as ExportFormat }));
  }

  const losses = document.getElementById('show-losses') as HTMLInputElement | null;
  const showLosses = (on: boolean) => {
    document.body.classList.toggle('hide-losses', !on);
    if (losses) losses.checked = on;
    state.losses = on;
    vscode.setState(state);
  };
  losses?.addEventListener('change', () => showLosses(losses.checked));

  const filter = document.getElementById('filter') as HTMLInputElement | null;
  const applyFilter = (text: string) => {
    const t = text.toLowerCase();
    for (const tr of Array.from(body?.rows ?? [])) tr.hidden = t !== '' && !(tr.textContent ?? '').toLowerCase().includes(t);
    state.filter = text;
    vscode.setState(state);
  };
  filter?.addEventListener('input', () => applyFilter(filter.value));

  // Confusion matrix: row-normalised colour; a click on a cell shows the pairs with most of it, a click on one opens it.
  for (const td of Array.from(document.querySelectorAll<HTMLElement>('td.cm-cell'))) {
    const frac = Number(td.dataset.frac ?? 0);
    td.style.background = `rgba(64, 128, 255, ${(0.08 + 0.72 * frac).toFixed(3)})`;
    const show = () => {
      for (const el of Array.from(document.querySelectorAll<HTMLElement>('.cm-pairs'))) el.hidden = el.dataset.cell !== td.dataset.cell;
      for (const el of Array.from(document.querySelectorAll<HTMLElement>('td.cm-cell.selected'))) el.classList.remove('selected');
      td.classList.add('selected');
    };
    if (td.hasAttribute('tabindex')) {
      td.addEventListener('click', show);
      td.addEventListener('keydown', (e) => e.key === 'Enter' && show());
    }
  }
  for (const li of Array.from(document.querySelectorAll<HTMLElement>('.cm-pairs li[data-index]'))) {
    const openIt = () => host.post({ type: 'open', index: Number(li.dataset.index) });
    li.addEventListener('click', openIt);
    li.addEventListener('keydown', (e) => e.key === 'Enter' && openIt());
  }

  // Colours come from settings; the CSP allows no inline style attributes, so they are set here.
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('.swatch'))) el.style.background = el.dataset.colour ?? '';

  if (state.col !== undefined && state.dir) sortBy(state.col, state.dir);
  if (state.losses === false) showLosses(false);
  if (state.filter && filter) {
    filter.value = state.filter;
    applyFilter(state.filter);
  }
}
