/**
 * Seeded mutation of valid PNG and .npy masks, for the decoder fuzz: bit flips and truncations anywhere,
 * and structure-aware mutations that get past the checks a random flip never would (PNG chunks with a
 * recomputed CRC: IHDR fields, chunk lengths, IDAT bytes, PLTE sizes; .npy header: dtype, shape, order,
 * header length, version).
 */
import { encodeNpy } from '../core/io/npyWriter';
import { crc32, encodePng } from '../core/io/pngWriter';
import { discs, H, W } from '../cli/masks';
import { rng } from './random';

export interface Seed {
  name: string;
  bytes: Uint8Array;
  role: 'gt' | 'pred';
  /** The valid file it is paired with: a prediction for a ground truth, and the other way round. */
  partner: string;
}

/** Valid files of every kind the decoders read, all W×H so a good partner always fits. */
export function seeds(): Seed[] {
  const { gt, prob } = discs();
  const hard = gt;
  const u8 = prob.map((v) => Math.round(v * 255));
  const pal = [0, 0, 0, 200, 30, 30, 30, 200, 30];
  const three = gt.map((v, i) => (v ? 1 + (i % 2) : 0));
  return [
    { name: 'grey8.png', role: 'gt', partner: 'grey16.png', bytes: encodePng({ width: W, height: H, colorType: 'grey', bitDepth: 8, samples: hard.map((v) => v * 255) }) },
    { name: 'grey1-adam7.png', role: 'gt', partner: 'grey16.png', bytes: encodePng({ width: W, height: H, colorType: 'grey', bitDepth: 1, samples: hard, interlace: true }) },
    { name: 'palette.png', role: 'gt', partner: 'palette-pred.png', bytes: encodePng({ width: W, height: H, colorType: 'palette', bitDepth: 8, samples: three, palette: pal }) },
    { name: 'rgba16.png', role: 'gt', partner: 'grey16.png', bytes: encodePng({ width: W, height: H, colorType: 'rgba', bitDepth: 16, samples: hard.flatMap((v) => [v * 65535, v * 65535, v * 65535, 65535]), filter: 'cycle' }) },
    { name: 'grey16.png', role: 'pred', partner: 'grey8.png', bytes: encodePng({ width: W, height: H, colorType: 'grey', bitDepth: 16, samples: u8.map((v) => v * 257), filter: 'cycle' }) },
    { name: 'grey-alpha-adam7.png', role: 'pred', partner: 'grey8.png', bytes: encodePng({ width: W, height: H, colorType: 'grey-alpha', bitDepth: 8, samples: u8.flatMap((v) => [v, 255]), interlace: true }) },
    { name: 'palette-pred.png', role: 'pred', partner: 'palette.png', bytes: encodePng({ width: W, height: H, colorType: 'palette', bitDepth: 4, samples: three, palette: pal }) },
    { name: 'bool.npy', role: 'gt', partner: 'grey16.png', bytes: encodeNpy({ descr: '|b1', shape: [H, W], data: hard }) },
    { name: 'u2.npy', role: 'gt', partner: 'palette-pred.png', bytes: encodeNpy({ descr: '<u2', shape: [H, W], data: three }) },
    { name: 'f4.npy', role: 'pred', partner: 'grey8.png', bytes: encodeNpy({ descr: '<f4', shape: [H, W], data: prob }) },
    { name: 'f8-be-fortran.npy', role: 'pred', partner: 'grey8.png', bytes: encodeNpy({ descr: '>f8', shape: [H, W], data: prob, fortranOrder: true }) },
    { name: 'f2-chw.npy', role: 'pred', partner: 'grey8.png', bytes: encodeNpy({ descr: '<f2', shape: [2, H, W], data: [...prob.map((v) => 1 - v), ...prob] }) },
    { name: 'u1-hwc-v2.npy', role: 'pred', partner: 'grey8.png', bytes: encodeNpy({ descr: '|u1', shape: [H, W, 2], data: u8.flatMap((v) => [255 - v, v]), version: 2 }) },
  ];
}

const be32 = (v: number) => Uint8Array.of(v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255);
const u32 = (b: Uint8Array, at: number) => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;

/** Chunk boundaries of a (valid) PNG. */
function chunks(png: Uint8Array): { at: number; length: number; type: string }[] {
  const out = [];
  for (let at = 8; at + 12 <= png.length; ) {
    const length = u32(png, at);
    out.push({ at, length, type: String.fromCharCode(...png.subarray(at + 4, at + 8)) });
    at += 12 + length;
  }
  return out;
}

/** Recomputes the CRC of the chunk at `at`, so a mutation inside it reaches the decoder proper. */
function fixCrc(png: Uint8Array, at: number): void {
  const length = u32(png, at);
  if (at + 12 + length > png.length) return;
  png.set(be32(crc32(png.subarray(at + 4, at + 8 + length))), at + 8 + length);
}

const INTERESTING = [0, 1, 2, 3, 7, 8, 15, 16, 255, 256, 0x7fff, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff];

function pngMutation(src: Uint8Array, r: () => number): Uint8Array {
  const b = src.slice();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const cs = chunks(b);
  const c = pick(cs);
  switch (Math.floor(r() * 6)) {
    case 0: {
      // An IHDR field: width, height, depth, colour type, compression/filter/interlace.
      const ih = cs[0]!;
      const field = pick([0, 4, 8, 9, 10, 11, 12]);
      if (field < 8) b.set(be32(r() < 0.5 ? pick(INTERESTING) : Math.floor(r() * 64)), ih.at + 8 + field);
      else b[ih.at + 8 + field] = r() < 0.5 ? pick([0, 1, 2, 3, 4, 5, 6, 7, 8, 16, 255]) : Math.floor(r() * 256);
      fixCrc(b, ih.at);
      break;
    }
    case 1:
      // A chunk length (CRC left as it was: the length decides where the CRC is read).
      b.set(be32(r() < 0.5 ? pick(INTERESTING) : Math.max(0, c.length + Math.floor(r() * 9) - 4)), c.at);
      break;
    case 2: {
      // Bytes inside the compressed data or the palette, with a valid CRC.
      const d = cs.find((x) => x.type === (r() < 0.8 ? 'IDAT' : 'PLTE')) ?? c;
      for (let k = 1 + Math.floor(r() * 4); k > 0 && d.length > 0; k--) b[d.at + 8 + Math.floor(r() * d.length)] = Math.floor(r() * 256);
      fixCrc(b, d.at);
      break;
    }
    case 3: {
      // A chunk's type: unknown critical, ancillary, a second IHDR.
      b.set(new TextEncoder().encode(pick(['IHDR', 'PLTE', 'IEND', 'CgBI', 'tEXt', 'iDOT', 'IDAT', 'xxxx'])), c.at + 4);
      fixCrc(b, c.at);
      break;
    }
    case 4:
      return truncate(b, r);
    default:
      return flipBits(b, r);
  }
  return b;
}

function npyMutation(src: Uint8Array, r: () => number): Uint8Array {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const major = src[6]!;
  const start = major === 1 ? 10 : 12;
  const len = major === 1 ? src[8]! | (src[9]! << 8) : u32(Uint8Array.of(src[11]!, src[10]!, src[9]!, src[8]!), 0);
  const header = new TextDecoder('latin1').decode(src.subarray(start, start + len));
  const rewrite = (text: string): Uint8Array => {
    // Same header length, so the data stays where it was: pad or cut the dict text.
    const bytes = new TextEncoder().encode(text.length < len ? text.padEnd(len - 1) + '\n' : text.slice(0, len));
    const out = src.slice();
    out.set(bytes.subarray(0, len), start);
    return out;
  };
  switch (Math.floor(r() * 7)) {
    case 0:
      return rewrite(header.replace(/'descr': '[^']*'/, `'descr': '${pick(['<f4', '>f4', '<f8', '<f2', '|u1', '<u2', '>u2', '|b1', '<i8', '<i4', '|i1', '<c8', '|O', '<U3', '|V8', '<u4', 'f4', '<f16', ''])}'`));
    case 1: {
      const dims = Array.from({ length: 1 + Math.floor(r() * 4) }, () => (r() < 0.3 ? pick([0, 1, 2, 3, H, W, 65536, 2 ** 31, 2 ** 53]) : Math.floor(r() * 40)));
      return rewrite(header.replace(/'shape': \([^)]*\)/, `'shape': (${dims.join(', ')}${dims.length === 1 ? ',' : ''})`));
    }
    case 2:
      return rewrite(header.replace(/'fortran_order': \w+/, `'fortran_order': ${pick(['True', 'False', 'maybe', '1'])}`));
    case 3: {
      // The header length field, or the version.
      const out = src.slice();
      if (r() < 0.5) out[6] = pick([0, 1, 2, 3, 4, 255]);
      else out.set(r() < 0.5 ? [Math.floor(r() * 256), Math.floor(r() * 256)] : [255, 255], 8);
      return out;
    }
    case 4:
      return rewrite(pick([header.replace(/'shape'/, "'shap'"), header.replace(/\{/, ''), header.replace(/'descr': '[^']*'/, "'descr': [('a', '<f4')]"), header.replace(/\)/, ', -1)'), 'not a dict at all']));
    case 5:
      return truncate(src.slice(), r);
    default:
      return flipBits(src.slice(), r);
  }
}

function truncate(b: Uint8Array, r: () => number): Uint8Array {
  return b.slice(0, Math.floor(r() * b.length));
}

function flipBits(b: Uint8Array, r: () => number): Uint8Array {
  for (let k = 1 + Math.floor(r() * 8); k > 0; k--) {
    const i = Math.floor(r() * b.length);
    b[i] = b[i]! ^ (1 << Math.floor(r() * 8));
  }
  return b;
}

/** `count` mutated files from the seeds, the same for the same `seed` on every machine. */
export function* mutants(seed: number, count: number): Generator<Seed & { mutant: number }> {
  const all = seeds();
  const r = rng(seed);
  for (let k = 0; k < count; k++) {
    const s = all[k % all.length]!;
    const bytes = s.name.endsWith('.png') ? pngMutation(s.bytes, r) : npyMutation(s.bytes, r);
    yield { ...s, bytes, mutant: k };
  }
}
