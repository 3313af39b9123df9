/**
 * The object layer, drawn over the raster layers in screen space: each object's outline along its
 * pixel edges (ground truth solid, prediction dashed; matched green-yellow, missed ground truth orange,
 * extra prediction pink), a line linking the centroids of each matched pair, a ring of fixed screen
 * size on each missed and extra object (so a one-pixel lesion shows at any zoom), and a frame around
 * the object picked in the list.
 */
import { css, OBJECT_EXTRA, OBJECT_MATCHED, OBJECT_MISSED, type Rgb } from '../render/colours';
import type { ObjectRow } from './objectRows';
import { outlineSegments } from './outlines';

/** Screen (CSS px) = image · zoom + t, as the canvas view draws; `zoomY` for rows when it differs (a slice of anisotropic voxels). */
export interface ScreenTransform {
  zoom: number;
  zoomY?: number;
  tx: number;
  ty: number;
}

/** Outline groups: per side, matched objects (0) and the others (1: missed or extra). */
const MATCHED = 0;
const UNMATCHED = 1;

const RING = 7;

export class ObjectLayer {
  private gtPaths: Path2D[] = [];
  private predPaths: Path2D[] = [];
  private rows: readonly ObjectRow[] = [];
  private selected?: ObjectRow;

  /** The objects of the class shown: `gtIds` and `predIds` are the two sides' object maps (the core's `Components.ids`). */
  set(rows: readonly ObjectRow[], gtIds: Int32Array, predIds: Int32Array, counts: { gt: number; pred: number }, width: number, height: number): void {
    const gtGroup = new Int8Array(counts.gt + 1).fill(-1);
    const predGroup = new Int8Array(counts.pred + 1).fill(-1);
    for (const r of rows) {
      const group = r.kind === 'matched' ? MATCHED : UNMATCHED;
      if (r.gt) gtGroup[r.gt.mapId] = group;
      if (r.pred) predGroup[r.pred.mapId] = group;
    }
    const paths = (segments: Float32Array[]) =>
      segments.map((s) => {
        const p = new Path2D();
        for (let k = 0; k < s.length; k += 4) {
          p.moveTo(s[k], s[k + 1]);
          p.lineTo(s[k + 2], s[k + 3]);
        }
        return p;
      });
    this.gtPaths = paths(outlineSegments(gtIds, width, height, gtGroup, 2));
    this.predPaths = paths(outlineSegments(predIds, width, height, predGroup, 2));
    this.rows = rows;
    if (this.selected && !rows.includes(this.selected)) this.selected = undefined;
  }

  clear(): void {
    this.set([], new Int32Array(0), new Int32Array(0), { gt: 0, pred: 0 }, 0, 0);
  }

  select(row: ObjectRow | undefined): void {
    this.selected = row;
  }

  /** Draws on a context whose transform is the identity; `dpr` device pixels per CSS pixel. */
  paint(ctx: CanvasRenderingContext2D, t: ScreenTransform, dpr: number): void {
    ctx.save();
    const zy = t.zoomY ?? t.zoom;
    const toDevice = new DOMMatrix([dpr * t.zoom, 0, 0, dpr * zy, dpr * t.tx, dpr * t.ty]);
    // Outlines in image units: one path per colour, stroked 2 CSS px wide whatever the zoom. Under a
    // uniform zoom the image transform does it; otherwise it would stretch the line one way, so the path
    // is mapped to device pixels first and stroked there.
    const uniform = zy === t.zoom;
    if (uniform) ctx.setTransform(toDevice);
    else ctx.setTransform(1, 0, 0, 1, 0, 0);
    const unit = uniform ? t.zoom : 1 / dpr;
    ctx.lineWidth = 2 / unit;
    const stroke = (paths: Path2D[], dash: number[], unmatched: Rgb) => {
      ctx.setLineDash(dash.map((d) => d / unit));
      [OBJECT_MATCHED, unmatched].forEach((c, g) => {
        if (!paths[g]) return;
        ctx.strokeStyle = css(c);
        if (uniform) ctx.stroke(paths[g]);
        else {
          const mapped = new Path2D();
          mapped.addPath(paths[g], toDevice);
          ctx.stroke(mapped);
        }
      });
    };
    stroke(this.gtPaths, [], OBJECT_MISSED);
    stroke(this.predPaths, [5, 3], OBJECT_EXTRA);

    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.setLineDash([]);
    const at = (c: readonly number[]) => [c[0] * t.zoom + t.tx, c[1] * zy + t.ty] as const;
    ctx.lineWidth = 1.5;
    for (const r of this.rows) {
      if (r.kind === 'matched') {
        // A matched object is never ringed; its link needs both (a slice may cut only one of them).
        if (!r.gt || !r.pred) continue;
        const [x0, y0] = at(r.gt.centroid);
        const [x1, y1] = at(r.pred.centroid);
        ctx.strokeStyle = ctx.fillStyle = css(OBJECT_MATCHED);
        ctx.beginPath();
        ctx.moveTo(x0, y0);
        ctx.lineTo(x1, y1);
        ctx.stroke();
        ctx.beginPath();
        ctx.arc(x0, y0, 2.5, 0, 2 * Math.PI);
        ctx.arc(x1, y1, 2.5, 0, 2 * Math.PI);
        ctx.fill();
        continue;
      }
      const o = r.gt ?? r.pred;
      if (!o) continue;
      const [x, y] = at(o.centroid);
      ctx.strokeStyle = css(r.kind === 'missed' ? OBJECT_MISSED : OBJECT_EXTRA);
      ctx.beginPath();
      ctx.arc(x, y, RING, 0, 2 * Math.PI);
      ctx.stroke();
    }
    if (this.selected) {
      const b = this.selected.box;
      const [x0, y0] = at([b[0], b[1]]);
      const [x1, y1] = at([b[3] + 1, b[4] + 1]);
      ctx.lineWidth = 2;
      ctx.setLineDash([6, 4]);
      ctx.strokeStyle = 'rgb(255, 255, 255)';
      ctx.strokeRect(x0 - 4, y0 - 4, x1 - x0 + 8, y1 - y0 + 8);
    }
    ctx.restore();
  }
}
