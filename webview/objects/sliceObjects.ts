/**
 * A volume's 3-D objects cut by one slice, in the image panel's terms: the two sides' object maps of
 * the slice (the 3-D maps' ids, so the 3-D rows' map ids still apply) and each row placed where its
 * objects cross the slice, so the image panel's object layer draws them unchanged.
 */
import type { Plane } from '../volume/slices';
import type { ObjectRow, PlacedObject } from './objectRows';

export interface SliceObjects {
  /** Slice object maps, `ids[row · cols + col]`, 0 = none. */
  gt: Int32Array;
  pred: Int32Array;
  /** The rows with an object on the slice, boxes and centroids in slice columns and rows (z 0). */
  rows: ObjectRow[];
  /** Each such 3-D row's slice row. */
  of: Map<ObjectRow, ObjectRow>;
}

/** Per map id of one side's slice map: voxel count, sums of column and row, and the box. */
class Extent {
  readonly n: Float64Array;
  readonly sum: Float64Array;
  readonly box: Int32Array;
  constructor(count: number) {
    this.n = new Float64Array(count + 1);
    this.sum = new Float64Array((count + 1) * 2);
    this.box = new Int32Array((count + 1) * 4);
  }

  add(id: number, c: number, r: number): void {
    const b = id * 4;
    if (this.n[id] === 0) (this.box[b] = this.box[b + 2] = c), (this.box[b + 1] = this.box[b + 3] = r);
    else {
      this.box[b] = Math.min(this.box[b], c);
      this.box[b + 1] = Math.min(this.box[b + 1], r);
      this.box[b + 2] = Math.max(this.box[b + 2], c);
      this.box[b + 3] = Math.max(this.box[b + 3], r);
    }
    this.n[id]++;
    this.sum[id * 2] += c;
    this.sum[id * 2 + 1] += r;
  }

  /** The object where the slice cuts it (its report id and 3-D size kept), or undefined off the slice. */
  place(o: PlacedObject): PlacedObject | undefined {
    const id = o.mapId;
    const n = this.n[id];
    if (!n) return undefined;
    const b = Array.from(this.box.subarray(id * 4, id * 4 + 4));
    return { ...o, box: [b[0], b[1], 0, b[2], b[3], 0], centroid: [this.sum[id * 2] / n + 0.5, this.sum[id * 2 + 1] / n + 0.5, 0] };
  }
}

/**
 * Slice `s` of `plane` through the object maps `gtIds` and `predIds` (the core's `Components.ids` of the
 * volume, with `gtCount` and `predCount` objects) and the 3-D `rows` of the class shown.
 */
export function sliceObjects(plane: Plane, s: number, gtIds: Int32Array, predIds: Int32Array, gtCount: number, predCount: number, rows: readonly ObjectRow[], width: number, height: number): SliceObjects {
  const { cols, rows: n } = plane;
  const gt = new Int32Array(cols * n);
  const pred = new Int32Array(cols * n);
  const ge = new Extent(gtCount);
  const pe = new Extent(predCount);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < cols; c++) {
      const [x, y, z] = plane.voxel(c, r, s);
      const i = (z * height + y) * width + x;
      const k = r * cols + c;
      if ((gt[k] = gtIds[i])) ge.add(gt[k], c, r);
      if ((pred[k] = predIds[i])) pe.add(pred[k], c, r);
    }
  const out: ObjectRow[] = [];
  const of = new Map<ObjectRow, ObjectRow>();
  for (const row of rows) {
    const g = row.gt && ge.place(row.gt);
    const p = row.pred && pe.place(row.pred);
    if (!g && !p) continue;
    const boxes = [g?.box, p?.box].filter((b): b is number[] => !!b);
    const box = [0, 1, 2].map((k) => Math.min(...boxes.map((b) => b[k]))).concat([3, 4, 5].map((k) => Math.max(...boxes.map((b) => b[k]))));
    const cut: ObjectRow = { kind: row.kind, iou: row.iou, dice: row.dice, size: row.size, box, ...(g ? { gt: g } : {}), ...(p ? { pred: p } : {}) };
    out.push(cut);
    of.set(row, cut);
  }
  return { gt, pred, rows: out, of };
}
