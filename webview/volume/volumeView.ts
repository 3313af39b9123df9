/**
 * The comparison panel's slice viewer for a volume pair: one slice of one direction drawn on a canvas
 * (TP/FP/FN, both boundaries) at the voxels' physical aspect, a slider with a per-slice Dice strip, a hover
 * read-out (voxel and mm) and the whole-volume numbers the host's compute worker sent.
 */
import { BOTH_CONTOURS, css, FN, FP, GT_CONTOUR, OUTCOME_COLOURS, PRED_CONTOUR, TP, type Rgb } from '../../src/shared/colours';
import { Outcome, outcomeOf } from '../../src/core/outcome';
import type { Tagged } from '../../src/core/types';
import type { ViewOptions, VolumePayload, VolumeValues } from '../../src/shared/protocol';
import { formatNumber, h, slider } from '../ui/dom';
import { AXES, planeOf, sliceDice, voxelIndex, type Axis, type Plane } from './slices';

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

const tagged = (t: Tagged): string => (t.status === 'ok' ? formatNumber(t.value as number) : t.status === 'infinite' ? '∞' : 'undefined');
const mm = (v: number): string => Number(v.toFixed(2)).toString();

export class VolumeView {
  readonly root: HTMLElement;
  private readonly title = h('h2', { class: 'volume-title' });
  private readonly axisSelect = h('vscode-single-select', { 'aria-label': 'Slice direction', 'data-control': 'axis' }) as HTMLElement & { value: string };
  private readonly sliceLabel = h('span', { class: 'volume-slice-label' });
  private readonly canvas = h('canvas', { class: 'volume-canvas', tabindex: 0 });
  /** The slice at one pixel per voxel, scaled onto the canvas. */
  private readonly voxels = document.createElement('canvas');
  private readonly range = slider(0, 0, 1, 0, 'Slice');
  private readonly strip = h('div', { class: 'volume-dice-strip', role: 'list', 'aria-label': 'Dice per slice' });
  private readonly readout = h('div', { class: 'volume-readout' }, 'Hover over the slice for a voxel’s values');
  private readonly table = h('table', { class: 'volume-values' });
  private readonly notes = h('div', { class: 'volume-notes' });
  private loaded?: Loaded;
  private axis: Axis = 'axial';
  private readonly slice: Record<Axis, number> = { axial: 0, coronal: 0, sagittal: 0 };

  constructor() {
    for (const a of AXES) this.axisSelect.append(h('vscode-option', { value: a }, a));
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
      h('div', { class: 'volume-controls' }, this.axisSelect, this.sliceLabel),
      h('div', { class: 'volume-main' }, h('div', { class: 'volume-canvas-host' }, this.canvas), h('div', { class: 'volume-side' }, h('h3', {}, 'Whole volume'), this.table)),
      this.range,
      this.strip,
      this.readout,
      legend,
      this.notes,
    );
    this.axisSelect.addEventListener('change', () => this.setAxis(this.axisSelect.value as Axis));
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

  show(v: VolumePayload, _options: ViewOptions): void {
    const labels = v.labelType === 'uint16' ? new Uint16Array(v.labels) : new Uint8Array(v.labels);
    const predicted = v.labelType === 'uint16' ? new Uint16Array(v.predicted) : new Uint8Array(v.predicted);
    const dice = sliceDice(v, labels, predicted, v.classes, v.ignoreIndex);
    this.loaded = { v, labels, predicted, dice, ...(v.prob ? { prob: new Float32Array(v.prob) } : {}) };
    this.slice.axial = v.depth >> 1;
    this.slice.coronal = v.height >> 1;
    this.slice.sagittal = v.width >> 1;
    this.title.textContent = v.title ?? `${v.predName} vs ${v.gtName}`;
    this.table.replaceChildren(h('tr', {}, h('td', { colspan: 2 }, 'Computing…')));
    this.notes.replaceChildren(
      h('p', {}, `${v.width}×${v.height}×${v.depth} voxels of ${v.spacing.map(mm).join(' × ')} mm; ${v.mode}, ${v.classes} classes. Positions in mm are voxel index × spacing (the header's origin and orientation are not applied).`),
      ...v.warnings.map((w) => h('div', { class: 'notice warning' }, w)),
    );
    this.root.hidden = false;
    this.setAxis(this.axis);
  }

  setValues(r: VolumeValues): void {
    if (!this.loaded || r.key !== this.loaded.v.key) return;
    if (!r.values) {
      this.table.replaceChildren(h('tr', {}, h('td', { colspan: 2, class: 'error' }, r.error ?? 'No numbers')));
      return;
    }
    const rows = [...Object.entries(r.values.metrics), ...Object.entries(r.values.losses)];
    this.table.replaceChildren(...rows.map(([id, t]) => h('tr', { 'data-value': id }, h('th', {}, id), h('td', {}, tagged(t)))));
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
    const [sx, sy, sz] = l.v.spacing;
    const name = (k: number) => (k === l.v.ignoreIndex ? `ignored (${k})` : `${l.v.classNames[k] ?? 'class'} (${k})`);
    const pred = l.prob ? `${formatNumber(l.prob[i]!)} → ${name(l.predicted[i]!)}` : name(l.predicted[i]!);
    this.readout.textContent = `voxel (${x}, ${y}, ${z}) · ${mm(x * sx)}, ${mm(y * sy)}, ${mm(z * sz)} mm · ground truth ${name(l.labels[i]!)} · prediction ${pred}`;
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
