/**
 * The slice viewer's whole-volume side: the values table with its parameter controls (generated from the
 * registry, as the image view's), the Hausdorff witnesses, and the per-voxel values of the signed distance
 * and loss heat maps, all from the viewer's engine (webview/volume/volumeEngine.ts). A parameter change
 * re-sums on the kept distance fields. Without probabilities (a volume too large for the viewer's engine)
 * it shows the host's numbers, which the host computes only then.
 */
import { resolveOptions, type PairResult, type ResolvedOptions } from '../../src/core/engine';
import type { VolumeWitness } from '../../src/core/metrics/witnesses3d';
import { getLoss } from '../../src/core/registry';
import type { ParamValue } from '../../src/core/params';
import { scaleFor, type HeatScale } from '../../src/shared/colours';
import { DEFAULT_VIEW_OPTIONS, type ViewOptions, type VolumePayload, type VolumeValues } from '../../src/shared/protocol';
import type { MapLossId } from '../engine/pixelLoss';
import { h } from '../ui/dom';
import { LossTable } from '../ui/lossTable';
import { VolumeEngine } from './volumeEngine';
import { WitnessList } from '../ui/witnessList';

export type OverlayKind = 'sdf' | 'heat';

/** Per-voxel values of an overlay over the whole volume, and their scale (one for every slice). */
export interface OverlayValues {
  kind: OverlayKind;
  values: Float32Array;
  scale: HeatScale;
  /** What a value is, for the colour scale and the read-out. */
  label: string;
  unit: string;
}

export interface VolumeNumbersEvents {
  /** Numbers, witnesses or overlay values changed: the slice is drawn again. */
  redraw(): void;
  jump(w: VolumeWitness): void;
  /** The user moved a parameter; the host keeps it for a reload of the panel. */
  optionsChanged(o: ViewOptions): void;
  /** The engine computed the whole-volume numbers of the pair `key` (the host hears them; it computes none of its own then). */
  computed(key: string, values: PairResult): void;
  /** A loss's name was clicked: its heat map is wanted. */
  selectMap(id: MapLossId): void;
}

type Labels = Uint8Array | Uint16Array;

export class VolumeNumbers {
  readonly root: HTMLElement;
  private readonly status = h('p', { class: 'volume-status', 'data-numbers': 'pending' }, 'Computing…');
  private readonly table: LossTable;
  private readonly witnessList: WitnessList<VolumeWitness>;
  private v?: VolumePayload;
  private engine?: VolumeEngine;
  private valid: Uint8Array | null = null;
  private options: ViewOptions;
  private result?: PairResult;
  private host?: VolumeValues;
  private overlayCache?: OverlayValues;
  private pending = false;
  /** Completed computations, for tests waiting on one. */
  private runs = 0;
  classIndex = 1;
  mapLoss: MapLossId = 'ce';
  witnesses: VolumeWitness[] = [];

  constructor(private readonly events: VolumeNumbersEvents) {
    this.options = { ...DEFAULT_VIEW_OPTIONS, spacing: [...DEFAULT_VIEW_OPTIONS.spacing], params: {} };
    this.table = new LossTable({ paramChanged: (id, key, value) => this.setParam(id, key, value), selectMap: (id) => events.selectMap(id) });
    this.witnessList = new WitnessList<VolumeWitness>((w) => events.jump(w), { title: 'Click to go to its slice', unit: ' mm' });
    this.witnessList.root.classList.add('volume-witnesses');
    this.root = h('div', { class: 'volume-side' }, h('h3', {}, 'Whole volume'), this.status, h('h3', {}, 'Hausdorff witnesses'), this.witnessList.root, this.table.root);
  }

  get threshold(): number {
    return this.options.threshold;
  }

  /** A new pair: its engine starts from the options the host sent. */
  load(v: VolumePayload, labels: Labels, options: ViewOptions): void {
    this.v = v;
    this.options = options;
    this.result = undefined;
    this.host = undefined;
    this.overlayCache = undefined;
    this.witnesses = [];
    this.classIndex = Math.min(1, v.classes - 1);
    this.valid = null;
    if (v.ignoreIndex !== undefined) this.valid = Uint8Array.from(labels, (t) => (t === v.ignoreIndex ? 0 : 1));
    this.engine = v.prob
      ? new VolumeEngine({ width: v.width, height: v.height, depth: v.depth, mode: v.mode, classes: v.classes, labels, prob: new Float32Array(v.prob), ...(v.ignoreIndex === undefined ? {} : { ignoreIndex: v.ignoreIndex }) }, v.spacing)
      : undefined;
    this.setStatus('pending', this.engine ? 'Computing…' : 'Waiting for the host’s numbers…');
    this.witnessList.update([], this.engine ? 'Computing…' : 'Not available for a volume this large.');
    this.schedule();
  }

  /** The host's worker's numbers: sent only when the viewer has no engine of its own. */
  setHostValues(r: VolumeValues): void {
    if (!this.v || r.key !== this.v.key) return;
    this.host = r;
    if (!this.result) this.render();
  }

  /** The host's settings changed; returns whether the threshold (the hard prediction) changed. */
  setOptions(o: Partial<ViewOptions>): boolean {
    const before = this.options.threshold;
    this.options = { ...this.options, ...o };
    this.overlayCache = undefined;
    this.schedule();
    return this.options.threshold !== before;
  }

  setClass(c: number): void {
    this.classIndex = c;
    this.overlayCache = undefined;
    this.schedule();
  }

  setMapLoss(id: MapLossId): void {
    this.mapLoss = id;
    if (this.overlayCache?.kind === 'heat') this.overlayCache = undefined;
    this.render();
  }

  /** The whole volume's values of an overlay for the class shown (computed on first use, then kept). */
  overlay(kind: OverlayKind): OverlayValues | undefined {
    const e = this.engine;
    if (!e || !this.result) return undefined;
    if (this.overlayCache?.kind === kind) return this.overlayCache;
    const o = this.resolved();
    const values = kind === 'sdf' ? e.signedDistance(this.classIndex, o) : e.heatMap(this.mapLoss, this.classIndex, o);
    const label = kind === 'sdf' ? 'signed distance to the ground truth' : `${getLoss(this.mapLoss).name} per voxel`;
    this.overlayCache = { kind, values, scale: scaleFor(values, this.valid), label, unit: kind === 'sdf' ? ' mm' : '' };
    return this.overlayCache;
  }

  private resolved(): ResolvedOptions {
    return resolveOptions({ ...this.options, spacing: [...this.v!.spacing] });
  }

  private setParam(lossId: string, key: string, value: ParamValue): void {
    this.options = { ...this.options, params: { ...this.options.params, [lossId]: { ...this.options.params[lossId], [key]: value } } };
    this.overlayCache = undefined;
    this.events.optionsChanged(this.options);
    this.schedule();
  }

  /** Many changes in one turn (a slider dragged) are computed once. */
  private schedule(): void {
    if (this.pending || !this.engine) return;
    this.pending = true;
    setTimeout(() => this.compute(), 0);
  }

  private compute(): void {
    this.pending = false;
    const e = this.engine;
    if (!e) return;
    try {
      const o = this.resolved();
      this.result = e.evaluate(o);
      this.witnesses = e.witnesses(this.classIndex, o);
      this.witnessList.update(this.witnesses, 'None: a boundary of this class is empty (HD is undefined or ∞).');
      this.setStatus('engine', 'Computed here with the core engine (the CLI’s); parameters re-sum on the kept distance fields.');
      this.events.computed(this.v!.key, this.result);
    } catch (err) {
      this.result = undefined;
      this.setStatus('error', `Not computed here: ${err instanceof Error ? err.message : String(err)}`);
    }
    this.render();
    this.root.dataset.runs = String(++this.runs);
  }

  private render(): void {
    const v = this.v;
    if (!v) return;
    const o = this.resolved();
    const className = v.classNames[this.classIndex];
    const multi = v.mode === 'multiclass' ? this.classIndex : null;
    if (this.result) this.table.update(this.result, o, multi, this.mapLoss, className);
    else if (this.host?.values) {
      this.table.update({ mode: v.mode, classes: v.classes, ...this.host.values }, o, null, this.mapLoss);
      if (!this.engine) this.setStatus('host', 'From the host (the volume is too large for the viewer’s engine: parameters, heat maps and witnesses need it).');
    } else if (this.host?.error && !this.engine) this.setStatus('error', this.host.error);
    this.events.redraw();
  }

  private setStatus(kind: 'pending' | 'engine' | 'host' | 'error', text: string): void {
    this.status.dataset.numbers = kind;
    this.status.classList.toggle('error', kind === 'error');
    this.status.textContent = text;
  }
}
