/**
 * The error overlay of a pair at thumbnail size: each thumbnail pixel is the area-weighted mix of the
 * colours of the mask pixels it covers (TP, FP, FN, ignored, background), in the webview's colours.
 * Pure: typed arrays in, RGB out; the PNG encoding takes the platform's deflate.
 */
import { crc32 } from '../../core/io/crc32';
import { decodePair, type Inflaters } from '../../core/io/decodePair';
import type { JobSettings, PairJob } from '../../core/report/pairJob';
import type { PairInput } from '../../core/types';
import { FN, FP, IGNORED, TP, type Rgb } from '../../shared/colours';
import type { Thumbnail } from './protocol';
import { argmaxAt } from '../../core/argmax';
import { Outcome, outcomeOf } from '../../core/outcome';
import { THRESHOLD } from '../../core/options';
import { busiestSlice, sliceOf } from './volumeSlice';

const BACKGROUND: Rgb = [30, 30, 30];
/** Colour of each `Outcome` code (true negatives on a dark background). */
const COLOURS: readonly Rgb[] = [BACKGROUND, TP, FP, FN, IGNORED];

export interface Overlay {
  rgb: Uint8Array;
  width: number;
  height: number;
  counts: Thumbnail['counts'];
}

/** Per pixel its `Outcome`. A wrong foreground class is FP in the picture, and both FP and FN in `counts`. */
function categories(input: PairInput, threshold: number): { cat: Uint8Array; counts: Thumbnail['counts'] } {
  const { width, height, labels, prob, ignoreIndex } = input;
  const n = width * height;
  const cat = new Uint8Array(n);
  const counts = { tp: 0, fp: 0, fn: 0, tn: 0, ignored: 0 };
  for (let i = 0; i < n; i++) {
    const label = labels[i]!;
    if (label === ignoreIndex) {
      cat[i] = Outcome.IGNORED;
      counts.ignored++;
      continue;
    }
    const binary = input.mode === 'binary';
    const predicted = binary ? (prob[i]! > threshold ? 1 : 0) : argmaxAt(prob, input.classes, n, i);
    const truth = binary ? (label ? 1 : 0) : label;
    const o = outcomeOf(truth, predicted);
    cat[i] = o;
    if (o === Outcome.TN) counts.tn++;
    else if (o === Outcome.TP) counts.tp++;
    else if (o === Outcome.FN) counts.fn++;
    else {
      counts.fp++;
      if (truth !== 0) counts.fn++;
    }
  }
  return { cat, counts };
}

/** The overlay scaled so its longer side is at most `maxSize` (never enlarged). */
export function errorOverlay(input: PairInput, threshold: number, maxSize: number): Overlay {
  const { width: w, height: h } = input;
  const { cat, counts } = categories(input, threshold);
  const scale = Math.min(1, maxSize / Math.max(w, h));
  const tw = Math.max(1, Math.round(w * scale));
  const th = Math.max(1, Math.round(h * scale));
  const sums = new Float64Array(tw * th * 3);
  const area = new Float64Array(tw * th);
  const colOf = new Int32Array(w);
  for (let x = 0; x < w; x++) colOf[x] = Math.min(tw - 1, Math.floor((x * tw) / w));
  for (let y = 0; y < h; y++) {
    const row = Math.min(th - 1, Math.floor((y * th) / h)) * tw;
    for (let x = 0; x < w; x++) {
      const t = row + colOf[x]!;
      const c = COLOURS[cat[y * w + x]!]!;
      sums[3 * t] += c[0];
      sums[3 * t + 1] += c[1];
      sums[3 * t + 2] += c[2];
      area[t]++;
    }
  }
  const rgb = new Uint8Array(tw * th * 3);
  for (let t = 0; t < tw * th; t++) for (let k = 0; k < 3; k++) rgb[3 * t + k] = Math.round(sums[3 * t + k]! / area[t]!);
  return { rgb, width: tw, height: th, counts };
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

/** An 8-bit RGB PNG (filter 0 on every row). */
export function encodeRgbPng(rgb: Uint8Array, width: number, height: number, deflate: (raw: Uint8Array) => Uint8Array): Uint8Array {
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = new Uint8Array((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) raw.set(rgb.subarray(y * width * 3, (y + 1) * width * 3), y * (width * 3 + 1) + 1);
  const parts = [new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflate(raw)), chunk('IEND', new Uint8Array(0))];
  const png = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let off = 0;
  for (const p of parts) {
    png.set(p, off);
    off += p.length;
  }
  return png;
}

/**
 * A pair's thumbnail from its files' bytes, read as its numbers are (`decodePair`): the error overlay and
 * the whole mask's counts. A volume shows its busiest slice; its counts are the whole volume's.
 */
export function pairThumbnail(
  job: Pick<PairJob, 'gt' | 'pred'>,
  gtBytes: Uint8Array,
  predBytes: Uint8Array,
  s: JobSettings,
  maxSize: number,
  platform: Inflaters & { deflate: (raw: Uint8Array) => Uint8Array },
): Thumbnail {
  const { input } = decodePair(job, gtBytes, predBytes, s, platform, s.objects?.instances);
  const threshold = s.engine.threshold ?? THRESHOLD.default;
  const volume = input.depth !== undefined;
  const o = errorOverlay(volume ? sliceOf(input, busiestSlice(input, threshold)) : input, threshold, maxSize);
  // A volume's slices stacked as one image.
  const counts = volume ? errorOverlay({ ...input, height: input.height * input.depth! }, threshold, 1).counts : o.counts;
  const png = encodeRgbPng(o.rgb, o.width, o.height, platform.deflate);
  return { png, width: o.width, height: o.height, sourceWidth: input.width, sourceHeight: input.height, counts };
}
