/**
 * The slice viewer's objects: the core's object evaluation (`layoutObjects`, as the CLI and the tree
 * compute it) of the volume's labels and hard prediction in 3-D, listed like the image panel's; a click
 * goes to the slice through the object's centroid and frames it there. With the outline switch on, the
 * slice shows where it cuts each object, drawn by the image panel's object layer.
 */
import { DEFAULT_OBJECT_OPTIONS, layoutObjects, type InstanceIds, type ObjectLayout } from '../../src/core/objects/evaluate';
import type { ClassObjects } from '../../src/core/objects/types';
import type { ViewOptions, VolumePayload } from '../../src/shared/protocol';
import { h } from '../ui/dom';
import { ObjectList } from '../ui/objectList';
import type { Plane } from '../volume/slices';
import { ObjectLayer } from './objectLayer';
import { centroids, objectRows, sortRows, type ObjectRow, type ObjectSort } from './objectRows';
import { sliceObjects } from './sliceObjects';

export type Voxel = [x: number, y: number, z: number];

export interface VolumeObjectsEvents {
  /** Show the slice through this voxel in the direction shown. */
  goTo(voxel: Voxel): void;
  /** The outlines changed: draw the slice again. */
  redraw(): void;
}

type Checkbox = HTMLElement & { checked: boolean };

export class VolumeObjects {
  readonly root: HTMLElement;
  private readonly list: ObjectList;
  private readonly layer = new ObjectLayer();
  private readonly outlineBox = h('vscode-checkbox', { 'data-control': 'objectOutlines', label: 'Outline the objects on the slice' }) as Checkbox;
  /** The rows of the class shown, and the one picked in the list. */
  private rows: ObjectRow[] = [];
  private picked?: ObjectRow;
  private sort: ObjectSort = 'size';
  private computed?: { layout: ObjectLayout; centres: { gt: Float64Array; pred: Float64Array } };
  private cls = 1;
  private shown?: { v: VolumePayload; labels: Uint8Array | Uint16Array; predicted: Uint8Array | Uint16Array; instances?: InstanceIds };
  private options: Pick<ViewOptions, 'connectivity' | 'match'> = {};

  constructor(private readonly events: VolumeObjectsEvents) {
    this.list = new ObjectList({
      select: (row) => this.pick(row),
      sortChanged: (by) => {
        this.sort = by;
        this.show();
      },
    });
    this.outlineBox.addEventListener('change', () => this.events.redraw());
    this.root = h('section', { class: 'volume-objects' }, h('h2', {}, 'Objects'), this.outlineBox, this.list.root);
  }

  private get outlined(): boolean {
    return this.outlineBox.checked;
  }

  /**
   * Where slice `s` of `plane` cuts the objects of the class shown (ground truth solid, prediction
   * dashed, in the colour of each outcome) and the frame of the picked one, drawn on `ctx` at `kx` × `ky`
   * device pixels per slice column and row.
   */
  paint(ctx: CanvasRenderingContext2D, plane: Plane, s: number, kx: number, ky: number): void {
    const c = this.computed;
    const v = this.shown?.v;
    if (!this.outlined || !c || !v) return;
    const cut = sliceObjects(plane, s, c.layout.gt.ids, c.layout.pred.ids, c.layout.gt.count, c.layout.pred.count, this.rows, v.width, v.height);
    this.layer.set(cut.rows, cut.gt, cut.pred, { gt: c.layout.gt.count, pred: c.layout.pred.count }, plane.cols, plane.rows);
    this.layer.select(this.picked && cut.of.get(this.picked));
    const dpr = window.devicePixelRatio || 1;
    this.layer.paint(ctx, { zoom: kx / dpr, zoomY: ky / dpr, tx: 0, ty: 0 }, dpr);
  }

  /**
   * A new volume. Evaluated only when the viewer computes on its own (the payload has probabilities):
   * a larger volume's objects are in the tree and the Loss Report.
   */
  load(v: VolumePayload, labels: Uint8Array | Uint16Array, predicted: Uint8Array | Uint16Array, options: Partial<ViewOptions>, cls: number): void {
    const ids = v.instanceIds;
    this.shown = { v, labels, predicted, ...(ids ? { instances: { gt: new Uint16Array(ids.gt), pred: new Uint16Array(ids.pred) } } : {}) };
    this.options = { connectivity: options.connectivity, match: options.match };
    this.cls = cls;
    this.evaluate();
  }

  /** New options; `predictedChanged` when the hard prediction was made again (a new threshold). */
  setOptions(o: Partial<ViewOptions>, predictedChanged: boolean): void {
    const next = { connectivity: o.connectivity ?? this.options.connectivity, match: o.match ?? this.options.match };
    const changed = next.connectivity !== this.options.connectivity || next.match !== this.options.match;
    this.options = next;
    if (changed || predictedChanged) this.evaluate();
  }

  private evaluate(): void {
    const s = this.shown;
    this.computed = undefined;
    this.rows = [];
    this.picked = undefined;
    if (!s) return;
    const { v, labels, predicted } = s;
    if (!v.prob) {
      this.list.clear('Too large for the viewer: its objects are in the Mask Pairs tree and the Loss Report.');
      return;
    }
    const { width, height, depth } = v;
    const pair = { width, height, depth, mode: v.mode, classes: v.classes, labels, predicted, ...(v.ignoreIndex === undefined ? {} : { ignoreIndex: v.ignoreIndex }) };
    const o = { connectivity: this.options.connectivity ?? DEFAULT_OBJECT_OPTIONS.connectivity, match: this.options.match ?? DEFAULT_OBJECT_OPTIONS.match };
    const layout = layoutObjects(pair, 0.5, v.spacing, o, s.instances);
    this.computed = { layout, centres: { gt: centroids(layout.gt, width, height), pred: centroids(layout.pred, width, height) } };
    this.show();
  }

  setClass(cls: number): void {
    this.cls = cls;
    this.show();
  }

  private show(): void {
    const c = this.computed;
    if (!c) return;
    const set: Pick<ClassObjects, 'counts' | 'metrics'> | undefined = c.layout.objects.perClass ? c.layout.objects.perClass[String(this.cls)] : c.layout.objects;
    this.rows = set ? objectRows(c.layout, this.cls, c.centres) : [];
    // The rows are made again (another order or class): the picked one is the row of the same objects, if any.
    const p = this.picked;
    this.picked = p && this.rows.find((r) => r.gt?.mapId === p.gt?.mapId && r.pred?.mapId === p.pred?.mapId);
    if (this.outlined) this.events.redraw();
    if (!set) {
      this.list.clear('Background has no objects: pick a foreground class.');
      return;
    }
    this.list.update({ counts: set.counts, pq: set.metrics.pq, unit: 'voxels' }, sortRows(this.rows, this.sort), this.sort);
  }

  /** The slice through the object's centroid (the ground truth's for a matched pair), the object framed and the outlines on. */
  private pick(row: ObjectRow): void {
    const o = row.gt ?? row.pred;
    if (!o) return;
    this.picked = row;
    this.outlineBox.checked = true;
    this.events.goTo(o.centroid.map(Math.floor) as Voxel);
  }
}
