/** The slice viewer's Hausdorff witnesses as a list; a click (or Enter) jumps to the witness's slice. */
import type { VolumeWitness } from '../../src/core/metrics/witnesses3d';
import { formatNumber, h } from '../ui/dom';

const voxel = (v: readonly number[]) => `(${v.join(', ')})`;

export class VolumeWitnessList {
  readonly root = h('div', { class: 'volume-witnesses' });

  constructor(private readonly jump: (w: VolumeWitness) => void) {}

  update(ws: readonly VolumeWitness[], reason: string): void {
    if (!ws.length) {
      this.root.replaceChildren(h('p', { class: 'hint' }, reason));
      return;
    }
    const ul = h('ul', {});
    for (const w of ws) {
      const [a, b] = w.direction === 'predToGt' ? ['prediction', 'ground truth'] : ['ground truth', 'prediction'];
      const li = h(
        'li',
        { 'data-witness': w.metric, tabindex: 0, title: 'Click to go to its slice' },
        h('strong', {}, w.metric === 'hd' ? 'HD' : 'HD95'),
        ` ${formatNumber(w.distance)} mm: ${a} boundary ${voxel(w.from)} → nearest ${b} boundary ${voxel(w.to)}`,
      );
      li.addEventListener('click', () => this.jump(w));
      li.addEventListener('keydown', (e) => e.key === 'Enter' && this.jump(w));
      ul.append(li);
    }
    this.root.replaceChildren(ul);
  }
}
