/** The Hausdorff witnesses as a list; a click centres the view on one. */
import type { Witness } from '../../src/shared/protocol';
import { formatNumber, h } from './dom';

export class WitnessList {
  readonly root: HTMLElement;

  constructor(private readonly focus: (w: Witness) => void) {
    this.root = h('div', { class: 'witnesses' });
  }

  update(ws: Witness[], reason: string): void {
    if (!ws.length) {
      this.root.replaceChildren(h('p', { class: 'hint' }, reason));
      return;
    }
    const ul = h('ul', {});
    for (const w of ws) {
      const [a, b] = w.direction === 'predToGt' ? ['prediction', 'ground truth'] : ['ground truth', 'prediction'];
      const li = h(
        'li',
        { 'data-witness': w.metric, tabindex: 0, title: 'Click to centre the view on it' },
        h('strong', {}, w.metric === 'hd' ? 'HD' : 'HD95'),
        ` ${formatNumber(w.distance)}: ${a} boundary (${w.from[0]}, ${w.from[1]}) → nearest ${b} boundary (${w.to[0]}, ${w.to[1]})`,
      );
      li.addEventListener('click', () => this.focus(w));
      li.addEventListener('keydown', (e) => e.key === 'Enter' && this.focus(w));
      ul.append(li);
    }
    this.root.replaceChildren(ul);
  }
}
