/**
 * A parameter change on the CPU engine (focal γ, exp-log γ_C, Hausdorff α): only the terms that read
 * a changed parameter are summed again, in one pass over the pixels for those terms alone; every
 * other sum, the distance fields, the surface distances and the Lovász hinge are kept. The sum terms
 * go through the core's own float pass restricted to them, the field terms through the core's
 * per-pixel definition (`pixelTerm`), each in pixel order: bit for bit a computation from scratch.
 */
import {
  type ClassStats, type ClassView, type CpuClassStats, FIELD_TERMS, type FieldKey, fieldScalars, type FieldSums, PixelSumAccumulator, pixelTerm, type PixelSums,
  SUM_PARAM_NAMES, SUM_TERMS, type SumKey, type SumParams,
} from '../../src/core/backend';

/** The statistics of one class as the CPU engine keeps them: the core's, or re-summed for other parameters. */
export interface ViewStats extends ClassStats {
  readonly view: ClassView;
  readonly params: SumParams;
  /** Squared distances to the other side of y and of the hard prediction. */
  readonly distances: { y: Float32Array; hard: Float32Array };
}

/** The core's statistics with some sums replaced (the rest, surface and Lovász, are the core's). */
class Resummed implements ViewStats {
  constructor(
    private readonly base: CpuClassStats,
    readonly params: SumParams,
    readonly sums: PixelSums,
    readonly fields: FieldSums,
  ) {}

  get view(): ClassView {
    return this.base.view;
  }

  get distances(): { y: Float32Array; hard: Float32Array } {
    return this.base.distances;
  }

  get surface(): ClassStats['surface'] {
    return this.base.surface;
  }

  get lovaszHinge(): number {
    return this.base.lovaszHinge;
  }
}

/**
 * `s` (the core's statistics `base`, or a re-sum of them) under `params`. A quantised prediction's
 * sums come from its histogram in the core (a pass over the codes, not the pixels).
 */
export function withParams(s: ViewStats, base: CpuClassStats, params: SumParams): ViewStats {
  const changed = SUM_PARAM_NAMES.filter((n) => s.params[n] !== params[n]);
  if (!changed.length) return s;
  const sumKeys = (Object.keys(SUM_TERMS) as SumKey[]).filter((k) => changed.includes(SUM_TERMS[k].param as never));
  const fieldKeys = (Object.keys(FIELD_TERMS) as FieldKey[]).filter((k) => changed.includes(FIELD_TERMS[k].param as never));
  const { view } = base;
  let sums: PixelSums;
  if (view.codes) sums = base.withParams(params).sums;
  else {
    // The core's own float pass, restricted to these terms: the same sums bit for bit.
    const acc = new PixelSumAccumulator(params);
    acc.addPixels(view.p, view.y, view.valid, new Set(sumKeys));
    const again = acc.sums;
    sums = { ...s.sums, ...Object.fromEntries(sumKeys.map((k) => [k, again[k]])) };
  }
  let fields = s.fields;
  if (fieldKeys.length) {
    // A quantised prediction's field sums take each pixel's CE from the code's table: its own pass.
    if (view.codes) fields = base.withParams(params).fields;
    else {
      const again = resumFields(view, base.distances, fieldKeys, params);
      fields = { ...s.fields, ...Object.fromEntries(fieldKeys.map((k, i) => [k, again[i]])) };
    }
  }
  return new Resummed(base, params, sums, fields);
}

/**
 * The sums of some field terms over the valid pixels, each accumulated alone in pixel order, from
 * the core's per-pixel definition. A loop per term keeps its call site to one function.
 */
function resumFields(view: ClassView, d: { y: Float32Array; hard: Float32Array }, keys: FieldKey[], params: SumParams): number[] {
  const { p, y, hard, fieldHard, valid } = view;
  const f = fieldScalars(y, fieldHard ?? hard, d.y);
  const dy = d.y;
  const dp = d.hard;
  return keys.map((k) => {
    const fn = pixelTerm(k, params, f);
    let acc = 0;
    for (let i = 0; i < y.length; i++) if (!valid || valid[i]) acc += fn(p[i], y[i], dy[i], dp[i]);
    return acc;
  });
}
