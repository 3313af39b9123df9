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

export class Readout {
  readonly root: HTMLElement;

  constructor() {
    this.root = h('div', { class: 'readout', 'aria-live': 'polite' });
    this.update(null);
  }

  update(p: PixelInfo | null): void {
    if (!p) {
      this.root.replaceChildren(h('p', { class: 'hint' }, 'Hover a pixel to read its values.'));
      return;
    }
    const row = (name: string, field: string, value: string) => [h('dt', {}, name), h('dd', { 'data-field': field }, value)];
    const dl = h(
      'dl',
      {},
      ...row('Pixel', 'xy', `x ${p.x}, y ${p.y}`),
      ...row('Ground truth', 'label', p.label),
      ...row('Probability', 'prob', formatNumber(p.prob)),
      ...(p.predicted === undefined ? [] : row('Predicted', 'predicted', p.predicted)),
      ...(p.sdf === undefined ? [] : row('Signed distance', 'sdf', formatNumber(p.sdf))),
      ...p.contributions.flatMap(([id, name, v]) => row(name, `loss:${id}`, formatNumber(v))),
    );
    this.root.replaceChildren(dl);
  }
}
