/** Decoded files -> the engine's input. Split by role; gathered here for callers. */
export { groundTruthFromImage, groundTruthFromArray, type GroundTruth, type GroundTruthOptions } from './groundTruth';
export { predictionFromImage, predictionFromArray, type Prediction, type PredictionOptions } from './prediction';
export { makePairInput, type LoadedPair } from './pairInput';
export type { PaletteEntry } from './colours';
export type { LabelKind } from './labels';
