/**
 * The GPU engine: fills the core's `ClassStats` with WebGL programs, and the core's loss and metric
 * modules turn them into values, so each formula keeps one definition. Distance fields, boundaries,
 * surface distances and the Lovász errors depend only on the masks and are kept per threshold; a
 * parameter change reruns only the per-pixel sums it affects and the heat map.
 */
import type { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl/dist/base';
import { classViews, type ResolvedOptions } from '../../src/core/engine';
import { byKey, type ClassStats, type ClassView, FIELD_TERMS, type FieldScalars, fieldScalarsFrom, type FieldSums, LovaszAccumulator, type PixelSums, positiveFloatKey, radixSortDescending, SUM_TERMS } from '../../src/core/backend';
import type { PairInput } from '../../src/core/types';
import { sortedDistances } from '../engine/boundaryDistances';
import type { MapTerms } from '../engine/pixelLoss';
import type { BoundaryDistances, ClassOverlay, ViewEngine } from '../engine/types';
import { squaredEdts, twoSidedSquaredEdts } from './edt';
import {
  boundaryProgram, FIELD_GPU, FIELD_MAX_KEYS, fieldMaxProgram, fieldSumsProgram, fieldUniforms, groupKey, lossMapProgram, lovaszErrorProgram,
  mapTermIndex, paramUniforms, pixelSumsProgram, SUM_GPU, surfaceSampleProgram, type TermGroup,
} from './programs';
import { readAndDispose, run, tf, upload } from './webgl';

interface MaskStats {
  field: FieldScalars;
  predToGt: BoundaryDistances;
  gtToPred: BoundaryDistances;
}

/**
 * Per binary problem: its masks and distance fields on the GPU, and what was read back. Reads are
 * cached as promises, so concurrent requests share one readback and the GPU work is queued at once.
 */
interface GpuClass {
  view: ClassView;
  p: tf.Tensor2D;
  y: tf.Tensor2D;
  hard: tf.Tensor2D;
  /** Multi-class: p_c > threshold where it differs from the argmax (the losses' prediction field). */
  fieldHard?: tf.Tensor2D;
  valid: tf.Tensor2D;
  dy2: tf.Tensor2D;
  dp2: tf.Tensor2D;
  maskStats?: Promise<MaskStats>;
  lovasz?: Promise<number>;
  /** Row totals of each group of reduction terms, with the parameter value they were computed for. */
  termCache: Map<string, { param: string; totals: Promise<number[]> }>;
  fieldsRead?: Promise<{ dy2: Float32Array; dp2: Float32Array }>;
}

/** Sums each term's row values in float64: [terms, rows] → one number per term. */
function rowTotals(rows: Float32Array, terms: number, height: number, op: 'sum' | 'max' = 'sum'): number[] {
  const out: number[] = [];
  for (let k = 0; k < terms; k++) {
    let acc = 0;
    for (let r = 0; r < height; r++) acc = op === 'sum' ? acc + rows[k * height + r] : Math.max(acc, rows[k * height + r]);
    out.push(acc);
  }
  return out;
}

/** Boundary pixels and their distances from a read-back sample field (−1 off the boundary). */
function boundaryDistancesFrom(sample: Float32Array): BoundaryDistances {
  let count = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] >= 0) count++;
  const index = new Uint32Array(count);
  const dist = new Float64Array(count);
  for (let i = 0, k = 0; i < sample.length; i++) {
    if (sample[i] < 0) continue;
    index[k] = i;
    dist[k++] = sample[i];
  }
  return { index, dist };
}

const maskKey = (pair: PairInput, o: ResolvedOptions): string => JSON.stringify([pair.mode === 'binary' ? o.threshold : null, o.spacing]);

export class GpuEngine implements ViewEngine {
  readonly backend = 'webgl';
  private pair?: PairInput;
  private probs: tf.Tensor2D[] = [];
  private classes?: { key: string; list: GpuClass[] };

  constructor(
    private readonly gl: MathBackendWebGL,
    private readonly maxTextureSize: number,
  ) {}

  setPair(pair: PairInput): void {
    this.releaseClasses();
    tf.dispose(this.probs);
    this.pair = pair;
    const { width: w, height: h } = pair;
    const n = w * h;
    const channels = pair.mode === 'binary' ? 1 : pair.classes;
    this.probs = Array.from({ length: channels }, (_, c) => upload(pair.prob.subarray(c * n, (c + 1) * n), h, w));
  }

  private releaseClasses(): void {
    for (const c of this.classes?.list ?? []) tf.dispose([c.y, c.hard, c.valid, c.dy2, c.dp2, ...(c.fieldHard ? [c.fieldHard] : [])]);
    this.classes = undefined;
  }

  /** Masks and distance fields of every binary problem for this threshold and spacing. */
  private prepare(o: ResolvedOptions): GpuClass[] {
    const pair = this.pair;
    if (!pair) throw new Error('no pair loaded');
    const key = maskKey(pair, o);
    if (this.classes?.key === key) return this.classes.list;
    this.releaseClasses();
    const { width: w, height: h } = pair;
    const ones = new Float32Array(w * h).fill(1);
    const views = classViews(pair, o.threshold);
    const masks = views.map((v) => ({
      y: upload(v.y, h, w),
      hard: upload(v.hard, h, w),
      valid: upload(v.valid ?? ones, h, w),
      ...(v.fieldHard ? { fieldHard: upload(v.fieldHard, h, w) } : {}),
    }));
    // Every class's two fields in one series of passes.
    const fields = twoSidedSquaredEdts(this.gl, masks.flatMap((m) => [m.y, m.fieldHard ?? m.hard]), o.spacing, this.maxTextureSize);
    const list = views.map((view, c): GpuClass => ({ view, p: this.probs[c], ...masks[c], dy2: fields[2 * c], dp2: fields[2 * c + 1], termCache: new Map() }));
    this.classes = { key, list };
    return list;
  }

  /** What depends on the masks only: field scalars and surface distances. */
  private maskStats(c: GpuClass, o: ResolvedOptions): Promise<MaskStats> {
    return (c.maskStats ??= this.readMaskStats(c, o));
  }

  private async readMaskStats(c: GpuClass, o: ResolvedOptions): Promise<MaskStats> {
    const { width: w, height: h } = c.view;
    const outputs = tf.tidy(() => {
      const bG = run(this.gl, boundaryProgram(h, w), [c.y], [[h], [w]]);
      const bP = run(this.gl, boundaryProgram(h, w), [c.hard], [[h], [w]]);
      const [toG, toP] = squaredEdts(this.gl, [{ mask: bG, feature: 1 }, { mask: bP, feature: 1 }], o.spacing, this.maxTextureSize);
      return [
        run(this.gl, fieldMaxProgram(h), [c.y, c.fieldHard ?? c.hard, c.dy2], [[w]]),
        run(this.gl, surfaceSampleProgram(h, w), [bP, toG]),
        run(this.gl, surfaceSampleProgram(h, w), [bG, toP]),
      ];
    });
    const [rows, pg, gp] = await Promise.all(outputs.map(readAndDispose));
    const [maxIn2, maxOut2] = rowTotals(rows, 2, h, 'max');
    const [, , yCount, pCount] = rowTotals(rows, FIELD_MAX_KEYS.length, h);
    // A sample field holds the pixels of its own boundary: an empty one means infinite distances the other way.
    const predToGt = boundaryDistancesFrom(pg);
    const gtToPred = boundaryDistancesFrom(gp);
    if (!gtToPred.index.length) predToGt.dist.fill(Infinity);
    if (!predToGt.index.length) gtToPred.dist.fill(Infinity);
    return { field: fieldScalarsFrom(maxIn2, maxOut2, yCount, pCount, w * h), predToGt, gtToPred };
  }

  /** Row totals of a group of reduction terms, kept for the latest value of the parameter they depend on. */
  private terms(c: GpuClass, group: string, param: string, make: () => tf.Tensor2D): Promise<number[]> {
    const kept = c.termCache.get(group);
    if (kept?.param === param) return kept.totals;
    const rows = make();
    const [count, h] = rows.shape;
    const totals = readAndDispose(rows).then((r) => rowTotals(r, count, h));
    c.termCache.set(group, { param, totals });
    return totals;
  }

  /** Runs each group of a family of terms (cached per parameter value); the totals in GPU order. */
  private async groups<K extends string>(
    c: GpuClass, family: string, groups: TermGroup<K>[], o: ResolvedOptions, make: (g: TermGroup<K>) => tf.Tensor2D,
  ): Promise<number[]> {
    const totals = await Promise.all(groups.map((g) => this.terms(c, `${family}:${g.first}`, groupKey(g, o.sumParams), () => make(g))));
    return totals.flat();
  }

  private async sums(c: GpuClass, o: ResolvedOptions): Promise<PixelSums> {
    const { width: w, height: h } = c.view;
    const totals = await this.groups(c, 'sums', SUM_GPU.groups, o, (g) =>
      run(this.gl, pixelSumsProgram(g.keys.length, h), [c.p, c.y, c.hard, c.valid], [[g.first], [w], ...paramUniforms(o.sumParams)]),
    );
    return byKey(SUM_TERMS, (k) => totals[SUM_GPU.order.indexOf(k)]);
  }

  private async fields(c: GpuClass, o: ResolvedOptions): Promise<FieldSums> {
    const { width: w, height: h } = c.view;
    const { field } = await this.maskStats(c, o);
    const totals = await this.groups(c, 'fields', FIELD_GPU.groups, o, (g) =>
      run(this.gl, fieldSumsProgram(g.keys.length, h), [c.p, c.y, c.valid, c.dy2, c.dp2], [[g.first], [w], ...fieldUniforms(field), ...paramUniforms(o.sumParams)]),
    );
    return byKey(FIELD_TERMS, (k) => totals[FIELD_GPU.order.indexOf(k)]);
  }

  /** Lovász hinge: errors from the GPU, sorted on the CPU (the core's radix sort). */
  private lovasz(c: GpuClass, o: ResolvedOptions): Promise<number> {
    if (!c.lovasz) {
      const { width: w, height: h, y } = c.view;
      const errors = readAndDispose(run(this.gl, lovaszErrorProgram(h, w), [c.p, c.y, c.valid]));
      c.lovasz = Promise.all([errors, this.sums(c, o)]).then(([err, sums]) => {
        let m = 0;
        for (let i = 0; i < err.length; i++) if (err[i] > 0) m++;
        const keys = new Uint32Array(m);
        const index = new Uint32Array(m);
        for (let i = 0, k = 0; i < err.length; i++) {
          if (!(err[i] > 0)) continue;
          keys[k] = positiveFloatKey(err[i]);
          index[k++] = i;
        }
        const acc = new LovaszAccumulator(sums.sumY);
        for (const i of radixSortDescending(keys, index)) acc.add(err[i], y[i], 1 - y[i]);
        return acc.total;
      });
    }
    return c.lovasz;
  }

  async stats(o: ResolvedOptions): Promise<ClassStats[]> {
    return Promise.all(
      this.prepare(o).map(async (c) => {
        const [sums, fields, lovaszHinge, m] = await Promise.all([this.sums(c, o), this.fields(c, o), this.lovasz(c, o), this.maskStats(c, o)]);
        return { sums, fields, lovaszHinge, surface: { predToGt: sortedDistances(m.predToGt), gtToPred: sortedDistances(m.gtToPred) } };
      }),
    );
  }

  async overlay(view: number, o: ResolvedOptions): Promise<ClassOverlay> {
    const c = this.prepare(o)[view];
    c.fieldsRead ??= Promise.all([c.dy2.data(), c.dp2.data()]).then(([dy2, dp2]) => ({ dy2: dy2 as Float32Array, dp2: dp2 as Float32Array }));
    const [m, fields] = await Promise.all([this.maskStats(c, o), c.fieldsRead]);
    const { y, hard, valid } = c.view;
    return { y, hard, valid, ...fields, ...m };
  }

  async lossMap(view: number, t: MapTerms, o: ResolvedOptions): Promise<Float32Array> {
    const c = this.prepare(o)[view];
    const { width: w, height: h } = c.view;
    const uniforms = [[mapTermIndex(t.pos)], [mapTermIndex(t.neg)], [t.wPos], [t.wNeg], ...fieldUniforms(t.field), ...paramUniforms(t.params)];
    return readAndDispose(run(this.gl, lossMapProgram(h, w), [c.p, c.y, c.hard, c.valid, c.dy2, c.dp2], uniforms));
  }

  numTensors(): number {
    return tf.memory().numTensors;
  }

  dispose(): void {
    this.releaseClasses();
    tf.dispose(this.probs);
    this.probs = [];
    this.pair = undefined;
  }
}
