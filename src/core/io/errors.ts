import { MaskError } from '../types';

/** Every problem code the io layer raises, so callers can switch on them. */
export type IoErrorCode =
  | 'empty-file'
  | 'not-png'
  | 'corrupt-png'
  | 'too-large'
  | 'unsupported-dtype'
  | 'unsupported-shape'
  | 'bad-npy'
  | 'unsupported-format'
  | 'size-mismatch'
  | 'not-a-mask'
  | 'unknown-colour'
  | 'not-probabilities'
  | 'class-mismatch'
  | 'bad-volume'
  | 'ambiguous-axes'
  | 'too-many-classes'
  | 'not-in-label-map';

/** The one way io code fails: `name: problem`, one line. */
export function maskError(code: IoErrorCode, name: string, problem: string): MaskError {
  return new MaskError(code, `${name}: ${problem}`);
}

/**
 * A caller-facing upper bound on pixels (voxels): a 512×512×512 volume, so a CT runs by default. What
 * does not fit in memory is refused by the per-pair memory budget, not by this count.
 */
export const DEFAULT_MAX_PIXELS = 512 * 512 * 512;

export interface DecodeOptions {
  /** Refuse images/arrays with more pixels than this before allocating anything large. */
  maxPixels: number;
  /**
   * The platform's zlib inflate, where there is one (Node's is native and several times faster than
   * the bundled JavaScript one). It must throw once the output would exceed `maxBytes`, so a
   * decompression bomb cannot take the memory.
   */
  inflate?: (data: Uint8Array, maxBytes: number) => Uint8Array;
  /** The same for a raw deflate stream (volumes: gzip members, zip entries); pako when absent. */
  inflateRaw?: (data: Uint8Array, maxBytes: number) => Uint8Array;
}

export function checkPixels(name: string, width: number, height: number, opts: DecodeOptions): void {
  const pixels = width * height;
  if (pixels > opts.maxPixels) {
    throw maskError(
      'too-large',
      name,
      `image is ${width}x${height} = ${pixels} pixels, more than the limit of ${opts.maxPixels}`,
    );
  }
}
