/**
 * Class names a dataset keeps beside its ground truth (nnU-Net's `dataset.json` with `labels`, or a
 * `classes.json`), found as the CLI finds them, for the report when `maskInspector.classNames` is empty.
 * Pure: files are read through `read`, locations are URI strings.
 */
import { parseClassNames } from '../../core/classes/classNames';

const NAME_FILES = ['dataset.json', 'classes.json'];

/** The folder of a URI string (`file:///d/gt/a.png` → `file:///d/gt`). */
const parent = (uri: string): string => uri.replace(/\/[^/]*\/?$/, '');

/**
 * Names by class index (background first) from the first class file beside a ground-truth folder (in
 * its parent) or in it; undefined when none. `read` gives a file's bytes, or undefined when it is absent.
 */
export async function findClassNames(gts: readonly string[], read: (uri: string) => Promise<Uint8Array | undefined>): Promise<string[] | undefined> {
  const seen = new Set<string>();
  for (const gt of gts) {
    const gtDir = parent(gt);
    if (seen.has(gtDir)) continue;
    seen.add(gtDir);
    for (const dir of [parent(gtDir), gtDir])
      for (const name of NAME_FILES) {
        const bytes = await read(`${dir}/${name}`);
        if (!bytes) continue;
        try {
          const json: unknown = JSON.parse(new TextDecoder().decode(bytes));
          if (name === 'dataset.json' && !(json && typeof json === 'object' && 'labels' in json)) continue;
          const names = parseClassNames(json, name);
          const out: string[] = [];
          for (const [k, v] of Object.entries(names)) out[Number(k)] = v;
          return Array.from(out, (v, i) => v ?? `class ${i}`);
        } catch {
          continue; // not JSON, or not class names: not a class file
        }
      }
  }
  return undefined;
}
