/** File formats a mask may come in, by extension. Shared with pairing, which only considers these. */
export type MaskFormat = 'png' | 'npy' | 'nifti' | 'nrrd' | 'npz';

export const MASK_EXTENSIONS: Readonly<Record<string, MaskFormat>> = {
  '.png': 'png',
  '.npy': 'npy',
  '.nii': 'nifti',
  '.nii.gz': 'nifti',
  '.nrrd': 'nrrd',
  '.seg.nrrd': 'nrrd',
  '.npz': 'npz',
};

/** Extensions of two parts: a file's stem is what comes before both ('case_01.nii.gz' → 'case_01'). */
const DOUBLE_EXTENSIONS = ['.nii.gz', '.seg.nrrd'];

/** Formats that hold volumes (a 3-D .npy is one too, when its ground truth is). */
export const VOLUME_FORMATS: ReadonlySet<MaskFormat> = new Set(['nifti', 'nrrd', 'npz']);

/** Lower-cased extension including the dot ('' when none), of a POSIX or Windows path; '.nii.gz' counts as one. */
export function extensionOf(path: string): string {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const lower = base.toLowerCase();
  const double = DOUBLE_EXTENSIONS.find((e) => lower.endsWith(e) && lower.length > e.length);
  if (double) return double;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

export function maskFormatOf(path: string): MaskFormat | undefined {
  return MASK_EXTENSIONS[extensionOf(path)];
}
