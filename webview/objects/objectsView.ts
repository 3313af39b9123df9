/**
 * The comparison view's objects: the core's object evaluation of the pair shown (`layoutObjects`, the
 * definition the CLI and the tree use), computed here from the decoded masks again only when the pair,
 * the threshold or the object options change; the class shown picks the rows of the list and the layer.
 */
import { DEFAULT_OBJECT_OPTIONS, layoutObjects, type InstanceIds, type ObjectLayout, type ObjectOptions } from '../../src/core/objects/evaluate';
import type { ClassObjects } from '../../src/core/objects/types';
import type { PairInput } from '../../src/core/types';
import type { ObjectSummary, PairPayload } from '../../src/shared/protocol';
import type { CanvasView } from '../render/canvasView';
import { ObjectList } from '../ui/objectList';
import { ObjectLayer } from './objectLayer';
import { centroids, objectRows, sortRows, type ObjectRow, type ObjectSort } from './objectRows';

/**
 * Pixels up to which the panel evaluates objects itself (about 12 bytes a pixel: two value maps, two
 * object maps). A larger image's objects are in the tree and the Loss Report, computed in the host's worker.
 */
export const PANEL_OBJECT_LIMIT = 4096 * 4096;

export interface ObjectsViewEvents {
  /** A row was picked: the view zooms to it; the layer should be shown. */
  picked(): void;
  /** The user chose another order (kept in the view state). */
  sortChanged(by: ObjectSort): void;
}

interface Computed {
  key: readonly unknown[];
  layout: ObjectLayout;
  centres: { gt: Float64Array; pred: Float64Array };
}

export class ObjectsView {
  readonly list: ObjectList;
  readonly layer = new ObjectLayer();
  private computed?: Computed;
  private sort: ObjectSort = 'size';
  private last?: { input: PairInput; cls: number };
  /** The instance maps of the pair shown, when the host read its files as instance-id maps. */
  private instances?: InstanceIds;

  constructor(
    private readonly canvas: CanvasView,
    private readonly events: ObjectsViewEvents,
  ) {
    this.list = new ObjectList({
      select: (row) => this.pick(row),
      sortChanged: (by) => {
        this.setSort(by);
        this.events.sortChanged(by);
      },
    });
    canvas.setPainter('objects', (ctx, t, dpr) => this.layer.paint(ctx, t, dpr));
  }

  /** The list's order (the saved one on a reload, or the user's choice). */
  setSort(by: ObjectSort): void {
    this.sort = by;
    if (this.last) this.show(this.last.input, this.last.cls);
  }

  /** A new pair: nothing computed yet. */
  setPair(payload: PairPayload): void {
    const ids = payload.instanceIds;
    this.instances = ids ? { gt: new Uint16Array(ids.gt), pred: new Uint16Array(ids.pred) } : undefined;
    this.computed = undefined;
    this.last = undefined;
    this.layer.clear();
    this.list.clear('Computing…');
  }

  /** The objects of `input` at this threshold and these options (defaults where absent), for class `cls` (1 for a binary pair). */
  update(input: PairInput, cls: number, threshold: number, spacing: readonly number[], options: Partial<ObjectOptions>): void {
    if (input.width * input.height > PANEL_OBJECT_LIMIT) {
      this.list.clear('Too large for the panel: its objects are in the Mask Pairs tree and the Loss Report.');
      return;
    }
    const instances = this.instances;
    const o: ObjectOptions = { connectivity: options.connectivity ?? DEFAULT_OBJECT_OPTIONS.connectivity, match: options.match ?? DEFAULT_OBJECT_OPTIONS.match };
    const key = [input, threshold, spacing[0], spacing[1], o.connectivity, o.match, instances];
    const old = this.computed?.key;
    if (!old || old.length !== key.length || !old.every((k, i) => Object.is(k, key[i]))) {
      const layout = layoutObjects(input, threshold, spacing, o, instances);
      const { width, height } = input;
      this.computed = { key, layout, centres: { gt: centroids(layout.gt, width, height), pred: centroids(layout.pred, width, height) } };
      this.last = undefined;
    }
    if (this.last?.input !== input || this.last.cls !== cls) this.show(input, cls);
  }

  /** Matched, missed and extra objects per foreground class, for the host; undefined until evaluated. */
  summary(): ObjectSummary | undefined {
    const o = this.computed?.layout.objects;
    if (!o) return undefined;
    if (!o.perClass) return { '1': { ...o.counts } };
    return Object.fromEntries(Object.entries(o.perClass).map(([c, set]) => [c, { ...set.counts }]));
  }

  private show(input: PairInput, cls: number): void {
    const c = this.computed;
    if (!c) return;
    this.last = { input, cls };
    const rows = sortRows(objectRows(c.layout, cls, c.centres), this.sort);
    const set: Pick<ClassObjects, 'counts' | 'metrics'> | undefined = c.layout.objects.perClass ? c.layout.objects.perClass[String(cls)] : c.layout.objects;
    this.layer.set(rows, c.layout.gt.ids, c.layout.pred.ids, { gt: c.layout.gt.count, pred: c.layout.pred.count }, input.width, input.height);
    if (!set) this.list.clear('Background has no objects: pick a foreground class.');
    else this.list.update({ counts: set.counts, pq: set.metrics.pq, unit: 'pixels' }, rows, this.sort);
    this.canvas.requestDraw();
  }

  private pick(row: ObjectRow): void {
    this.layer.select(row);
    const b = row.box;
    this.canvas.zoomToBox(b[0], b[1], b[3], b[4]);
    this.events.picked();
  }
}
