/**
 * Raw deflate streams of volumes (a .nii.gz or gzip-encoded .nrrd is one gzip member, an .npz a zip of
 * deflated .npy files): the platform's native inflate when the caller gives one, else pako. Either way
 * the output is bounded by what the header allows, so a decompression bomb cannot take the memory.
 */
import pako from 'pako';
import type { DecodeOptions } from '../errors';

/** Thrown with a short reason; the caller names the file. */
export class InflateError extends Error {}

/** Inflates a raw deflate stream into at most `maxBytes` bytes (fewer when the stream is short). */
export function inflateRaw(data: Uint8Array, maxBytes: number, opts: Pick<DecodeOptions, 'inflateRaw'>): Uint8Array {
  if (opts.inflateRaw) {
    try {
      return opts.inflateRaw(data, maxBytes);
    } catch (e) {
      throw new InflateError(e instanceof Error ? e.message : String(e));
    }
  }
  return pakoInflateRaw(data, maxBytes, true);
}

/** The first bytes a stream inflates to (a header inside a .nii.gz), without inflating the rest. */
export function inflateRawPrefix(data: Uint8Array, bytes: number): Uint8Array {
  // Deflate never expands by more than ~1032:1, so this much input holds the header and little more.
  return pakoInflateRaw(data.subarray(0, Math.min(data.length, bytes + 4096)), bytes, false);
}

function pakoInflateRaw(data: Uint8Array, maxBytes: number, whole: boolean): Uint8Array {
  const out = new Uint8Array(maxBytes);
  let filled = 0;
  let full = false;
  let status = 0;
  const inflator = new pako.Inflate({ raw: true, chunkSize: 1 << 16 });
  inflator.onData = (chunk) => {
    const c = chunk as Uint8Array;
    const take = Math.min(c.length, maxBytes - filled);
    out.set(c.subarray(0, take), filled);
    filled += take;
    if (take < c.length) full = true;
  };
  inflator.onEnd = (s: number) => {
    status = s;
  };
  inflator.push(data, whole ? 4 : 2); // Z_FINISH for the whole stream, Z_SYNC_FLUSH for a prefix
  if (whole && full) throw new InflateError(`data inflates to more than the ${maxBytes} bytes its header allows`);
  // A short stream is left to the caller, which knows how many bytes the header promised.
  if (status < 0 && status !== -5) {
    const msg = (inflator as unknown as { strm?: { msg?: string } }).strm?.msg;
    throw new InflateError(msg || `corrupt compressed data (zlib status ${status})`);
  }
  return out.subarray(0, filled);
}

const FTEXT_HCRC = 0x02;
const FEXTRA = 0x04;
const FNAME = 0x08;
const FCOMMENT = 0x10;

export function hasGzipMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The raw deflate stream of a gzip member (RFC 1952), past its header. */
export function gzipBody(bytes: Uint8Array): Uint8Array {
  if (!hasGzipMagic(bytes)) throw new InflateError('not gzip data (no 1f 8b magic)');
  if (bytes.length < 18) throw new InflateError('truncated gzip data');
  if (bytes[2] !== 8) throw new InflateError(`unsupported gzip compression method ${bytes[2]}`);
  const flags = bytes[3]!;
  let at = 10;
  if (flags & FEXTRA) at += 2 + (bytes[at]! | (bytes[at + 1]! << 8));
  if (flags & FNAME) while (at < bytes.length && bytes[at++] !== 0);
  if (flags & FCOMMENT) while (at < bytes.length && bytes[at++] !== 0);
  if (flags & FTEXT_HCRC) at += 2;
  if (at >= bytes.length) throw new InflateError('truncated gzip data');
  return bytes.subarray(at);
}
