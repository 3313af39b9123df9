/**
 * A small .npy encoder for tests (format 1.0, 2.0 or 3.0), independent of the decoder under test.
 * `data` is given in C order; the writer reorders it for `fortranOrder` and writes the byte order in `descr`.
 */
export interface NpySpec {
  /** numpy dtype string, e.g. '<f4', '>u2', '|b1', '|u1' (anything: unsupported ones are for error tests). */
  descr: string;
  shape: number[];
  /** Values in C order; length = product of shape (may be shorter to fake truncation only via `truncate`). */
  data: ArrayLike<number>;
  fortranOrder?: boolean;
  version?: 1 | 2 | 3;
  /** Drop this many bytes from the end of the file. */
  truncate?: number;
  /** Replace the header dict text verbatim (for corrupt-header tests). */
  headerText?: string;
}

function itemSize(descr: string): number {
  const n = Number(descr.slice(2));
  return Number.isFinite(n) && n > 0 ? n : 1;
}

function writeValue(view: DataView, at: number, kind: string, size: number, little: boolean, v: number): void {
  if (kind === 'f' && size === 4) view.setFloat32(at, v, little);
  else if (kind === 'f' && size === 8) view.setFloat64(at, v, little);
  else if (kind === 'f' && size === 2) view.setUint16(at, toHalf(v), little);
  else if (size === 1) view.setUint8(at, v);
  else if (size === 2) view.setUint16(at, v, little);
  else if (size === 4) view.setUint32(at, v, little);
  else if (size === 8) view.setBigUint64(at, BigInt(v), little);
  else throw new Error(`npyWriter: cannot write ${kind}${size}`);
}

/** float -> IEEE half (round to nearest; enough for test values). */
export function toHalf(v: number): number {
  const f = new Float32Array([v]);
  const x = new Uint32Array(f.buffer)[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = ((x >>> 23) & 0xff) - 127 + 15;
  const mant = x & 0x7fffff;
  if (exp <= 0) return sign | Math.round((mant | 0x800000) / 2 ** (14 - exp));
  if (exp >= 31) return sign | 0x7c00;
  return sign | (exp << 10) | Math.round(mant / 8192);
}

function cToFortran(data: ArrayLike<number>, shape: number[]): number[] {
  const out = new Array<number>(data.length);
  const n = shape.length;
  const fStride = shape.map((_, k) => shape.slice(0, k).reduce((a, b) => a * b, 1));
  const index = new Array<number>(n).fill(0);
  for (let c = 0; c < data.length; c++) {
    let f = 0;
    for (let k = 0; k < n; k++) f += index[k]! * fStride[k]!;
    out[f] = data[c]!;
    for (let k = n - 1; k >= 0; k--) {
      if (++index[k]! < shape[k]!) break;
      index[k] = 0;
    }
  }
  return out;
}

export function encodeNpy(spec: NpySpec): Uint8Array {
  const version = spec.version ?? 1;
  const shapeText = `(${spec.shape.join(', ')}${spec.shape.length === 1 ? ',' : ''})`;
  const dict =
    spec.headerText ?? `{'descr': '${spec.descr}', 'fortran_order': ${spec.fortranOrder ? 'True' : 'False'}, 'shape': ${shapeText}, }`;
  const prefix = version === 1 ? 10 : 12;
  const dictBytes = new TextEncoder().encode(dict);
  // numpy pads with spaces and a final newline so the data starts on a 64-byte boundary.
  const padded = Math.ceil((prefix + dictBytes.length + 1) / 64) * 64 - prefix;
  const size = itemSize(spec.descr);
  const values = spec.fortranOrder ? cToFortran(spec.data, spec.shape) : Array.from(spec.data);
  const out = new Uint8Array(prefix + padded + values.length * size);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, padded, true);
  else view.setUint32(8, padded, true);
  out.fill(0x20, prefix, prefix + padded - 1);
  out.set(dictBytes, prefix);
  out[prefix + padded - 1] = 0x0a;
  const little = spec.descr[0] !== '>';
  const kind = spec.descr[1] ?? 'u';
  values.forEach((v, i) => writeValue(view, prefix + padded + i * size, kind, size, little, v));
  return spec.truncate ? out.slice(0, out.length - spec.truncate) : out;
}
