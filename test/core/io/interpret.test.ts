import { describe, expect, it } from 'vitest';
import { groundTruthFromArray, groundTruthFromImage, makePairInput, predictionFromArray, predictionFromImage } from '../../../src/core/io/interpret';
import { decodeNpy } from '../../../src/core/io/npy';
import { decodePng, type RawImage } from '../../../src/core/io/png';
import { MaskError } from '../../../src/core/types';
import { encodeNpy, type NpySpec } from './npyWriter';
import { encodePng, type PngSpec } from './pngWriter';
import { samplesFor } from './samples';

const opts = { maxPixels: 1e6 };
const png = (spec: PngSpec): RawImage => decodePng(encodePng(spec), 'm.png', opts);
const grey = (width: number, height: number, samples: number[], bitDepth: PngSpec['bitDepth'] = 8): RawImage =>
  png({ width, height, colorType: 'grey', bitDepth, samples });
const npy = (spec: NpySpec) => decodeNpy(encodeNpy(spec), 'p.npy', opts);

function maskErrorOf(fn: () => unknown): MaskError {
  try {
    fn();
  } catch (e) {
    if (e instanceof MaskError) return e;
    throw e;
  }
  throw new Error('expected a MaskError');
}

describe('groundTruthFromImage', () => {
  it('0/255, 0/1, 0/65535 grey masks become binary 0/1', () => {
    for (const [bitDepth, fg] of [
      [8, 255],
      [8, 1],
      [16, 65535],
      [1, 1],
    ] as const) {
      const gt = groundTruthFromImage(grey(4, 1, [0, fg, fg, 0], bitDepth), 'g.png');
      expect(gt).toMatchObject({ kind: 'binary', classes: 2, foregroundValue: fg, width: 4, height: 1, warnings: [] });
      expect(Array.from(gt.labels)).toEqual([0, 1, 1, 0]);
    }
  });

  it('any single non-zero value with 0 is foreground; an all-empty or all-full mask is binary', () => {
    expect(Array.from(groundTruthFromImage(grey(3, 1, [0, 128, 0]), 'g').labels)).toEqual([0, 1, 0]);
    expect(groundTruthFromImage(grey(2, 1, [0, 0]), 'g')).toMatchObject({ kind: 'binary', classes: 2 });
    expect(Array.from(groundTruthFromImage(grey(2, 1, [255, 255]), 'g').labels)).toEqual([1, 1]);
  });

  it('more than two values is a class-index map; the ignore index is kept and not counted', () => {
    const gt = groundTruthFromImage(grey(5, 1, [0, 1, 2, 255, 2]), 'g.png', { ignoreIndex: 255 });
    expect(gt).toMatchObject({ kind: 'classes', classes: 3, ignoreIndex: 255 });
    expect(Array.from(gt.labels)).toEqual([0, 1, 2, 255, 2]);
    expect(gt.labels).toBeInstanceOf(Uint8Array);
  });

  it('binary with void: 0/1/255 with ignore 255 stays binary (Pascal VOC style border)', () => {
    const gt = groundTruthFromImage(grey(4, 1, [0, 1, 255, 1]), 'g.png', { ignoreIndex: 255 });
    expect(gt).toMatchObject({ kind: 'binary', classes: 2, foregroundValue: 1 });
    expect(Array.from(gt.labels)).toEqual([0, 1, 255, 1]);
  });

  it('16-bit class maps keep 16-bit labels', () => {
    const gt = groundTruthFromImage(grey(3, 1, [0, 300, 7], 16), 'g.png', { maxClasses: 301 });
    expect(gt.labels).toBeInstanceOf(Uint16Array);
    expect(gt.classes).toBe(301);
  });

  it('more classes than the limit (largest label + 1) is refused, naming the file and the way out', () => {
    const e = maskErrorOf(() => groundTruthFromImage(grey(3, 1, [0, 1, 65535], 16), 'g.png'));
    expect(e.code).toBe('too-many-classes');
    expect(e.message).toMatch(/^g\.png: .*65536 classes.*limit of 255.*--max-classes/);
    const voc = png({ width: 3, height: 1, colorType: 'palette', bitDepth: 8, samples: [0, 1, 255], palette: new Array(256 * 3).fill(9) });
    expect(maskErrorOf(() => groundTruthFromImage(voc, 'voc.png')).message).toMatch(/^voc\.png: .*class 255 .*--ignore-index 255/);
    expect(groundTruthFromImage(voc, 'voc.png', { ignoreIndex: 255 }).classes).toBe(2);
    // A prediction's palette index 255 would be 256 one-hot channels.
    expect(maskErrorOf(() => predictionFromImage(voc, 'p.png')).message).toMatch(/^p\.png: prediction class 255 gives 256 classes.*--ignore-index 255/);
    const wide = npy({ descr: '<f4', shape: [300, 2, 2], data: new Array(1200).fill(1 / 300) });
    expect(maskErrorOf(() => predictionFromArray(wide, 'p.npy', { width: 2, height: 2 })).code).toBe('too-many-classes');
  });

  it('an intensity image is not a label map', () => {
    const many = Array.from({ length: 2000 }, (_, i) => i * 30);
    expect(maskErrorOf(() => groundTruthFromImage(grey(2000, 1, many, 16), 'photo.png')).code).toBe('not-a-mask');
    // The next map sees every one of its values, those the refused one met included.
    expect(groundTruthFromImage(grey(3, 1, [0, 30, 60], 16), 'next.png')).toMatchObject({ kind: 'classes', classes: 61 });
    expect(groundTruthFromImage(grey(2, 1, [0, 30], 16), 'next.png')).toMatchObject({ kind: 'binary', foregroundValue: 30 });
  });

  it('palette PNG: the index is the class (no collapse to 0/1)', () => {
    const raw = png({ width: 4, height: 1, colorType: 'palette', bitDepth: 8, samples: [0, 15, 15, 0], palette: new Array(16 * 3).fill(9) });
    const gt = groundTruthFromImage(raw, 'voc.png');
    expect(gt).toMatchObject({ kind: 'classes', classes: 16 });
    expect(Array.from(gt.labels)).toEqual([0, 15, 15, 0]);
    const bin = groundTruthFromImage(png({ width: 2, height: 1, colorType: 'palette', bitDepth: 1, samples: [1, 0], palette: [0, 0, 0, 255, 0, 0] }), 'b.png');
    expect(bin).toMatchObject({ kind: 'binary', classes: 2 });
  });

  it('RGB with a palette maps colours to classes; an unknown colour names the colour and pixel', () => {
    const samples = [0, 0, 0, 128, 64, 128, 244, 35, 232, 0, 0, 0];
    const palette = [
      { rgb: [0, 0, 0] as [number, number, number], class: 0 },
      { rgb: [128, 64, 128] as [number, number, number], class: 1 },
      { rgb: [244, 35, 232] as [number, number, number], class: 2 },
    ];
    const gt = groundTruthFromImage(png({ width: 2, height: 2, colorType: 'rgb', bitDepth: 8, samples }), 'city.png', { palette });
    expect(gt).toMatchObject({ kind: 'classes', classes: 3 });
    expect(Array.from(gt.labels)).toEqual([0, 1, 2, 0]);
    const err = maskErrorOf(() => groundTruthFromImage(png({ width: 2, height: 2, colorType: 'rgb', bitDepth: 8, samples }), 'city.png', { palette: palette.slice(0, 2) }));
    expect(err.code).toBe('unknown-colour');
    expect(err.message).toBe('city.png: colour (244, 35, 232) at pixel (x=0, y=1) is not in the palette');
  });

  it('a palette PNG with a user palette is read by colour, not index', () => {
    const raw = png({ width: 2, height: 1, colorType: 'palette', bitDepth: 8, samples: [0, 1], palette: [9, 9, 9, 200, 0, 0] });
    const gt = groundTruthFromImage(raw, 'p.png', {
      palette: [
        { rgb: [9, 9, 9], class: 0 },
        { rgb: [200, 0, 0], class: 7 },
      ],
    });
    expect(Array.from(gt.labels)).toEqual([0, 7]);
    expect(gt.classes).toBe(8);
  });

  it('16-bit RGBA with a palette is compared at 8 bits; translucent alpha warns', () => {
    const samples = [0, 0, 0, 65535, 65535, 0, 0, 30000];
    const gt = groundTruthFromImage(png({ width: 2, height: 1, colorType: 'rgba', bitDepth: 16, samples }), 'a.png', {
      palette: [
        { rgb: [0, 0, 0], class: 0 },
        { rgb: [255, 0, 0], class: 1 },
      ],
    });
    expect(Array.from(gt.labels)).toEqual([0, 1]);
    expect(gt.warnings).toEqual(['a.png: alpha channel ignored (the image is not fully opaque)']);
  });

  it('grey stored as RGB is read as grey with a warning', () => {
    const gt = groundTruthFromImage(png({ width: 2, height: 1, colorType: 'rgb', bitDepth: 8, samples: [0, 0, 0, 255, 255, 255] }), 'g.png');
    expect(gt.kind).toBe('binary');
    expect(Array.from(gt.labels)).toEqual([0, 1]);
    expect(gt.warnings).toEqual(['g.png: grey mask stored as RGB; read as grey']);
  });

  it('an RGB photo without a palette is refused', () => {
    const samples = samplesFor(30 * 30 * 3, 8);
    const err = maskErrorOf(() => groundTruthFromImage(png({ width: 30, height: 30, colorType: 'rgb', bitDepth: 8, samples }), 'gt/photo.png'));
    expect(err.code).toBe('not-a-mask');
    expect(err.message).toMatch(/^gt\/photo.png: looks like a colour photo: \d+ distinct colours; give a palette with --palette$/);
    const coded = maskErrorOf(() => groundTruthFromImage(png({ width: 2, height: 1, colorType: 'rgb', bitDepth: 8, samples: [255, 0, 0, 0, 0, 255] }), 'c.png'));
    expect(coded.message).toMatch(/colour-coded mask with 2 distinct colours/);
  });
});

describe('groundTruthFromArray', () => {
  it('reads uint8, bool and whole-number float label maps', () => {
    expect(Array.from(groundTruthFromArray(npy({ descr: '|u1', shape: [1, 3], data: [0, 2, 1] }), 'g.npy').labels)).toEqual([0, 2, 1]);
    expect(groundTruthFromArray(npy({ descr: '|b1', shape: [2, 1], data: [0, 1] }), 'g.npy').kind).toBe('binary');
    const f = groundTruthFromArray(npy({ descr: '<f4', shape: [1, 1, 3], data: [0, 255, 0] }), 'g.npy');
    expect(Array.from(f.labels)).toEqual([0, 1, 0]);
  });
  it('refuses fractional values and multi-channel arrays', () => {
    expect(maskErrorOf(() => groundTruthFromArray(npy({ descr: '<f4', shape: [1, 2], data: [0, 0.5] }), 'g.npy')).code).toBe('not-a-mask');
    expect(maskErrorOf(() => groundTruthFromArray(npy({ descr: '|u1', shape: [2, 3, 4], data: new Array(24).fill(0) }), 'g.npy')).code).toBe('unsupported-shape');
  });
});

describe('predictionFromImage', () => {
  it('8-bit and 16-bit grey are value / full scale', () => {
    const p8 = predictionFromImage(grey(3, 1, [0, 51, 255]), 'p.png');
    expect(Array.from(p8.prob)).toEqual(Array.from(Float32Array.of(0, 0.2, 1)));
    expect(p8).toMatchObject({ channels: 1, hard: false, warnings: [] });
    const p16 = predictionFromImage(grey(2, 1, [32768, 65535], 16), 'p.png');
    expect(p16.prob[0]).toBeCloseTo(32768 / 65535, 7);
  });

  it('a hard prediction is flagged with a warning', () => {
    const p = predictionFromImage(grey(2, 1, [0, 65535], 16), 'p.png');
    expect(p.hard).toBe(true);
    expect(p.warnings).toEqual(['p.png: prediction is binary: distribution losses are dominated by the log clamp']);
  });

  it('an 8-bit 0/1 map is read as a hard mask, with a warning', () => {
    const p = predictionFromImage(grey(2, 1, [0, 1]), 'p.png');
    expect(Array.from(p.prob)).toEqual([0, 1]);
    expect(p.warnings[0]).toMatch(/only 0 and 1/);
  });

  it('a palette PNG is a class map, one-hot [C,H,W]', () => {
    const p = predictionFromImage(png({ width: 3, height: 1, colorType: 'palette', bitDepth: 2, samples: [0, 2, 1], palette: new Array(12).fill(0) }), 'p.png');
    expect(p).toMatchObject({ channels: 3, hard: true, fromClassMap: true });
    expect(Array.from(p.prob)).toEqual([1, 0, 0, 0, 0, 1, 0, 1, 0]);
  });

  it('a colour-coded prediction with a palette is a one-hot class map', () => {
    const raw = png({ width: 2, height: 1, colorType: 'rgb', bitDepth: 8, samples: [0, 0, 0, 255, 0, 0] });
    const p = predictionFromImage(raw, 'p.png', { palette: [{ rgb: [0, 0, 0], class: 0 }, { rgb: [255, 0, 0], class: 2 }] });
    expect(p).toMatchObject({ channels: 3, fromClassMap: true });
    expect(Array.from(p.prob)).toEqual([1, 0, 0, 0, 0, 1]);
  });

  it('an RGB photo is refused', () => {
    const samples = [10, 20, 30, 40, 50, 60];
    expect(maskErrorOf(() => predictionFromImage(png({ width: 2, height: 1, colorType: 'rgb', bitDepth: 8, samples }), 'p.png')).code).toBe('not-a-mask');
  });
});

describe('predictionFromArray', () => {
  it('[H,W] float is a foreground probability', () => {
    const p = predictionFromArray(npy({ descr: '<f8', shape: [1, 3], data: [0, 0.25, 1] }), 'p.npy');
    expect(p).toMatchObject({ channels: 1, width: 3, height: 1, hard: false });
    expect(Array.from(p.prob)).toEqual([0, 0.25, 1]);
  });

  it('[C,H,W] and [H,W,C] give the same channel-major probabilities', () => {
    // 2 classes, 3x4 image.
    const fg = Array.from({ length: 12 }, (_, i) => i / 11);
    const chw = [...fg.map((v) => 1 - v), ...fg];
    const hwc = fg.flatMap((v) => [1 - v, v]);
    const a = predictionFromArray(npy({ descr: '<f8', shape: [2, 3, 4], data: chw }), 'a.npy');
    const b = predictionFromArray(npy({ descr: '<f8', shape: [3, 4, 2], data: hwc }), 'b.npy');
    expect(a).toMatchObject({ channels: 2, width: 4, height: 3, warnings: [] });
    expect(b).toMatchObject({ channels: 2, width: 4, height: 3, warnings: [] });
    expect(Array.from(b.prob)).toEqual(Array.from(a.prob));
    expect(Array.from(a.prob)).toEqual(Array.from(Float32Array.from(chw)));
  });

  it('the expected size settles the channel axis; otherwise an unclear layout warns', () => {
    const data = new Array(27).fill(1 / 3);
    const guessed = predictionFromArray(npy({ descr: '<f4', shape: [3, 3, 3], data }), 'g.npy');
    expect(guessed.warnings.some((w) => w.includes('channel axis guessed'))).toBe(true);
    const hwc = predictionFromArray(npy({ descr: '<f4', shape: [4, 5, 4], data: new Array(80).fill(0.25) }), 'h.npy', { width: 5, height: 4 });
    expect(hwc).toMatchObject({ channels: 4, width: 5, height: 4, warnings: [] });
    expect(maskErrorOf(() => predictionFromArray(npy({ descr: '|u1', shape: [70, 66, 68], data: new Uint8Array(70 * 66 * 68) }), 'x.npy')).code).toBe('unsupported-shape');
  });

  it('bool and 0/1 uint8 are hard; other uint8 is /255, uint16 /65535', () => {
    expect(predictionFromArray(npy({ descr: '|b1', shape: [1, 2], data: [1, 0] }), 'b').hard).toBe(true);
    expect(Array.from(predictionFromArray(npy({ descr: '|u1', shape: [1, 2], data: [1, 0] }), 'u').prob)).toEqual([1, 0]);
    expect(Array.from(predictionFromArray(npy({ descr: '|u1', shape: [1, 2], data: [51, 255] }), 'u').prob)).toEqual(Array.from(Float32Array.of(0.2, 1)));
    expect(predictionFromArray(npy({ descr: '<u2', shape: [1, 2], data: [65535, 0] }), 'u').hard).toBe(true);
  });

  it('logits are refused with an explanation', () => {
    const err = maskErrorOf(() => predictionFromArray(npy({ descr: '<f4', shape: [1, 2], data: [-2.5, 3] }), 'pred/a.npy'));
    expect(err.code).toBe('not-probabilities');
    expect(err.message).toMatch(/^pred\/a.npy: values outside \[0, 1\].*probabilities, not logits/);
    expect(maskErrorOf(() => predictionFromArray(npy({ descr: '<f4', shape: [1, 2], data: [NaN, 0] }), 'n.npy')).code).toBe('not-probabilities');
  });

  it('float32 overshoot of softmax is clamped, not refused', () => {
    expect(Array.from(predictionFromArray(npy({ descr: '<f4', shape: [1, 1], data: [1.00001] }), 'p').prob)).toEqual([1]);
  });

  it('channels that do not sum to 1 warn', () => {
    const c0 = [0.5, 0.5, 0.5, 0.5, 0.5, 0.9];
    const c1 = [0.5, 0.5, 0.5, 0.5, 0.5, 0.9];
    const p = predictionFromArray(npy({ descr: '<f4', shape: [2, 2, 3], data: [...c0, ...c1] }), 's.npy', { width: 3, height: 2 });
    expect(p.warnings).toEqual(['s.npy: class probabilities do not sum to 1 at 1 pixels (first at x=2, y=1); expected softmax outputs']);
  });
});

describe('makePairInput', () => {
  const gtBinary = () => groundTruthFromImage(grey(2, 2, [0, 255, 255, 0]), 'gt/a.png');

  it('binary gt + one-channel prediction -> binary', () => {
    const pred = predictionFromImage(grey(2, 2, [0, 128, 255, 0], 8), 'pred/a.png');
    const pair = makePairInput(gtBinary(), pred);
    expect(pair).toMatchObject({ mode: 'binary', classes: 2, width: 2, height: 2 });
    expect(Array.from(pair.labels)).toEqual([0, 1, 1, 0]);
    expect(pair.prob).toBe(pred.prob);
    expect(pair.ignoreIndex).toBeUndefined();
  });

  it('binary gt + two channels -> binary with channel 1 as foreground', () => {
    const pred = predictionFromArray(npy({ descr: '<f4', shape: [2, 2, 2], data: [0.9, 0.2, 0.3, 1, 0.1, 0.8, 0.7, 0] }), 'p.npy');
    const pair = makePairInput(gtBinary(), pred);
    expect(pair.mode).toBe('binary');
    expect(Array.from(pair.prob)).toEqual(Array.from(Float32Array.of(0.1, 0.8, 0.7, 0)));
  });

  it('class map + C channels -> multiclass; ignore index carried', () => {
    const gt = groundTruthFromImage(grey(2, 2, [0, 1, 2, 255]), 'gt/a.png', { ignoreIndex: 255 });
    const pred = predictionFromArray(npy({ descr: '<f4', shape: [3, 2, 2], data: new Array(12).fill(1 / 3) }), 'p.npy');
    const pair = makePairInput(gt, pred);
    expect(pair).toMatchObject({ mode: 'multiclass', classes: 3, ignoreIndex: 255 });
    expect(pair.prob).toHaveLength(12);
  });

  it('a two-valued crop of a class map keeps its class indices against a multi-channel prediction', () => {
    const gt = groundTruthFromImage(grey(2, 1, [0, 3]), 'gt/a.png');
    expect(gt.kind).toBe('binary');
    const pred = predictionFromArray(npy({ descr: '<f4', shape: [5, 1, 2], data: [1, 0, 0, 0, 0, 0, 0, 1, 0, 0] }), 'p.npy');
    const pair = makePairInput(gt, pred);
    expect(pair).toMatchObject({ mode: 'multiclass', classes: 5 });
    expect(Array.from(pair.labels)).toEqual([0, 3]);
  });

  it('a one-hot class-map prediction is padded up to the ground truth classes', () => {
    const gt = groundTruthFromImage(grey(3, 1, [0, 1, 4]), 'gt/a.png');
    const pred = predictionFromImage(png({ width: 3, height: 1, colorType: 'palette', bitDepth: 8, samples: [0, 1, 1], palette: [0, 0, 0, 1, 1, 1] }), 'p.png');
    const pair = makePairInput(gt, pred);
    expect(pair.classes).toBe(5);
    expect(pair.prob).toHaveLength(15);
  });

  it('size and class mismatches name both files', () => {
    const small = predictionFromImage(grey(1, 2, [0, 0]), 'pred/a.png');
    const err = maskErrorOf(() => makePairInput(gtBinary(), small));
    expect(err.code).toBe('size-mismatch');
    expect(err.message).toBe('pred/a.png: prediction is 1x2 but ground truth gt/a.png is 2x2');

    const classes = groundTruthFromImage(grey(2, 2, [0, 1, 2, 0]), 'gt/m.png');
    const one = predictionFromImage(grey(2, 2, [0, 9, 9, 0]), 'pred/m.png');
    const e2 = maskErrorOf(() => makePairInput(classes, one));
    expect(e2.code).toBe('class-mismatch');
    expect(e2.message).toMatch(/pred\/m.png: .*gt\/m.png has 3 classes/);

    const probs3 = predictionFromArray(npy({ descr: '<f4', shape: [2, 2, 2], data: new Array(8).fill(0.5) }), 'p.npy');
    const gt4 = groundTruthFromImage(grey(2, 2, [0, 1, 2, 3]), 'gt/c.png');
    expect(maskErrorOf(() => makePairInput(gt4, probs3)).code).toBe('class-mismatch');
  });

  it('merges warnings from both sides', () => {
    const gt = groundTruthFromImage(png({ width: 2, height: 1, colorType: 'rgb', bitDepth: 8, samples: [0, 0, 0, 255, 255, 255] }), 'gt.png');
    const pred = predictionFromImage(grey(2, 1, [0, 255]), 'pred.png');
    expect(makePairInput(gt, pred).warnings).toHaveLength(2);
  });
});
