import { extensionOf, MASK_EXTENSIONS } from '../io/formats';

/** Folder names that hold ground truth / predictions (compared lower-case), in order of preference. */
// labelsTr/labelsTs: nnU-Net's dataset layout (compared lower-case).
export const GT_FOLDERS = ['gt', 'ground_truth', 'groundtruth', 'labels', 'masks', 'annotations', 'targets', 'labelstr', 'labelsts'] as const;
export const PRED_FOLDERS = ['pred', 'preds', 'prediction', 'predictions', 'output', 'outputs', 'results', 'inference'] as const;

// `s`: a name may hold any character but '/', a line break included.
const GT_SUFFIX = /^(.+)[_-](gt|mask|label)$/is;
const PRED_SUFFIX = /^(.+)[_-](pred|prediction|prob)$/is;
const PRED_PREFIXED = new RegExp(`^(${PRED_FOLDERS.join('|')})[_-](.+)$`, 'is');

export type Role = 'gt' | 'pred';

/**
 * Without './' or a leading or trailing '/'. Paths are POSIX (the CLI converts its own, VS Code URIs
 * already are): a backslash is part of a name, not a separator.
 */
export function normalizePath(path: string): string {
  return path.replace(/^(\.\/)+/, '').replace(/^\/+|\/+$/g, '').replace(/\/{2,}/g, '/');
}

export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function baseOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Path without its extension ('sub/a.png' -> 'sub/a', 'sub/a.nii.gz' -> 'sub/a'). */
export function withoutExtension(path: string): string {
  const ext = extensionOf(baseOf(path));
  return ext ? path.slice(0, path.length - ext.length) : path;
}

/** Only these can be masks: `.png`, `.npy` and the volume formats (`.nii(.gz)`, `.nrrd`, `.npz`), any case. */
export function isMaskFile(path: string): boolean {
  return extensionOf(baseOf(normalizePath(path))) in MASK_EXTENSIONS;
}

export function isGtFolder(name: string): boolean {
  return (GT_FOLDERS as readonly string[]).includes(name.toLowerCase());
}

export function gtFolderRank(name: string): number {
  return (GT_FOLDERS as readonly string[]).indexOf(name.toLowerCase());
}

/** 'pred' -> { model: '' }, 'pred_unet' / 'outputs-unet' -> { model: 'unet' }, others -> undefined. */
export function predFolder(name: string): { model: string } | undefined {
  if ((PRED_FOLDERS as readonly string[]).includes(name.toLowerCase())) return { model: '' };
  const m = PRED_PREFIXED.exec(name);
  return m ? { model: m[2]! } : undefined;
}

/** 'a_gt' -> { role: 'gt', base: 'a' }; 'a-Prob' -> pred; otherwise undefined. */
export function roleSuffix(stem: string): { role: Role; base: string } | undefined {
  const gt = GT_SUFFIX.exec(stem);
  if (gt) return { role: 'gt', base: gt[1]! };
  const pred = PRED_SUFFIX.exec(stem);
  return pred ? { role: 'pred', base: pred[1]! } : undefined;
}

/** The key a file is matched by: its path (below a folder) without extension and without its role suffix. */
export function keyOf(relative: string, role: Role): string {
  const noExt = withoutExtension(relative);
  const dir = dirOf(noExt);
  const parsed = roleSuffix(baseOf(noExt));
  const base = parsed && parsed.role === role ? parsed.base : baseOf(noExt);
  return dir ? `${dir}/${base}` : base;
}

/** Deepest folder containing both paths ('' for the root). */
export function commonDir(a: string, b: string): string {
  const pa = dirOf(a).split('/');
  const pb = dirOf(b).split('/');
  const out: string[] = [];
  for (let i = 0; i < Math.min(pa.length, pb.length) && pa[i] === pb[i]; i++) out.push(pa[i]!);
  return out.filter((s) => s !== '').join('/');
}

/** 'ds' + 'gt' -> 'ds/gt'; '' + 'gt' -> 'gt'. */
export function join(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

/** Code-unit order: the same on every machine and locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
