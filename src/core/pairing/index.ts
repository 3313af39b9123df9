/** Finding ground truth / prediction pairs in a list of relative paths; no file system access. */
export { discoverPairs, findPartner, type PartnerResult } from './discover';
export { isMaskFile, normalizePath, GT_FOLDERS, PRED_FOLDERS } from './paths';
export type { MaskPair, PairGroup, PairingOptions, PairingPattern, PairingResult, Unpaired } from './types';
