/**
 * What may be read as a mask: a regular file of a bounded size. A FIFO blocks a read forever and a
 * link to /dev/zero never ends, so the type and size are checked from `stat` before any byte is read.
 * Pure (no `vscode`): the caller passes what `stat` said.
 */

/** Bytes per pixel of the largest encoding read (float32 × 64 channels, the most a guessed class axis has). */
const MAX_BYTES_PER_PIXEL = 256;
/** Node reads at most 2 GiB into one buffer. */
const MAX_READ_BYTES = 2 ** 31 - 1;
/** Headers, metadata chunks and compression overhead of a small image. */
const SLACK_BYTES = 1 << 20;

/** The largest file that can hold an image of at most `maxPixels` pixels. */
export const maskByteLimit = (maxPixels: number): number => Math.min(MAX_READ_BYTES, maxPixels * MAX_BYTES_PER_PIXEL + SLACK_BYTES);

export interface MaskFileStat {
  isFile: boolean;
  isDirectory: boolean;
  size: number;
}

/** One line naming the file when it must not be read, else undefined. */
export function maskFileProblem(stat: MaskFileStat, name: string, limit: number): string | undefined {
  if (stat.isDirectory) return `${name}: is a folder, not a mask file`;
  if (!stat.isFile) return `${name}: not a regular file (a pipe, device or socket); not read`;
  if (stat.size > limit) return `${name}: file is ${stat.size} bytes, more than the limit of ${limit} bytes for a mask (maskInspector.maxPixels); not read`;
  return undefined;
}
