import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseClassNames, type ClassNames } from '../core/classes/classNames';
import { parseLabelMap, type LabelMap } from '../core/classes/labelMap';
import type { PairJob } from '../core/report/pairJob';

/** Class and label files are small; a bound keeps a wrong path (a device, a huge file) harmless. */
const MAX_BYTES = 16 << 20;

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    if (statSync(path).size > MAX_BYTES) throw new Error(`larger than ${MAX_BYTES >> 20} MiB`);
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new Error(`${what} ${path}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${what} ${path}: not valid JSON (${(e as Error).message})`);
  }
}

export const readClassNames = (path: string): ClassNames => parseClassNames(readJson(path, 'class names'), path);
export const readLabelMap = (path: string): LabelMap => parseLabelMap(readJson(path, 'label map'), path);

/** Names a dataset keeps beside its ground truth: nnU-Net's `dataset.json` (`labels`), or a `classes.json`. */
const NAME_FILES = ['dataset.json', 'classes.json'];

/**
 * The first class-name file beside a ground-truth folder (in its parent, as nnU-Net keeps `dataset.json`
 * beside `labelsTr/`) or inside it. A `dataset.json` without `labels` is not a class file.
 */
export function findClassNames(jobs: readonly PairJob[]): { names: ClassNames; file: string } | undefined {
  const seen = new Set<string>();
  for (const job of jobs) {
    const gtDir = dirname(join(job.root, job.gt));
    if (seen.has(gtDir)) continue;
    seen.add(gtDir);
    for (const dir of [dirname(gtDir), gtDir])
      for (const name of NAME_FILES) {
        const file = join(dir, name);
        if (!existsSync(file)) continue;
        const json = readJson(file, 'class names');
        if (name === 'dataset.json' && !(json && typeof json === 'object' && 'labels' in json)) continue;
        return { names: parseClassNames(json, file), file };
      }
  }
  return undefined;
}

/** Class names and label map of a run: from the files named, else names found beside the ground truth. */
export function classSettings(
  a: { classes?: string; labelMap?: string; ignoreIndex?: number },
  jobs: readonly PairJob[],
  log: (line: string) => void,
): { classNames?: ClassNames; labelMap?: LabelMap; ignoreIndex?: number } {
  const out: { classNames?: ClassNames; labelMap?: LabelMap; ignoreIndex?: number } = {};
  if (a.labelMap !== undefined) out.labelMap = readLabelMap(a.labelMap);
  // Ids a label map does not train on need an ignore index: 255, as in Cityscapes' trainIds.
  const ignoreIndex = a.ignoreIndex ?? (out.labelMap ? 255 : undefined);
  if (ignoreIndex !== undefined) out.ignoreIndex = ignoreIndex;
  if (a.classes !== undefined) out.classNames = readClassNames(a.classes);
  else {
    const found = findClassNames(jobs);
    if (found) {
      out.classNames = found.names;
      log(`class names from ${found.file}`);
    }
  }
  return out;
}
