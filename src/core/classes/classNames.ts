/** Class index → name, keys as decimal strings (like `perClass`). */
export type ClassNames = Record<string, string>;

const isId = (k: string): boolean => /^\d+$/.test(k) && Number(k) <= 65535;

/**
 * Class names from a parsed JSON file, in any of the forms in use:
 * - a list of names, index = class (`["background", "road", …]`);
 * - an object id → name (`{"0": "background", "1": "liver"}`, nnU-Net v1 `labels`);
 * - an object name → id (nnU-Net v2 `labels`: `{"background": 0, "liver": 1}`; region entries with a list of ids are skipped);
 * - any of these under `labels` or `classes` (a whole nnU-Net `dataset.json`).
 * Throws a one-line Error saying what was expected.
 */
export function parseClassNames(json: unknown, file: string): ClassNames {
  let v = json;
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    if ('labels' in o) v = o.labels;
    else if ('classes' in o) v = o.classes;
  }
  const out: ClassNames = {};
  if (Array.isArray(v)) {
    v.forEach((name, i) => {
      if (typeof name !== 'string') throw new Error(`${file}: class names: entry ${i} is not a string`);
      out[String(i)] = name;
    });
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (isId(k) && typeof x === 'string') out[String(Number(k))] = x;
      else if (Number.isInteger(x) && (x as number) >= 0 && (x as number) <= 65535) out[String(x)] = k;
      else if (!Array.isArray(x)) throw new Error(`${file}: class names: entry '${k}' is neither "id": "name" nor "name": id`);
    }
  } else throw new Error(`${file}: class names: expected a list of names or an object of ids and names`);
  if (Object.keys(out).length === 0) throw new Error(`${file}: class names: no class found`);
  return out;
}
