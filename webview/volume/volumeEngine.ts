/**
 * The slice viewer's engine: the core's CPU statistics of a volume pair, with each class's exact 3-D
 * distance fields (spacing-aware) kept for as long as the pair is open. A loss parameter then only
 * re-runs the sums; the threshold, which changes the hard prediction, recomputes the fields. The signed
 * distance, the loss heat maps and the Hausdorff witnesses are read from the same fields and boundaries
 * the whole-volume numbers come from. Pure: typed arrays in and out (no DOM), so Node tests run it.
 */
import { EdtWorkspace } from '../../src/core/distance/edt';
import { classViews, evaluateClass, evaluateClasses, type PairResult, type ResolvedOptions } from '../../src/core/engine';
import { volumeWitnesses, type VolumeWitness } from '../../src/core/metrics/witnesses3d';
import { type ClassView, CpuClassStats, fieldScalars } from '../../src/core/backend';
import type { PairInput } from '../../src/core/types';
import { contribution, mapTerms, type MapLossId } from '../engine/pixelLoss';
import { HD_PERCENTILE } from '../../src/core/options';

/**
 * Statistics whose distance fields outlive their field sums (the core frees a volume's fields after
 * them, to bound the CLI's memory): the viewer re-sums from them on every parameter change.
 */
class KeptFields extends CpuClassStats {
  override releaseDistances(): void {}
}

export class VolumeEngine {
  /** Per threshold: the statistics holding each class's fields, boundary distances and Lovász hinge. */
  private base?: { threshold: number; stats: KeptFields[] };
  /** Per parameter set: the statistics the numbers and heat maps read (the base's own for its parameters). */
  private current?: { params: string; stats: CpuClassStats[] };
  private witnessCache = new Map<string, VolumeWitness[]>();
  /** How many times the distance fields were computed (the tests hold parameter changes to none). */
  fieldRuns = 0;

  constructor(
    readonly input: PairInput & { depth: number },
    readonly spacing: readonly [number, number, number],
  ) {}

  /** `o.spacing` is ignored: a volume's voxel size is its header's. */
  stats(o: ResolvedOptions): CpuClassStats[] {
    if (this.base?.threshold !== o.threshold) {
      const { width, height, depth } = this.input;
      const [sx, sy, sz] = this.spacing;
      const ws = new EdtWorkspace({ width, height, depth, sx, sy, sz });
      const made = new Map<ClassView, KeptFields>();
      const stats = classViews(this.input, o.threshold).map((v) => made.get(v) ?? made.set(v, new KeptFields(v, o.sumParams, ws)).get(v)!);
      // Everything that does not depend on the per-voxel parameters, computed once and shared by `withParams`.
      for (const s of made.values()) {
        void s.distances;
        void s.surface;
        void s.lovaszHinge;
      }
      this.fieldRuns++;
      this.base = { threshold: o.threshold, stats };
      // Made with these parameters: their sums (computed for the Lovász hinge) serve as they are.
      this.current = { params: JSON.stringify(o.sumParams), stats };
      this.witnessCache.clear();
    }
    const params = JSON.stringify(o.sumParams);
    if (this.current?.params !== params) {
      const next = new Map<CpuClassStats, CpuClassStats>();
      this.current = { params, stats: this.base.stats.map((s) => next.get(s) ?? next.set(s, s.withParams(o.sumParams)).get(s)!) };
    }
    return this.current.stats;
  }

  /** Every selected loss and metric of the whole volume, as `computePair` gives them. */
  evaluate(o: ResolvedOptions): PairResult {
    const stats = this.stats(o);
    if (this.input.mode === 'binary') return { mode: 'binary', classes: 2, ...evaluateClass(stats[0], o) };
    return evaluateClasses(stats, o);
  }

  /** The binary problem a class is: a binary pair has one (its foreground), a multi-class pair one per class. */
  viewIndex(classIndex: number): number {
    return this.input.mode === 'binary' ? 0 : classIndex;
  }

  /** Signed distance to the class's ground-truth boundary, per voxel (mm): negative inside, positive outside. */
  signedDistance(classIndex: number, o: ResolvedOptions): Float32Array {
    const s = this.kept(classIndex, o);
    const { y } = s.view;
    const d2 = s.distances.y;
    const out = new Float32Array(y.length);
    for (let i = 0; i < y.length; i++) out[i] = y[i] ? -Math.sqrt(d2[i]) : Math.sqrt(d2[i]);
    return out;
  }

  /** Each voxel's contribution to a pixel-wise loss of the class (0 on ignored voxels); its mean over valid voxels is the loss. */
  heatMap(loss: MapLossId, classIndex: number, o: ResolvedOptions): Float32Array {
    const k = this.viewIndex(classIndex);
    const stats = this.stats(o)[k];
    const { p, y, hard, fieldHard, valid } = stats.view;
    const { y: dy2, hard: dp2 } = this.distances(classIndex, o);
    const terms = mapTerms(loss, stats, fieldScalars(y, fieldHard ?? hard, dy2), o);
    const out = new Float32Array(y.length);
    for (let i = 0; i < y.length; i++) if (!valid || valid[i]) out[i] = contribution(terms, p[i], y[i], dy2[i], dp2[i]);
    return out;
  }

  /** HD and HD95 witness voxel pairs of the class (none when a boundary is empty). */
  witnesses(classIndex: number, o: ResolvedOptions): VolumeWitness[] {
    const s = this.kept(classIndex, o);
    const key = JSON.stringify([classIndex, o.preset, o.hdPercentile ?? HD_PERCENTILE.default]);
    let w = this.witnessCache.get(key);
    if (!w) {
      const { width, height, depth } = this.input;
      w = volumeWitnesses(s.view.y, s.view.hard, { width, height, depth, spacing: this.spacing }, { preset: o.preset, hdPercentile: o.hdPercentile });
      this.witnessCache.set(key, w);
    }
    return w;
  }

  /** The class's squared distance fields (ground truth, hard prediction), kept until the threshold changes. */
  distances(classIndex: number, o: ResolvedOptions): { y: Float32Array; hard: Float32Array } {
    return this.kept(classIndex, o).distances;
  }

  private kept(classIndex: number, o: ResolvedOptions): KeptFields {
    this.stats(o);
    return this.base!.stats[this.viewIndex(classIndex)];
  }
}
