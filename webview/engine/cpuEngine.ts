/** The CPU fallback: the core engine itself, plus the overlays' per-pixel data. */
import { boundary } from '../../src/core/distance/edt';
import { cpuStats, type ResolvedOptions } from '../../src/core/engine';
import { type CpuClassStats, fieldScalars } from '../../src/core/backend';
import type { PairInput } from '../../src/core/types';
import { boundaryDistances } from './boundaryDistances';
import { contribution, type MapTerms } from './pixelLoss';
import type { ClassOverlay, ViewEngine } from './types';

/** The distance fields depend on the threshold and the spacing; the per-pixel parameters only re-sum. */
const fieldsKey = (o: ResolvedOptions): string => JSON.stringify([o.threshold, o.spacing]);
const paramsKey = (o: ResolvedOptions): string => JSON.stringify(o.sumParams);

export class CpuEngine implements ViewEngine {
  readonly backend = 'cpu';
  private pair?: PairInput;
  private cached?: { key: string; params: string; stats: CpuClassStats[]; overlays: Map<number, ClassOverlay> };

  setPair(pair: PairInput): void {
    this.pair = pair;
    this.cached = undefined;
  }

  private ensure(o: ResolvedOptions): { stats: CpuClassStats[]; overlays: Map<number, ClassOverlay> } {
    if (!this.pair) throw new Error('no pair loaded');
    const key = fieldsKey(o);
    const params = paramsKey(o);
    if (this.cached?.key !== key) this.cached = { key, params, stats: cpuStats(this.pair, o), overlays: new Map() };
    else if (this.cached.params !== params) {
      // A slider of γ or α: keep the distance fields, recompute the sums.
      this.cached.stats = this.cached.stats.map((s) => s.withParams(o.sumParams));
      this.cached.params = params;
    }
    return this.cached;
  }

  async stats(o: ResolvedOptions): Promise<CpuClassStats[]> {
    return this.ensure(o).stats;
  }

  async overlay(view: number, o: ResolvedOptions): Promise<ClassOverlay> {
    const { stats, overlays } = this.ensure(o);
    const known = overlays.get(view);
    if (known) return known;
    const s = stats[view];
    const { width, height, y, hard, valid } = s.view;
    const grid = { width, height, sx: o.spacing[0], sy: o.spacing[1] };
    const bG = boundary(y, width, height);
    const bP = boundary(hard, width, height);
    const { y: dy2, hard: dp2 } = s.distances;
    const overlay: ClassOverlay = {
      y, hard, valid, dy2, dp2,
      predToGt: boundaryDistances(bP, bG, grid),
      gtToPred: boundaryDistances(bG, bP, grid),
      field: fieldScalars(y, hard, dy2),
    };
    overlays.set(view, overlay);
    return overlay;
  }

  async lossMap(view: number, terms: MapTerms, o: ResolvedOptions): Promise<Float32Array> {
    const { stats } = this.ensure(o);
    const { p, y, valid } = stats[view].view;
    const { y: dy2, hard: dp2 } = stats[view].distances;
    const out = new Float32Array(y.length);
    for (let i = 0; i < y.length; i++) if (!valid || valid[i]) out[i] = contribution(terms, p[i], y[i], dy2[i], dp2[i]);
    return out;
  }

  numTensors(): undefined {
    return undefined;
  }

  dispose(): void {
    this.pair = undefined;
    this.cached = undefined;
  }
}
