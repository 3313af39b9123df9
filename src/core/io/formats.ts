/** File formats a mask may come in, by extension. Shared with pairing, which only considers these. */
export type MaskFormat = 'png' | 'npy';

export const MASK_EXTENSIONS: Readonly<Record<string, MaskFormat>> = { '.png': 'png', '.npy': 'npy' };

/** Lower-cased extension including the dot ('' when none), of a POSIX or Windows path. */
export function extensionOf(path: string): string {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

export function maskFormatOf(path: string): MaskFormat | undefined {
  return MASK_EXTENSIONS[extensionOf(path)];
}
