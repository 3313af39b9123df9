import type { ParamValues, ParameterisedSpec } from '../params';
import type { ClassStats } from '../stats/types';
import type { PixelTermKey } from '../stats/terms/cpu';
import type { Category, PresetId } from '../types';

export interface Paper {
  title: string;
  authors: string;
  year: number;
  venue: string;
}

/** Everything the registry says about a loss; the CLI, settings and UI are generated from it. */
export interface LossSpec extends ParameterisedSpec {
  name: string;
  category: Category;
  /** One line: what the loss measures. */
  summary: string;
  /** The definition as text, in the notation of docs/LOSSES.md. */
  formula: string;
  paper: Paper;
  /** Documented range of values, used by property tests and colour scales. */
  range: readonly [number, number];
}

export interface LossEval {
  params: ParamValues;
  preset: PresetId;
  /**
   * MONAI's include_background=false when false: a loss over classes leaves channel 0 out (a binary pair's
   * two-class losses keep the foreground channel); dice-ce's cross-entropy keeps it, as MONAI's DiceCELoss.
   */
  includeBackground?: boolean;
}

/** A loss: its spec and its one definition over the statistics of `stats/types.ts`. */
export interface LossModule extends LossSpec {
  /** Value for one binary problem (p, y). A non-finite result becomes a status, never NaN. */
  binary(stats: ClassStats, e: LossEval): number;
  /**
   * True when `binary` reads `stats.fields`: the engine asks for them before any other statistic, so
   * a backend can sum the pixel terms and the field terms in one pass (a test holds this to the reads).
   */
  readsFields?: true;
  /** Multi-class value over all classes (background included); default: mean of `binary`. */
  multiclass?(classes: readonly ClassStats[], e: LossEval): number;
  /** A pixel-wise loss: its per-pixel contribution, the heat map of the comparison view. */
  pixelMap?(stats: ClassStats, e: LossEval): PixelMap;
}

/**
 * Per-pixel contribution of a pixel-wise loss: term `pos` weighted `wPos` where y = 1, `neg` weighted
 * `wNeg` where y = 0 (terms of stats/terms/). Its mean over the valid pixels is the binary value.
 */
export interface PixelMap {
  pos: PixelTermKey;
  neg: PixelTermKey;
  wPos: number;
  wNeg: number;
}
