/** The hover read-out: everything known about the pixel under the pointer. */
import { formatNumber, h } from './dom';

export interface PixelInfo {
  x: number;
  y: number;
  /** Ground-truth class name, or "ignored". */
  label: string;
  /** Predicted probability of the class shown. */
  prob: number;
  /** Predicted class (multi-class pairs). */
  predicted?: string;
  /** Signed distance to the ground truth (negative inside). */
  sdf?: number;
  /** Contribution of each pixel-wise loss (id, name, value), for the class shown. */
  contributions: Array<[id: string, name: string, value: number]>;
}

/**
 * Every row is there from the start, showing "—" until a pixel is hovered, so hovering changes text
 * only and never the height of the panel (nothing below it moves).
 */
export class Readout {
  readonly root: HTMLElement;
  private readonly cells = new Map<string, HTMLElement>();
  private readonly predictedRow: HTMLElement[];
  private readonly losses: ReadonlyArray<readonly [id: string, name: string]>;

  constructor(losses: ReadonlyArray<readonly [id: string, name: string]>) {
    this.losses = losses;
    const dl = h('dl', {});
    const row = (name: string, field: string): HTMLElement[] => {
      const dt = h('dt', {}, name);
      const dd = h('dd', { 'data-field': field, title: name });
      this.cells.set(field, dd);
      dl.append(dt, dd);
      return [dt, dd];
    };
    row('Pixel', 'xy');
    row('Ground truth', 'label');
    row('Probability', 'prob');
    this.predictedRow = row('Predicted', 'predicted');
    row('Signed distance', 'sdf');
    for (const [id, name] of losses) row(name, `loss:${id}`);
    this.root = h('div', { class: 'readout' }, h('p', { class: 'hint' }, 'Hover a pixel to read its values.'), dl);
    this.update(null);
  }

  /** The predicted class is a row of multi-class pairs only (set per pair, not per hover). */
  setMode(mode: 'binary' | 'multiclass'): void {
    for (const e of this.predictedRow) e.hidden = mode !== 'multiclass';
  }

  update(p: PixelInfo | null): void {
    this.root.toggleAttribute('data-pixel', p !== null);
    const set = (field: string, text: string | undefined) => ((this.cells.get(field) as HTMLElement).textContent = text ?? '—');
    set('xy', p ? `x ${p.x}, y ${p.y}` : undefined);
    set('label', p?.label);
    set('prob', p ? formatNumber(p.prob) : undefined);
    set('predicted', p?.predicted);
    set('sdf', p?.sdf === undefined ? undefined : formatNumber(p.sdf));
    const contributions = new Map((p?.contributions ?? []).map(([id, , v]) => [id, v]));
    for (const [id] of this.losses) {
      const v = contributions.get(id);
      set(`loss:${id}`, v === undefined ? undefined : formatNumber(v));
    }
  }
}
