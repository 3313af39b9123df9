import { maskError } from '../io/errors';

/**
 * Raw label id → train id, as in Cityscapes (labelIds → trainIds). Keys are raw ids as decimal strings;
 * a value of null marks an id that is known but not trained on: it becomes the ignore index.
 */
export type LabelMap = Record<string, number | null>;

/** The conventional "ignore" train ids of label tables (Cityscapes uses 255 and −1). */
const IGNORE_TRAIN_IDS = new Set([255, -1]);

/**
 * A label map from parsed JSON: an object `{"7": 0, "8": 1, "0": 255}` or a list of
 * `{"id": 7, "trainId": 0}` (the Cityscapes `labels` table). Train id 255, −1 or null = ignore.
 * Throws a one-line Error saying what was expected.
 */
export function parseLabelMap(json: unknown, file: string): LabelMap {
  const out: LabelMap = {};
  const put = (raw: unknown, train: unknown, where: string) => {
    if (!Number.isInteger(raw) || (raw as number) < 0 || (raw as number) > 65535) throw new Error(`${file}: label map: ${where}: raw id must be an integer 0..65535`);
    if (train === null || IGNORE_TRAIN_IDS.has(train as number)) out[String(raw)] = null;
    else if (Number.isInteger(train) && (train as number) >= 0 && (train as number) <= 65535) out[String(raw)] = train as number;
    else throw new Error(`${file}: label map: ${where}: train id must be an integer 0..65535, 255, −1 or null`);
  };
  if (Array.isArray(json)) json.forEach((e, i) => put((e as { id?: unknown })?.id, (e as { trainId?: unknown })?.trainId, `entry ${i}`));
  else if (json && typeof json === 'object') for (const [k, v] of Object.entries(json)) put(/^\d+$/.test(k) ? Number(k) : k, v, `entry '${k}'`);
  else throw new Error(`${file}: label map: expected an object {"rawId": trainId, …} or a list of {"id", "trainId"}`);
  if (Object.keys(out).length === 0) throw new Error(`${file}: label map: no entry`);
  return out;
}

/**
 * Maps every stored label to its train id; ids the map marks as not trained on become `ignoreIndex`.
 * A label the map does not list is a mistake in the map or the mask: one line naming the file, the
 * label and where it is.
 */
export function applyLabelMap(values: ArrayLike<number>, map: LabelMap, ignoreIndex: number, name: string, width: number, height: number): Uint16Array {
  const table = new Int32Array(65536).fill(-1);
  for (const [raw, train] of Object.entries(map)) table[Number(raw)] = train ?? ignoreIndex;
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const t = Number.isInteger(v) && v >= 0 && v <= 65535 ? table[v]! : -1;
    if (t < 0) {
      const z = Math.floor(i / (width * height));
      const at = `x=${i % width}, y=${Math.floor(i / width) % height}${z ? `, z=${z}` : ''}`;
      throw maskError('not-in-label-map', name, `label ${v} at (${at}) is not in the label map`);
    }
    out[i] = t;
  }
  return out;
}
