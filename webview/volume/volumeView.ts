/**
 * The comparison panel's slice viewer for a volume pair: one slice of one direction drawn on a canvas
 * (TP/FP/FN, the ground truth's signed distance or a loss heat map, both boundaries, the marked Hausdorff
 * witness) at the voxels' physical aspect, a slider with a per-slice Dice strip, a hover read-out (voxel
 * and mm) and the whole-volume numbers with their parameters (webview/volume/volumeNumbers.ts).
 */
import { BOTH_CONTOURS, css, FN, FP, GT_CONTOUR, OUTCOME_COLOURS, PRED_CONTOUR, tableIndex, TP, WITNESS, type Rgb } from '../../src/shared/colours';
import { Outcome, outcomeOf } from '../../src/core/outcome';
import type { VolumeWitness } from '../../src/core/metrics/witnesses3d';
import { LOSSES } from '../../src/core/registry';
import { worldOf } from '../../src/core/io/volume/affine';
import type { ViewOptions, VolumePayload, VolumeValues } from '../../src/shared/protocol';
import { MAP_LOSSES, type MapLossId } from '../engine/pixelLoss';
import { ColourScale } from '../ui/colourScale';
import { formatNumber, h, slider } from '../ui/dom';
import { AXES, planeOf, sliceDice, voxelIndex, type Axis, type Plane } from './slices';
import { VolumeNumbers, type OverlayKind, type VolumeNumbersEvents } from './volumeNumbers';
import { VolumeObjects, type Voxel } from '../objects/volumeObjects';

/** The canvas's longer side, in CSS pixels. */
const FIT = 560;

type Labels = Uint8Array | Uint16Array;

interface Loaded {
  v: VolumePayload;
  labels: Labels;
  predicted: Labels;
  prob?: Float32Array;
  dice: Record<Axis, (number | null)[]>;
}

function put(img: ImageData, k: number, c: Rgb): void {
  img.data[k * 4] = c[0];
  img.data[k * 4 + 1] = c[1];
  img.data[k * 4 + 2] = c[2];
  img.data[k * 4 + 3] = 255;
}

type Select = HTMLElement & { value: string };

function select(label: string, control: string, options: Array<[value: string, text: string]>): Select {
  const s = h('vscode-single-select', { 'aria-label': label, 'data-control': control }) as Select;
  for (const [value, text] of options) s.append(h('vscode-option', { value }, text));
  return s;
}

/** What the voxels are coloured by; the boundaries and the marked witness are drawn over any of them. */
type Colouring = 'confusion' | OverlayKind;
const COLOURINGS: Array<[Colouring, string]> = [['confusion', 'TP / FP / FN'], ['sdf', 'Signed distance (GT)'], ['heat', 'Loss heat map']];
const mm = (v: number): string => Number(v.toFixed(2)).toString();

/** A voxel's position as 3D Slicer shows it (RAS mm from the header), or index × spacing when the file has no frame (.npy). */
function position(v: VolumePayload, x: number, y: number, z: number): string {
  if (!v.world) return `${mm(x * v.spacing[0])}, ${mm(y * v.spacing[1])}, ${mm(z * v.spacing[2])} mm (index × spacing)`;
  return `${worldOf(v.world.affine, x, y, z).map(mm).join(', ')} mm (RAS)`;
}

const positionNote = (v: VolumePayload): string =>
  v.world
    ? `Positions are world coordinates in mm, RAS (x right, y anterior, z superior; ITK's LPS has x and y negated), from the ground truth's ${v.world.source}.`
    : 'Positions in mm are voxel index × spacing (the file has no origin or orientation).';

export class VolumeView {
  readonly root: HTMLElement;
  private readonly title = h('h2', { class: 'volume-title' });
  private readonly axisSelect = select('Slice direction', 'axis', AXES.map((a) => [a, a]));
  private readonly classSelect = select('Class', 'class', []);
  private readonly colouringSelect = select('Voxel colours', 'overlay', COLOURINGS);
  private readonly mapLossSelect = select('Heat map loss', 'mapLoss', MAP_LOSSES.map((id) => [id, LOSSES.find((l) => l.id === id)?.name ?? id]));
  private readonly colourScale = new ColourScale();
  private readonly numbers: VolumeNumbers;
  private readonly objects = new VolumeObjects({ goTo: (voxel) => this.goToVoxel(voxel), redraw: () => this.redraw() });
  private colouring: Colouring = 'confusion';
  /** The witness the user went to: marked on every slice it lies on. */
  private marked?: VolumeWitness;
  private readonly sliceLabel = h('span', { class: 'volume-slice-label' });
  private readonly canvas = h('canvas', { class: 'volume-canvas', tabindex: 0 });
  /** The slice at one pixel per voxel, scaled onto the canvas. */
  private readonly voxels = document.createElement('canvas');
  private readonly range = slider(0, 0, 1, 0, 'Slice');
  private readonly strip = h('div', { class: 'volume-dice-strip', role: 'list', 'aria-label': 'Dice per slice' });
  private readonly readout = h('div', { class: 'volume-readout' }, 'Hover over the slice for a voxel’s values');
  private readonly notes = h('div', { class: 'volume-notes' });
  private loaded?: Loaded;
  private axis: Axis = 'axial';
  private readonly slice: Record<Axis, number> = { axial: 0, coronal: 0, sagittal: 0 };

  constructor(optionsChanged: (o: ViewOptions) => void = () => undefined, computed: VolumeNumbersEvents['computed'] = () => undefined) {
    this.numbers = new VolumeNumbers({
      redraw: () => this.redraw(),
      jump: (w) => this.jump(w),
      optionsChanged,
      computed,
      selectMap: (id) => this.setMapLoss(id, true),
    });
    this.range.classList.add('volume-slider');
    const legend = h(
      'div',
      { class: 'volume-legend' },
      ...([['TP', TP], ['FP', FP], ['FN', FN], ['ground-truth boundary', GT_CONTOUR], ['prediction boundary', PRED_CONTOUR]] as Array<[string, Rgb]>).map(([name, c]) => {
        const swatch = h('span', { class: 'swatch' });
        swatch.style.background = css(c);
        return h('span', { class: 'legend-item' }, swatch, name);
      }),
    );
    this.root = h(
      'section',
      { class: 'volume-view', hidden: true },
      this.title,
      h(
        'div',
        { class: 'volume-controls' },
        this.axisSelect,
        h('label', { class: 'volume-class' }, 'Class ', this.classSelect),
        h('label', {}, 'Colours ', this.colouringSelect),
        h('label', {}, 'Heat map ', this.mapLossSelect),
        this.sliceLabel,
      ),
      h('div', { class: 'volume-main' }, h('div', { class: 'volume-canvas-host' }, this.canvas, this.colourScale.root), this.numbers.root),
      this.range,
      this.strip,
      this.readout,
      this.objects.root,
      legend,
      this.notes,
    );
    this.axisSelect.addEventListener('change', () => this.setAxis(this.axisSelect.value as Axis));
    this.classSelect.addEventListener('change', () => {
      this.marked = undefined;
      this.numbers.setClass(Number(this.classSelect.value));
      this.objects.setClass(Number(this.classSelect.value));
    });
    this.colouringSelect.addEventListener('change', () => {
      this.colouring = this.colouringSelect.value as Colouring;
      this.redraw();
    });
    this.mapLossSelect.addEventListener('change', () => this.setMapLoss(this.mapLossSelect.value as MapLossId, false));
    this.range.addEventListener('input', () => this.go(Number(this.range.value)));
    this.strip.addEventListener('click', (e) => {
      const bar = (e.target as HTMLElement).closest<HTMLElement>('.dice-bar');
      if (bar) this.go(Number(bar.dataset.slice));
    });
    this.canvas.addEventListener('wheel', (e) => {
      e.preventDefault();
      if (e.deltaY !== 0) this.go(this.slice[this.axis] + Math.sign(e.deltaY));
    }, { passive: false });
    this.canvas.addEventListener('mousemove', (e) => this.hover(e));
    document.addEventListener('keydown', (e) => this.key(e));
  }

  show(v: VolumePayload, options: ViewOptions): void {
    const labels = v.labelType === 'uint16' ? new Uint16Array(v.labels) : new Uint8Array(v.labels);
    const predicted = v.labelType === 'uint16' ? new Uint16Array(v.predicted) : new Uint8Array(v.predicted);
    const dice = sliceDice(v, labels, predicted, v.classes, v.ignoreIndex);
    this.loaded = { v, labels, predicted, dice, ...(v.prob ? { prob: new Float32Array(v.prob) } : {}) };
    this.marked = undefined;
    this.numbers.load(v, labels, options);
    this.objects.load(v, labels, predicted, options, v.mode === 'binary' ? 1 : this.numbers.classIndex);
    this.classSelect.replaceChildren(...v.classNames.map((n, c) => h('vscode-option', { value: c, selected: c === this.numbers.classIndex }, `${c}: ${n}`)));
    this.classSelect.value = String(this.numbers.classIndex);
    (this.classSelect.parentElement as HTMLElement).hidden = v.mode === 'binary';
    this.mapLossSelect.value = this.numbers.mapLoss;
    this.colouringSelect.toggleAttribute('disabled', !v.prob);
    this.slice.axial = v.depth >> 1;
    this.slice.coronal = v.height >> 1;
    this.slice.sagittal = v.width >> 1;
    this.title.textContent = v.title ?? `${v.predName} vs ${v.gtName}`;
    this.notes.replaceChildren(
      h('p', {}, `${v.width}×${v.height}×${v.depth} voxels of ${v.spacing.map(mm).join(' × ')} mm; ${v.mode}, ${v.classes} classes. ${positionNote(v)}`),
      ...(v.prob ? [] : [h('div', { class: 'notice warning' }, 'This volume is too large for the viewer’s own engine: the numbers are the host’s, without parameters, signed distance, heat maps or witnesses.')]),
      ...v.warnings.map((w) => h('div', { class: 'notice warning' }, w)),
    );
    this.root.hidden = false;
    this.setAxis(this.axis);
  }

  setValues(r: VolumeValues): void {
    this.numbers.setHostValues(r);
  }

  /** The host's settings changed: numbers, overlays and (for a new threshold) the hard prediction follow. */
  setOptions(o: Partial<ViewOptions>): void {
    const l = this.loaded;
    const prob = this.numbers.setOptions(o) && l?.v.mode === 'binary' ? l.prob : undefined;
    if (l && prob) {
      const t = this.numbers.threshold;
      for (let i = 0; i < l.predicted.length; i++) l.predicted[i] = prob[i]! > t ? 1 : 0;
      l.dice = sliceDice(l.v, l.labels, l.predicted, l.v.classes, l.v.ignoreIndex);
    }
    // The objects follow a new hard prediction, connectivity or matching rule.
    this.objects.setOptions(o, !!prob);
    if (prob) this.setAxis(this.axis);
  }

  private setMapLoss(id: MapLossId, show: boolean): void {
    this.mapLossSelect.value = id;
    if (show) {
      this.colouring = 'heat';
      this.colouringSelect.value = 'heat';
    }
    this.numbers.setMapLoss(id);
  }

  /** Goes to the slice of a witness's boundary voxel in the current direction, and marks both its voxels. */
  private jump(w: VolumeWitness): void {
    const p = this.plane;
    if (!p) return;
    this.marked = w;
    this.go(p.at(...w.from)[2]);
  }

  /** Goes to the slice through a voxel in the current direction (an object picked in the list). */
  private goToVoxel(voxel: Voxel): void {
    const p = this.plane;
    if (p) this.go(p.at(...voxel)[2]);
  }

  private redraw(): void {
    if (this.loaded && !this.root.hidden) this.go(this.slice[this.axis]);
  }

  private get plane(): Plane | undefined {
    return this.loaded && planeOf(this.loaded.v, this.axis);
  }

  private setAxis(axis: Axis): void {
    this.axis = axis;
    this.axisSelect.value = axis;
    const p = this.plane;
    const l = this.loaded;
    if (!p || !l) return;
    this.range.max = String(p.count - 1);
    // Physical aspect: a column is colMm wide, a row rowMm tall; drawn at device pixels, so boundaries stay thin.
    const w = p.cols * p.colMm;
    const hgt = p.rows * p.rowMm;
    const k = FIT / Math.max(w, hgt);
    const dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(w * k * dpr);
    this.canvas.height = Math.round(hgt * k * dpr);
    this.canvas.style.width = `${w * k}px`;
    this.canvas.style.height = `${hgt * k}px`;
    this.canvas.dataset.axis = axis;
    this.strip.replaceChildren(
      ...l.dice[axis].map((d, s) => {
        const bar = h('div', { class: d !== null && d < 0.5 ? 'dice-bar bad' : 'dice-bar', role: 'listitem', 'data-slice': s, 'data-dice': d === null ? 'none' : String(d), title: `slice ${s}: Dice ${d === null ? 'none (empty)' : formatNumber(d)}` });
        const fill = h('div', { class: d !== null && d < 0.5 ? 'dice-fill bad' : 'dice-fill' });
        fill.style.height = `${d === null ? 0 : Math.max(4, d * 100)}%`;
        bar.append(fill);
        return bar;
      }),
    );
    this.go(this.slice[axis]);
  }

  private go(s: number): void {
    const p = this.plane;
    if (!p) return;
    const slice = Math.max(0, Math.min(p.count - 1, Math.round(s)));
    this.slice[this.axis] = slice;
    this.range.value = String(slice);
    const d = this.loaded!.dice[this.axis][slice];
    this.sliceLabel.textContent = `${this.axis} slice ${slice + 1} / ${p.count} · Dice ${d === null ? '–' : formatNumber(d)}`;
    this.root.dataset.slice = String(slice);
    for (const el of this.strip.querySelectorAll('.dice-bar.current')) el.classList.remove('current');
    this.strip.children[slice]?.classList.add('current');
    this.draw(p, slice);
  }

  private draw(p: Plane, s: number): void {
    const { v, labels, predicted } = this.loaded!;
    const overlay = this.colouring === 'confusion' ? undefined : this.numbers.overlay(this.colouring);
    this.colourScale.show(overlay?.label ?? '', overlay?.scale ?? null);
    this.canvas.dataset.colours = overlay ? overlay.kind : 'confusion';
    const img = new ImageData(p.cols, p.rows);
    const gtAt = new Int32Array(p.cols * p.rows);
    const prAt = new Int32Array(p.cols * p.rows);
    for (let r = 0; r < p.rows; r++) {
      for (let c = 0; c < p.cols; c++) {
        const [x, y, z] = p.voxel(c, r, s);
        const i = voxelIndex(v, x, y, z);
        const t = labels[i]!;
        const pr = predicted[i]!;
        const ignored = t === v.ignoreIndex;
        gtAt[r * p.cols + c] = ignored ? 0 : t;
        prAt[r * p.cols + c] = pr;
        if (overlay && !ignored) {
          const k = tableIndex(overlay.scale, overlay.values[i]!) * 3;
          put(img, r * p.cols + c, [overlay.scale.table[k]!, overlay.scale.table[k + 1]!, overlay.scale.table[k + 2]!]);
          continue;
        }
        const colour = OUTCOME_COLOURS[ignored ? Outcome.IGNORED : outcomeOf(t, pr)];
        if (colour) put(img, r * p.cols + c, colour);
      }
    }
    this.voxels.width = p.cols;
    this.voxels.height = p.rows;
    (this.voxels.getContext('2d') as CanvasRenderingContext2D).putImageData(img, 0, 0);
    const ctx = this.canvas.getContext('2d') as CanvasRenderingContext2D;
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(this.voxels, 0, 0, this.canvas.width, this.canvas.height);
    // Boundaries: lines along the voxel edges where a mask's label changes (drawn over the voxels, so a
    // small structure keeps its TP/FP/FN colours); an edge on both boundaries is drawn once in white.
    const kx = this.canvas.width / p.cols;
    const ky = this.canvas.height / p.rows;
    const paths = { gt: new Path2D(), pred: new Path2D(), both: new Path2D() };
    const at = (a: Int32Array, c: number, r: number) => (c < 0 || r < 0 || c >= p.cols || r >= p.rows ? 0 : a[r * p.cols + c]!);
    const edge = (c0: number, r0: number, c1: number, r1: number, x0: number, y0: number, x1: number, y1: number) => {
      const g = at(gtAt, c0, r0) !== at(gtAt, c1, r1);
      const q = at(prAt, c0, r0) !== at(prAt, c1, r1);
      if (!g && !q) return;
      const path = g && q ? paths.both : g ? paths.gt : paths.pred;
      path.moveTo(x0 * kx, y0 * ky);
      path.lineTo(x1 * kx, y1 * ky);
    };
    for (let r = 0; r <= p.rows; r++) {
      for (let c = 0; c <= p.cols; c++) {
        if (r < p.rows) edge(c - 1, r, c, r, c, r, c, r + 1); // the vertical edge left of (c, r)
        if (c < p.cols) edge(c, r - 1, c, r, c, r, c + 1, r); // the horizontal edge above (c, r)
      }
    }
    ctx.lineWidth = Math.max(1.5, Math.min(3, Math.min(kx, ky) / 4));
    for (const [path, colour] of [[paths.gt, GT_CONTOUR], [paths.pred, PRED_CONTOUR], [paths.both, BOTH_CONTOURS]] as const) {
      ctx.strokeStyle = css(colour);
      ctx.stroke(path);
    }
    this.objects.paint(ctx, p, s, kx, ky);
    this.drawWitness(ctx, p, s, kx, ky);
  }

  /**
   * The marked witness: a ring and a dot on each of its two voxels that lies on this slice, and the line
   * between them as seen in this plane (dashed when one end is on another slice).
   */
  private drawWitness(ctx: CanvasRenderingContext2D, p: Plane, s: number, kx: number, ky: number): void {
    const w = this.marked;
    delete this.canvas.dataset.marks;
    if (!w) return;
    const ends = [p.at(...w.from), p.at(...w.to)].map(([c, r, slice]) => ({ x: (c + 0.5) * kx, y: (r + 0.5) * ky, here: slice === s }));
    if (!ends.some((e) => e.here)) return;
    this.canvas.dataset.marks = [ends[0]!.here ? 'from' : '', ends[1]!.here ? 'to' : ''].filter(Boolean).join(' ');
    ctx.strokeStyle = ctx.fillStyle = css(WITNESS);
    ctx.lineWidth = 2;
    ctx.setLineDash(ends.every((e) => e.here) ? [] : [6, 4]);
    ctx.beginPath();
    ctx.moveTo(ends[0]!.x, ends[0]!.y);
    ctx.lineTo(ends[1]!.x, ends[1]!.y);
    ctx.stroke();
    ctx.setLineDash([]);
    const k = Math.min(kx, ky);
    for (const e of ends.filter((e) => e.here)) {
      ctx.beginPath();
      ctx.arc(e.x, e.y, Math.max(6, 0.6 * k), 0, 2 * Math.PI);
      ctx.stroke();
      ctx.beginPath();
      ctx.arc(e.x, e.y, Math.max(2, 0.2 * k), 0, 2 * Math.PI);
      ctx.fill();
    }
  }

  private hover(e: MouseEvent): void {
    const p = this.plane;
    const l = this.loaded;
    if (!p || !l) return;
    const rect = this.canvas.getBoundingClientRect();
    const c = Math.floor(((e.clientX - rect.left) / rect.width) * p.cols);
    const r = Math.floor(((e.clientY - rect.top) / rect.height) * p.rows);
    if (c < 0 || r < 0 || c >= p.cols || r >= p.rows) return;
    const [x, y, z] = p.voxel(c, r, this.slice[this.axis]);
    const i = voxelIndex(l.v, x, y, z);
    const name = (k: number) => (k === l.v.ignoreIndex ? `ignored (${k})` : `${l.v.classNames[k] ?? 'class'} (${k})`);
    // Probabilities: the foreground's (binary) or the predicted class's; a label map has only its class.
    const k = l.predicted[i]!;
    const n = l.predicted.length;
    const pk = !l.prob || l.v.predictedLabels ? undefined : l.v.mode === 'binary' ? l.prob[i]! : l.prob[k * n + i]!;
    const pred = pk === undefined ? name(k) : `${formatNumber(pk)} → ${name(k)}`;
    const overlay = this.colouring === 'confusion' ? undefined : this.numbers.overlay(this.colouring);
    const value = overlay && l.labels[i] !== l.v.ignoreIndex ? ` · ${overlay.label} ${formatNumber(overlay.values[i]!)}${overlay.unit}` : '';
    this.readout.textContent = `voxel (${x}, ${y}, ${z}) · ${position(l.v, x, y, z)} · ground truth ${name(l.labels[i]!)} · prediction ${pred}${value}`;
  }

  private key(e: KeyboardEvent): void {
    if (this.root.hidden || !this.loaded) return;
    const t = e.target as HTMLElement | null;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName.startsWith('VSCODE-'))) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const step = { ArrowUp: 1, ArrowRight: 1, ArrowDown: -1, ArrowLeft: -1, PageUp: 10, PageDown: -10 }[e.key];
    if (step === undefined) return;
    e.preventDefault();
    this.go(this.slice[this.axis] + step);
  }
}
