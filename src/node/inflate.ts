import { constants, inflateRawSync, inflateSync } from 'node:zlib';

/** Node's native zlib for PNG data, bounded so a decompression bomb fails instead of filling memory. */
export function nodeInflate(data: Uint8Array, maxBytes: number): Uint8Array {
  try {
    // One output chunk of the size the header allows: zlib then returns it as it is, where many small
    // chunks would be concatenated into a second copy of the whole image.
    return inflateSync(data, { maxOutputLength: maxBytes, chunkSize: Math.max(64, maxBytes) });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new Error(`image data inflates to more than the ${maxBytes} bytes its header allows`);
    if (code === 'Z_BUF_ERROR') throw new Error('unexpected end of compressed data');
    throw new Error((e as Error).message);
  }
}

/** Node's native raw inflate (the deflate stream of a gzip member or zip entry), bounded the same way. */
export function nodeInflateRaw(data: Uint8Array, maxBytes: number): Uint8Array {
  try {
    // One output chunk of the size the header allows, as for PNG data: no second copy of the volume.
    return inflateRawSync(data, { maxOutputLength: maxBytes, chunkSize: Math.max(64, maxBytes), finishFlush: constants.Z_SYNC_FLUSH });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new Error(`data inflates to more than the ${maxBytes} bytes its header allows`);
    throw new Error((e as Error).message);
  }
}

/** Everything the pure core's decoders can take from Node. */
export const nodeDecoders = { inflate: nodeInflate, inflateRaw: nodeInflateRaw };
