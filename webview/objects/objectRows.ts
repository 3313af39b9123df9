/**
 * The objects of one class as rows of the panel's object list and marks of its object layer: a matched
 * pair is one row, a missed ground-truth object and an extra prediction one row each. Everything comes
 * from the core's `layoutObjects` (the numbers the CLI and the tree report); this only arranges them.
 */
import type { Components } from '../../src/core/objects/components';
import type { ObjectLayout } from '../../src/core/objects/evaluate';
import type { ClassObjects, ObjectEntry } from '../../src/core/objects/types';

export type RowKind = 'matched' | 'missed' | 'extra';

/** One object of one side, where it lies. */
export interface PlacedObject {
  /** Its id in the report (1…, per side and class). */
  id: number;
  /** Its id in the side's object map (`Components.ids`). */
  mapId: number;
  size: number;
  /** Inclusive box [x0, y0, z0, x1, y1, z1] (z 0 on an image). */
  box: number[];
  /** Mean pixel position (x, y, z) of the object, in pixel units (a pixel's centre is +0.5). */
  centroid: [number, number, number];
}

export interface ObjectRow {
  kind: RowKind;
  gt?: PlacedObject;
  pred?: PlacedObject;
  /** IoU and Dice of a matched pair; 0 otherwise. */
  iou: number;
  dice: number;
  /** The ground-truth object's size (the prediction's for an extra one): what "by size" sorts. */
  size: number;
  /** The box around both objects of the row, [x0, y0, z0, x1, y1, z1]. */
  box: number[];
}

export type ObjectSort = 'size' | 'iou';
export const isObjectSort = (v: unknown): v is ObjectSort => v === 'size' || v === 'iou';

/** Per map id (index id − 1), the mean x, y, z of its pixels plus one half (centre of the pixel). */
export function centroids(c: Components, width: number, height: number): Float64Array {
  const sums = new Float64Array(c.count * 3);
  const plane = width * height;
  const ids = c.ids;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (id === 0) continue;
    const k = (id - 1) * 3;
    const r = i % plane;
    sums[k] += r % width;
    sums[k + 1] += Math.floor(r / width);
    sums[k + 2] += Math.floor(i / plane);
  }
  for (let id = 0; id < c.count; id++) for (let a = 0; a < 3; a++) sums[id * 3 + a] = sums[id * 3 + a] / c.size[id] + 0.5;
  return sums;
}

/** The objects of class `cls` (1 for a binary pair) as rows; `centres` are the two sides' `centroids`. */
export function objectRows(layout: ObjectLayout, cls: number, centres: { gt: Float64Array; pred: Float64Array }): ObjectRow[] {
  const set: Pick<ClassObjects, 'gtObjects' | 'predObjects'> | undefined = layout.objects.perClass ? layout.objects.perClass[String(cls)] : cls === 1 ? (layout.objects as ClassObjects) : undefined;
  if (!set?.gtObjects) return [];
  const place = (e: ObjectEntry, mapIds: number[] | undefined, c: Components, centre: Float64Array): PlacedObject => {
    const mapId = (mapIds ?? [])[e.id - 1];
    const k = (mapId - 1) * 3;
    return { id: e.id, mapId, size: e.size, box: Array.from(c.box.subarray((mapId - 1) * 6, mapId * 6)), centroid: [centre[k], centre[k + 1], centre[k + 2]] };
  };
  const gt = set.gtObjects.map((e) => place(e, layout.gtIds[cls], layout.gt, centres.gt));
  const pred = set.predObjects.map((e) => place(e, layout.predIds[cls], layout.pred, centres.pred));
  const rows: ObjectRow[] = [];
  set.gtObjects.forEach((e, k) => {
    const g = gt[k];
    if (e.match === null) rows.push({ kind: 'missed', gt: g, iou: 0, dice: 0, size: g.size, box: g.box });
    else {
      const p = pred[e.match - 1];
      rows.push({ kind: 'matched', gt: g, pred: p, iou: e.iou, dice: e.dice, size: g.size, box: unionBox(g.box, p.box) });
    }
  });
  set.predObjects.forEach((e, k) => {
    if (e.match === null) rows.push({ kind: 'extra', pred: pred[k], iou: 0, dice: 0, size: pred[k].size, box: pred[k].box });
  });
  return rows;
}

function unionBox(a: number[], b: number[]): number[] {
  return [0, 1, 2].map((k) => Math.min(a[k], b[k])).concat([3, 4, 5].map((k) => Math.max(a[k], b[k])));
}

const KIND_ORDER: Record<RowKind, number> = { missed: 0, extra: 1, matched: 2 };
const firstId = (r: ObjectRow): number => r.gt?.id ?? r.pred?.id ?? 0;

/**
 * Rows in list order. `size`: largest first. `iou`: worst first (missed and extra have IoU 0), the larger
 * object first among equals. Ties end on kind and id, so the order is the same on every run.
 */
export function sortRows(rows: readonly ObjectRow[], by: ObjectSort): ObjectRow[] {
  const tie = (a: ObjectRow, b: ObjectRow) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || firstId(a) - firstId(b);
  return [...rows].sort(by === 'size' ? (a, b) => b.size - a.size || tie(a, b) : (a, b) => a.iou - b.iou || b.size - a.size || tie(a, b));
}
