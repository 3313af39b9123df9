/** The colour scale of the heat map shown (loss contribution or signed distance). */
import type { HeatScale } from '../render/colours';
import { formatNumber, h } from './dom';

export class ColourScale {
  readonly root: HTMLElement;
  private readonly bar: HTMLCanvasElement;
  private readonly label: HTMLElement;
  private readonly min: HTMLElement;
  private readonly max: HTMLElement;

  constructor() {
    this.bar = h('canvas', { width: 256, height: 1, class: 'scale-bar' });
    this.label = h('span', { class: 'scale-label' });
    this.min = h('span', { 'data-scale': 'min' });
    this.max = h('span', { 'data-scale': 'max' });
    this.root = h('div', { class: 'colour-scale', hidden: true }, this.label, h('div', { class: 'scale-row' }, this.min, this.bar, this.max));
  }

  show(label: string, s: HeatScale | null): void {
    this.root.hidden = !s;
    if (!s) return;
    this.label.textContent = label;
    this.min.textContent = formatNumber(s.min);
    this.max.textContent = formatNumber(s.max);
    const ctx = this.bar.getContext('2d') as CanvasRenderingContext2D;
    const img = new ImageData(256, 1);
    for (let i = 0; i < 256; i++) {
      img.data.set([s.table[3 * i], s.table[3 * i + 1], s.table[3 * i + 2], 255], 4 * i);
    }
    ctx.putImageData(img, 0, 0);
  }
}
