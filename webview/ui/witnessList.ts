/** Hausdorff witnesses as a list, for images and volumes; a click (or Enter) goes to one. */
import { formatNumber, h } from './dom';

/** A witness of either kind: `from` and `to` are pixel (x, y) or voxel (x, y, z) positions. */
export interface ListedWitness {
  metric: 'hd' | 'hd95';
  direction: 'predToGt' | 'gtToPred';
  from: readonly number[];
  to: readonly number[];
  distance: number;
}

export class WitnessList<W extends ListedWitness> {
  readonly root = h('div', { class: 'witnesses' });

  /** `title` says what a click does; `unit` follows each distance (e.g. ' mm'). */
  constructor(
    private readonly go: (w: W) => void,
    private readonly look: { title: string; unit: string } = { title: 'Click to centre the view on it', unit: '' },
  ) {}

  update(ws: readonly W[], reason: string): void {
    if (!ws.length) {
      this.root.replaceChildren(h('p', { class: 'hint' }, reason));
      return;
    }
    const at = (p: readonly number[]) => `(${p.join(', ')})`;
    const ul = h('ul', {});
    for (const w of ws) {
      const [a, b] = w.direction === 'predToGt' ? ['prediction', 'ground truth'] : ['ground truth', 'prediction'];
      const li = h(
        'li',
        { 'data-witness': w.metric, tabindex: 0, title: this.look.title },
        h('strong', {}, w.metric === 'hd' ? 'HD' : 'HD95'),
        ` ${formatNumber(w.distance)}${this.look.unit}: ${a} boundary ${at(w.from)} → nearest ${b} boundary ${at(w.to)}`,
      );
      li.addEventListener('click', () => this.go(w));
      li.addEventListener('keydown', (e) => e.key === 'Enter' && this.go(w));
      ul.append(li);
    }
    this.root.replaceChildren(ul);
  }
}
