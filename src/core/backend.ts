/**
 * The stats backend seam, the core's one entry for another backend of its statistics (the webview's
 * WebGL engine, its CPU fallback and slice viewer): the per-pixel term declarations from which a
 * backend generates its sums and heat maps, the class views and CPU statistics, the Lovász
 * accumulator, and the types of what a backend returns. Everything under stats/ stays internal
 * (scripts/check-boundaries.mjs refuses webview imports of it except through here).
 */
export { CpuClassStats, type ClassView } from './stats/cpuClassStats';
export { LovaszAccumulator, positiveFloatKey, radixSortDescending } from './stats/lovasz';
export { fieldScalars, fieldScalarsFrom, type FieldScalars } from './stats/pixelTerms';
export { byKey } from './stats/terms/define';
export { FIELD_TERMS, type FieldKey } from './stats/terms/fields';
export { SUM_TERMS, type SumKey } from './stats/terms/sums';
export { SUM_PARAM_NAMES, uniformOf, type SumParamName, type SumParams } from './stats/terms/params';
export { PixelSumAccumulator, pixelTerm, type PixelTermFn, type PixelTermKey } from './stats/terms/cpu';
export type { ClassStats, FieldSums, PixelSums } from './stats/types';
