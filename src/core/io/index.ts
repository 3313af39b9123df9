/** Mask file decoding and interpretation; pure (bytes in, typed arrays out). */
export { DEFAULT_MAX_PIXELS, maskError, type DecodeOptions, type IoErrorCode } from './errors';
export { decodePng, type RawImage, type BitDepth, type ColorType } from './png';
export { readPngChunks, hasPngSignature, type PngHeader } from './pngChunks';
export { decodeNpy, type RawArray, type NpyDtype } from './npy';
export { readNpyHeader, hasNpyMagic, type NpyHeader } from './npyHeader';
export { MASK_EXTENSIONS, maskFormatOf, extensionOf, type MaskFormat } from './formats';
export * from './interpret';
export { loadMask, loadGroundTruth, loadPrediction, type LoadedMask } from './load';
