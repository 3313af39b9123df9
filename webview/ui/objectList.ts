/**
 * The objects of the class shown as a list: a summary line (matched, missed, extra, PQ), a switch
 * between "largest first" and "worst IoU first", and one row per matched pair, missed ground-truth
 * object and extra prediction. A click (or Enter) on a row shows it (the panel zooms to it, the slice
 * viewer goes to its slice).
 */
import type { Tagged } from '../../src/core/types';
import type { ObjectRow, ObjectSort } from '../objects/objectRows';
import { css, OBJECT_EXTRA, OBJECT_MATCHED, OBJECT_MISSED } from '../render/colours';
import { formatNumber, h } from './dom';

/** Rows shown at most: a slide of thousands of cells stays responsive; the rest are counted. */
export const MAX_ROWS = 500;

export interface ObjectListEvents {
  select(row: ObjectRow): void;
  sortChanged(by: ObjectSort): void;
}

export interface ObjectSummary {
  counts: { gt: number; pred: number; tp: number; fp: number; fn: number };
  pq: Tagged;
  /** "pixels" or "voxels". */
  unit: string;
}

const KIND_COLOUR = { matched: OBJECT_MATCHED, missed: OBJECT_MISSED, extra: OBJECT_EXTRA } as const;

function rowText(r: ObjectRow, unit: string): string {
  const size = `${r.size} ${r.size === 1 ? unit.replace(/s$/, '') : unit}`;
  if (r.kind === 'matched') return `GT ${r.gt?.id} ↔ pred ${r.pred?.id} · ${size} · IoU ${formatNumber(r.iou)}`;
  if (r.kind === 'missed') return `GT ${r.gt?.id} missed · ${size}`;
  return `pred ${r.pred?.id} extra · ${size}`;
}

export class ObjectList {
  readonly root: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly list: HTMLElement;
  private readonly sortButtons: Record<ObjectSort, HTMLElement>;

  constructor(private readonly events: ObjectListEvents) {
    this.summary = h('p', { class: 'hint object-summary' }, 'No pair yet.');
    const sortButton = (by: ObjectSort, text: string) => {
      const b = h('button', { type: 'button', class: 'object-sort', 'data-sort': by, 'aria-pressed': 'false' }, text);
      b.addEventListener('click', () => this.events.sortChanged(by));
      return b;
    };
    this.sortButtons = { size: sortButton('size', 'Largest first'), iou: sortButton('iou', 'Worst IoU first') };
    this.list = h('ul', { class: 'object-rows' });
    this.root = h('div', { class: 'objects' }, this.summary, h('div', { class: 'object-sorts', role: 'group', 'aria-label': 'Sort objects' }, this.sortButtons.size, this.sortButtons.iou), this.list);
  }

  /** Rows already in list order. */
  update(s: ObjectSummary, rows: readonly ObjectRow[], by: ObjectSort): void {
    for (const [k, b] of Object.entries(this.sortButtons)) b.setAttribute('aria-pressed', String(k === by));
    const c = s.counts;
    const pq = s.pq.status === 'ok' ? formatNumber(s.pq.value as number) : s.pq.status;
    this.summary.textContent = c.gt + c.pred === 0 ? 'No object on either side.' : `${c.gt} ground truth · ${c.pred} predicted · ${c.tp} matched · ${c.fn} missed · ${c.fp} extra · PQ ${pq}`;
    const items = rows.slice(0, MAX_ROWS).map((r) => {
      const chip = h('span', { class: 'chip' });
      chip.style.background = css(KIND_COLOUR[r.kind]); // CSSOM, which the CSP allows
      const li = h('li', { tabindex: 0, 'data-kind': r.kind, 'data-gt': r.gt?.id, 'data-pred': r.pred?.id, title: 'Click (or Enter) to show it' }, chip, rowText(r, s.unit));
      li.addEventListener('click', () => this.events.select(r));
      li.addEventListener('keydown', (e) => e.key === 'Enter' && this.events.select(r));
      return li;
    });
    if (rows.length > MAX_ROWS) items.push(h('li', { class: 'hint' }, `… and ${rows.length - MAX_ROWS} more`));
    this.list.replaceChildren(...items);
  }

  clear(text: string): void {
    this.summary.textContent = text;
    this.list.replaceChildren();
  }
}
