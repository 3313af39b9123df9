/** Layer toggles (keys 1–7) with opacity sliders and colour keys. */
import { BOTH_CONTOURS, css, FN, FP, GT_CONTOUR, IGNORED, OBJECT_EXTRA, OBJECT_MATCHED, OBJECT_MISSED, PRED_CONTOUR, TP, WITNESS, type Rgb } from '../render/colours';
import { LAYER_LABELS, LAYERS, type LayerId, type LayerState } from '../state';
import { h, slider } from './dom';

const KEYS: Partial<Record<LayerId, Array<[string, Rgb]>>> = {
  confusion: [['TP', TP], ['FP', FP], ['FN', FN], ['ignored', IGNORED]],
  contours: [['ground truth', GT_CONTOUR], ['prediction', PRED_CONTOUR], ['both', BOTH_CONTOURS]],
  witnesses: [['HD, HD95', WITNESS]],
  objects: [['matched', OBJECT_MATCHED], ['missed (GT, solid)', OBJECT_MISSED], ['extra (prediction, dashed)', OBJECT_EXTRA]],
};

type Checkbox = HTMLElement & { checked: boolean };

export class LayersPanel {
  readonly root: HTMLElement;
  private readonly rows = new Map<LayerId, { box: Checkbox; opacity: HTMLInputElement }>();

  constructor(changed: (id: LayerId, s: LayerState) => void) {
    this.root = h('div', { class: 'layers' });
    LAYERS.forEach((id, k) => {
      const box = h('vscode-checkbox', { 'data-layer': id, label: `${k + 1}  ${LAYER_LABELS[id]}` }) as Checkbox;
      const opacity = slider(0, 1, 0.05, 1, `${LAYER_LABELS[id]} opacity`);
      opacity.dataset.opacity = id;
      const emit = () => changed(id, { on: box.checked, opacity: Number(opacity.value) });
      box.addEventListener('change', emit);
      opacity.addEventListener('input', emit);
      const swatches = (KEYS[id] ?? []).map(([name, c]) => {
        const chip = h('span', { class: 'chip' });
        chip.style.background = css(c); // CSSOM, which the CSP allows (a style attribute it would not)
        return h('span', { class: 'swatch' }, chip, name);
      });
      this.root.append(h('div', { class: 'layer' }, box, opacity, h('div', { class: 'swatches' }, ...swatches)));
      this.rows.set(id, { box, opacity });
    });
  }

  update(layers: Record<LayerId, LayerState>): void {
    for (const [id, r] of this.rows) {
      r.box.checked = layers[id].on;
      r.opacity.value = String(layers[id].opacity);
    }
  }
}
