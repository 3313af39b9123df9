/** The CPU fallback: the core engine itself, plus the overlays' per-pixel data. */
import { boundary } from '../../src/core/distance/edt';
import { cpuStats, type ResolvedOptions } from '../../src/core/engine';
import { type CpuClassStats, fieldScalars } from '../../src/core/backend';
import { type ViewStats, withParams } from './paramSums';
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
  /** The core's statistics for the fields' key (`base`), and those of the current parameters. */
  private cached?: { key: string; params: string; base: CpuClassStats[]; stats: ViewStats[]; overlays: Map<number, ClassOverlay> };

  setPair(pair: PairInput): void {
    this.pair = pair;
    this.cached = undefined;
  }

  private ensure(o: ResolvedOptions): { stats: ViewStats[]; overlays: Map<number, ClassOverlay> } {
    if (!this.pair) throw new Error('no pair loaded');
    const key = fieldsKey(o);
    const params = paramsKey(o);
    if (this.cached?.key !== key) {
      const base = cpuStats(this.pair, o);
      this.cached = { key, params, base, stats: base, overlays: new Map() };
    } else if (this.cached.params !== params) {
      // A slider of γ or α: keep the distance fields, re-sum the terms of the parameters that changed.
      const { base } = this.cached;
      this.cached.stats = this.cached.stats.map((s, c) => withParams(s, base[c], o.sumParams));
      this.cached.params = params;
    }
    return this.cached;
  }

  async stats(o: ResolvedOptions): Promise<ViewStats[]> {
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
