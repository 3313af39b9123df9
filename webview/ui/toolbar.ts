/** The toolbar: class, threshold, preset, heat-map loss, and the view and file actions. */
import { LOSSES } from '../../src/core/registry';
import { PRESETS, type PresetId } from '../../src/core/types';
import type { Backend } from '../../src/shared/protocol';
import { MAP_LOSSES, type MapLossId } from '../engine/pixelLoss';
import { h, slider } from './dom';

export interface ToolbarEvents {
  classChanged(c: number): void;
  thresholdChanged(t: number): void;
  presetChanged(p: PresetId): void;
  mapLossChanged(id: MapLossId): void;
  fit(): void;
  copy(): void;
  open(which: 'gt' | 'pred'): void;
  swap(): void;
  resetParams(): void;
  toggleHelp(): void;
}

type Select = HTMLElement & { value: string };

const SWAP_TITLE = 'Swap ground truth and prediction (both must be label maps)';

function select(label: string, options: Array<[value: string, text: string]>, name: string): Select {
  const s = h('vscode-single-select', { 'aria-label': label, 'data-control': name }) as Select;
  for (const [value, text] of options) s.append(h('vscode-option', { value }, text));
  return s;
}

const button = (text: string, title: string, onClick: () => void, name: string): HTMLElement => {
  const b = h('vscode-button', { secondary: true, title, 'data-action': name }, text);
  b.addEventListener('click', onClick);
  return b;
};

export class Toolbar {
  readonly root: HTMLElement;
  private readonly classSelect: Select;
  private readonly classGroup: HTMLElement;
  private readonly threshold: HTMLInputElement;
  private readonly thresholdOut: HTMLOutputElement;
  private readonly thresholdGroup: HTMLElement;
  private readonly preset: Select;
  private readonly mapLoss: Select;
  private readonly backend: HTMLElement;
  private readonly title: HTMLElement;
  private readonly swap: HTMLElement;

  constructor(events: ToolbarEvents) {
    this.classSelect = select('Class', [], 'class');
    this.classSelect.addEventListener('change', () => events.classChanged(Number(this.classSelect.value)));
    this.classGroup = h('label', { class: 'group' }, 'Class ', this.classSelect);
    this.threshold = slider(0, 1, 0.01, 0.5, 'Threshold');
    this.threshold.dataset.control = 'threshold';
    this.thresholdOut = h('output', {}, '0.5');
    this.threshold.addEventListener('input', () => {
      this.thresholdOut.textContent = this.threshold.value;
      events.thresholdChanged(Number(this.threshold.value));
    });
    this.thresholdGroup = h('label', { class: 'group', title: 'Hard prediction: p > threshold' }, 'Threshold ', this.threshold, this.thresholdOut);
    this.preset = select('Preset', PRESETS.map((p) => [p, p]), 'preset');
    this.preset.addEventListener('change', () => events.presetChanged(this.preset.value as PresetId));
    const names = new Map(LOSSES.map((l) => [l.id, l.name]));
    this.mapLoss = select('Heat map loss', MAP_LOSSES.map((id) => [id, names.get(id) ?? id]), 'mapLoss');
    this.mapLoss.addEventListener('change', () => events.mapLossChanged(this.mapLoss.value as MapLossId));
    this.backend = h('vscode-badge', { class: 'backend', 'data-backend': '' }, '…');
    this.title = h('span', { class: 'pair-title' });
    this.root = h(
      'div',
      { class: 'toolbar', role: 'toolbar' },
      this.title,
      this.classGroup,
      this.thresholdGroup,
      h('label', { class: 'group', title: 'A preset changes defaults; parameters you moved still win' }, 'Preset ', this.preset),
      h('label', { class: 'group' }, 'Heat map ', this.mapLoss),
      button('Fit', 'Fit the image to the view (0)', () => events.fit(), 'fit'),
      button('Reset', 'Forget the parameters you moved', () => events.resetParams(), 'reset'),
      button('Copy values', 'Copy every value as tab-separated text', () => events.copy(), 'copy'),
      button('Open GT', 'Open the ground truth file', () => events.open('gt'), 'open-gt'),
      button('Open prediction', 'Open the prediction file', () => events.open('pred'), 'open-pred'),
      (this.swap = button('Swap', SWAP_TITLE, () => events.swap(), 'swap')),
      button('?', 'Keyboard shortcuts (?)', () => events.toggleHelp(), 'help'),
      this.backend,
    );
  }

  /** A new pair; `swapBlocked` says why Swap is off for it. */
  setPair(title: string, classNames: readonly string[], mode: 'binary' | 'multiclass', classIndex: number, swapBlocked?: string): void {
    this.title.textContent = title;
    this.title.title = title;
    this.swap.toggleAttribute('disabled', swapBlocked !== undefined);
    this.swap.title = swapBlocked ?? SWAP_TITLE;
    // New options are read on the next slot change: the selection must come with them, not after.
    this.classSelect.replaceChildren(...classNames.map((n, c) => h('vscode-option', { value: c, selected: c === classIndex }, `${c}: ${n}`)));
    this.classGroup.hidden = mode === 'binary';
    this.thresholdGroup.hidden = mode !== 'binary';
  }

  update(s: { classIndex: number; threshold: number; preset: PresetId; mapLoss: MapLossId }): void {
    this.classSelect.value = String(s.classIndex);
    this.threshold.value = String(s.threshold);
    this.thresholdOut.textContent = String(s.threshold);
    this.preset.value = s.preset;
    this.mapLoss.value = s.mapLoss;
  }

  setBackend(backend: Backend): void {
    this.backend.textContent = backend === 'webgl' ? 'GPU (WebGL)' : 'CPU';
    this.backend.dataset.backend = backend;
    this.backend.title = backend === 'webgl' ? 'Computed on the GPU with TensorFlow.js (WebGL)' : 'Computed on the CPU';
  }
}
