import { maskError } from './errors';
import type { RawImage } from './png';

/** Maps one RGB colour of a colour-coded mask to a class index (e.g. Cityscapes, CamVid). */
export interface PaletteEntry {
  rgb: [number, number, number];
  class: number;
}

const key = (r: number, g: number, b: number): number => (r << 16) | (g << 8) | b;

/** 16-bit colours are compared at 8 bits, the precision palettes are written in. */
function to8(v: number, depth: number): number {
  return depth === 16 ? Math.round(v / 257) : v;
}

function paletteLookup(palette: readonly PaletteEntry[], name: string): Map<number, number> {
  const map = new Map<number, number>();
  for (const { rgb, class: cls } of palette) {
    const k = key(rgb[0], rgb[1], rgb[2]);
    const prev = map.get(k);
    if (prev !== undefined && prev !== cls) {
      throw maskError('not-a-mask', name, `palette maps colour (${rgb.join(', ')}) to both class ${prev} and class ${cls}`);
    }
    if (!Number.isInteger(cls) || cls < 0 || cls > 65535) {
      throw maskError('not-a-mask', name, `palette class ${cls} for colour (${rgb.join(', ')}) is not an integer in 0..65535`);
    }
    map.set(k, cls);
  }
  return map;
}

/** Reads the RGB of every pixel of an rgb/rgba or palette image as 8-bit values. */
function rgbAt(image: RawImage): (pixel: number) => [number, number, number] {
  const { samples, channels, bitDepth, palette } = image;
  if (image.colorType === 'palette') {
    const p = palette ?? new Uint8Array(0);
    return (i) => {
      const idx = samples[i]! * 3;
      return [p[idx] ?? 0, p[idx + 1] ?? 0, p[idx + 2] ?? 0];
    };
  }
  return (i) => {
    const s = i * channels;
    return [to8(samples[s]!, bitDepth), to8(samples[s + 1]!, bitDepth), to8(samples[s + 2]!, bitDepth)];
  };
}

/** Class index of every pixel through a user palette; a colour missing from it is an error. */
export function classesFromColours(image: RawImage, palette: readonly PaletteEntry[], name: string): Uint16Array {
  const lookup = paletteLookup(palette, name);
  const rgb = rgbAt(image);
  const n = image.width * image.height;
  const out = new Uint16Array(n);
  let lastKey = -1;
  let lastClass = 0;
  for (let i = 0; i < n; i++) {
    const [r, g, b] = rgb(i);
    const k = key(r, g, b);
    if (k !== lastKey) {
      const cls = lookup.get(k);
      if (cls === undefined) {
        const x = i % image.width;
        const y = Math.floor(i / image.width);
        throw maskError('unknown-colour', name, `colour (${r}, ${g}, ${b}) at pixel (x=${x}, y=${y}) is not in the palette`);
      }
      lastKey = k;
      lastClass = cls;
    }
    out[i] = lastClass;
  }
  return out;
}

/** True when an rgb/rgba image is grey stored as colour (r = g = b everywhere). */
export function isGreyAsRgb(image: RawImage): boolean {
  const { samples, channels } = image;
  for (let s = 0; s < samples.length; s += channels) {
    if (samples[s] !== samples[s + 1] || samples[s] !== samples[s + 2]) return false;
  }
  return true;
}

/** The first channel of every pixel (the grey value, or r of grey-as-rgb). */
export function firstChannel(image: RawImage): Uint8Array | Uint16Array {
  const { samples, channels } = image;
  if (channels === 1) return samples;
  const n = image.width * image.height;
  const out = image.bitDepth === 16 ? new Uint16Array(n) : new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = samples[i * channels]!;
  return out;
}

/** A warning when an alpha channel is present and not fully opaque; the alpha itself is never used. */
export function alphaWarning(image: RawImage, name: string): string[] {
  if (image.colorType !== 'grey-alpha' && image.colorType !== 'rgba') return [];
  const { samples, channels } = image;
  const opaque = image.bitDepth === 16 ? 65535 : 255;
  for (let s = channels - 1; s < samples.length; s += channels) {
    if (samples[s] !== opaque) return [`${name}: alpha channel ignored (the image is not fully opaque)`];
  }
  return [];
}

/** Explains why a colour image without a palette cannot be read as a mask. */
export function colourImageError(image: RawImage, name: string, role: 'ground truth' | 'prediction'): never {
  const colours = new Set<number>();
  const { samples, channels, bitDepth } = image;
  for (let s = 0; s < samples.length; s += channels) {
    colours.add(key(to8(samples[s]!, bitDepth), to8(samples[s + 1]!, bitDepth), to8(samples[s + 2]!, bitDepth)));
  }
  const n = colours.size;
  if (n > 256) {
    throw maskError('not-a-mask', name, `looks like a colour photo: ${n} distinct colours; give a palette with --palette`);
  }
  const what = role === 'prediction' ? 'a colour-coded prediction' : 'a colour-coded mask';
  throw maskError('not-a-mask', name, `${what} with ${n} distinct colours and no palette; give one with --palette mapping each colour to a class`);
}
