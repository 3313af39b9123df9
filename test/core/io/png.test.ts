import { describe, expect, it } from 'vitest';
import { crc32 } from '../../../src/core/io/crc32';
import { decodePng } from '../../../src/core/io/png';
import { MaskError } from '../../../src/core/types';
import { chunk, concatBytes, encodePng, ihdr, PNG_SIGNATURE, pngFromChunks, type PngBitDepth, type PngColorType } from './pngWriter';
import { deflateSync } from 'node:zlib';
import { samplesFor } from './samples';

const opts = { maxPixels: 1e7 };

const CHANNELS: Record<PngColorType, number> = { grey: 1, 'grey-alpha': 2, rgb: 3, rgba: 4, palette: 1 };

const cases: [PngColorType, PngBitDepth][] = [
  ['grey', 1],
  ['grey', 2],
  ['grey', 4],
  ['grey', 8],
  ['grey', 16],
  ['palette', 1],
  ['palette', 2],
  ['palette', 4],
  ['palette', 8],
  ['rgb', 8],
  ['rgb', 16],
  ['rgba', 8],
  ['rgba', 16],
  ['grey-alpha', 8],
  ['grey-alpha', 16],
];

function expectMaskError(fn: () => unknown, code: string, name: string, text?: string | RegExp): MaskError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MaskError);
    const err = e as MaskError;
    expect(err.code).toBe(code);
    expect(err.message).toContain(name);
    expect(err.message).not.toContain('\n');
    if (text) expect(err.message).toMatch(text);
    return err;
  }
  throw new Error(`expected MaskError ${code}`);
}

describe('crc32', () => {
  /** The definition, a bit at a time. */
  const bitwise = (b: Uint8Array, start: number, end: number) => {
    let c = 0xffffffff;
    for (let i = start; i < end; i++) {
      c ^= b[i];
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    return (c ^ 0xffffffff) >>> 0;
  };
  it('is the IEEE CRC of any range: the check value, and every start and length around the 8-byte steps', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 2654435761) >>> 13);
    for (let start = 0; start < 20; start++) for (let end = start; end <= 300; end += 1 + (end % 7)) expect(crc32(bytes, start, end)).toBe(bitwise(bytes, start, end));
  });
});

describe('decodePng round trip', () => {
  // Odd sizes put partial bytes at row ends and leave some Adam7 passes empty.
  const sizes: [number, number][] = [
    [1, 1],
    [3, 2],
    [13, 7],
    [33, 17],
  ];
  for (const [colorType, bitDepth] of cases) {
    for (const interlace of [false, true]) {
      it(`${colorType} ${bitDepth}-bit${interlace ? ' interlaced' : ''}`, () => {
        for (const [width, height] of sizes) {
          const channels = CHANNELS[colorType];
          const samples = samplesFor(width * height * channels, bitDepth, width * 31 + height);
          const palette = colorType === 'palette' ? samplesFor(3 * 2 ** bitDepth, 8, 7) : undefined;
          const bytes = encodePng({ width, height, colorType, bitDepth, samples, palette, interlace, filter: 'cycle' });
          const img = decodePng(bytes, 'x.png', opts);
          expect(img).toMatchObject({ width, height, colorType, bitDepth, channels });
          expect(img.samples).toBeInstanceOf(bitDepth === 16 ? Uint16Array : Uint8Array);
          expect(Array.from(img.samples)).toEqual(samples);
          if (palette) expect(Array.from(img.palette!)).toEqual(palette);
          else expect(img.palette).toBeUndefined();
        }
      });
    }
  }

  it('decodes every row filter on its own', () => {
    for (const filter of [0, 1, 2, 3, 4] as const) {
      const samples = samplesFor(20 * 9 * 3, 16, filter + 1);
      const bytes = encodePng({ width: 20, height: 9, colorType: 'rgb', bitDepth: 16, samples, filter });
      expect(Array.from(decodePng(bytes, 'f.png', opts).samples)).toEqual(samples);
    }
  });

  it('accepts a Node Buffer that is a view into a larger pooled buffer', () => {
    const samples = samplesFor(5 * 4, 8);
    const png = encodePng({ width: 5, height: 4, colorType: 'grey', bitDepth: 8, samples });
    const pool = new Uint8Array(png.length + 100);
    pool.set(png, 37);
    expect(Array.from(decodePng(pool.subarray(37, 37 + png.length), 'v.png', opts).samples)).toEqual(samples);
  });

  it('reads 16-bit samples as big-endian values', () => {
    const bytes = encodePng({ width: 3, height: 1, colorType: 'grey', bitDepth: 16, samples: [0, 258, 65535] });
    expect(Array.from(decodePng(bytes, 's.png', opts).samples)).toEqual([0, 258, 65535]);
  });

  it('accepts IDAT split over several chunks and ignores ancillary chunks', () => {
    const samples = samplesFor(10 * 10, 8);
    const rows: number[] = [];
    for (let y = 0; y < 10; y++) rows.push(0, ...samples.slice(y * 10, y * 10 + 10));
    const z = new Uint8Array(deflateSync(Uint8Array.from(rows)));
    const bytes = pngFromChunks([
      { type: 'IHDR', data: ihdr(10, 10, 8, 'grey') },
      { type: 'tEXt', data: new TextEncoder().encode('Comment\0hello') },
      { type: 'IDAT', data: z.subarray(0, 5) },
      { type: 'IDAT', data: z.subarray(5) },
      { type: 'IEND', data: new Uint8Array(0) },
    ]);
    expect(Array.from(decodePng(bytes, 'split.png', opts).samples)).toEqual(samples);
  });
});

describe('decodePng refuses bad files with a one-line MaskError', () => {
  const good = encodePng({ width: 16, height: 16, colorType: 'grey', bitDepth: 8, samples: samplesFor(256, 8) });

  it('empty file', () => {
    expectMaskError(() => decodePng(new Uint8Array(0), 'gt/empty.png', opts), 'empty-file', 'gt/empty.png');
  });

  it('text file named .png', () => {
    const text = new TextEncoder().encode('this is not an image\n');
    expectMaskError(() => decodePng(text, 'gt/a.png', opts), 'not-png', 'gt/a.png', /text file/);
  });

  it('a JPEG or an .npy named .png', () => {
    expectMaskError(() => decodePng(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0, 0), 'a.png', opts), 'not-png', 'a.png', /JPEG/);
    const npy = Uint8Array.of(0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 0, 0);
    expectMaskError(() => decodePng(npy, 'a.png', opts), 'not-png', 'a.png', /npy/);
  });

  it('truncated inside IDAT', () => {
    const idatAt = Buffer.from(good).indexOf('IDAT');
    const cut = good.slice(0, idatAt + 10);
    expectMaskError(() => decodePng(cut, 'gt/a.png', opts), 'corrupt-png', 'gt/a.png', 'gt/a.png: truncated PNG (ends inside chunk IDAT)');
  });

  it('truncated at every possible length', () => {
    for (let len = 1; len < good.length; len++) {
      const err = expectMaskError(() => decodePng(good.slice(0, len), 't.png', opts), len < 8 ? 'not-png' : 'corrupt-png', 't.png');
      if (len >= 8) expect(err.message).toMatch(/truncated/);
    }
  });

  it('missing IEND', () => {
    const noEnd = good.slice(0, good.length - 12);
    expectMaskError(() => decodePng(noEnd, 'n.png', opts), 'corrupt-png', 'n.png', /no IEND/);
  });

  it('bad CRC', () => {
    const bad = good.slice();
    bad[bad.length - 20]! ^= 0xff; // inside IDAT data
    expectMaskError(() => decodePng(bad, 'c.png', opts), 'corrupt-png', 'c.png', /bad CRC in chunk IDAT/);
  });

  it('corrupt zlib stream with valid CRCs', () => {
    const bytes = pngFromChunks([
      { type: 'IHDR', data: ihdr(4, 4, 8, 'grey') },
      { type: 'IDAT', data: Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8) },
      { type: 'IEND', data: new Uint8Array(0) },
    ]);
    expectMaskError(() => decodePng(bytes, 'z.png', opts), 'corrupt-png', 'z.png', /compressed image data/);
  });

  it('zlib stream too short for the image', () => {
    const bytes = pngFromChunks([
      { type: 'IHDR', data: ihdr(40, 40, 8, 'grey') },
      { type: 'IDAT', data: new Uint8Array(deflateSync(new Uint8Array(100))) },
      { type: 'IEND', data: new Uint8Array(0) },
    ]);
    expectMaskError(() => decodePng(bytes, 's.png', opts), 'corrupt-png', 's.png', /image data has 100 of 1640 bytes/);
    const interlaced = pngFromChunks([
      { type: 'IHDR', data: ihdr(40, 40, 1, 'grey', true) },
      { type: 'IDAT', data: new Uint8Array(deflateSync(new Uint8Array(10))) },
      { type: 'IEND', data: new Uint8Array(0) },
    ]);
    expectMaskError(() => decodePng(interlaced, 'i.png', opts), 'corrupt-png', 'i.png', /truncated/);
  });

  it('invalid filter type', () => {
    const bytes = pngFromChunks([
      { type: 'IHDR', data: ihdr(2, 2, 8, 'grey') },
      { type: 'IDAT', data: new Uint8Array(deflateSync(Uint8Array.of(0, 1, 2, 9, 3, 4))) },
      { type: 'IEND', data: new Uint8Array(0) },
    ]);
    expectMaskError(() => decodePng(bytes, 'f.png', opts), 'corrupt-png', 'f.png', /invalid filter type 9 in row 1/);
  });

  it('100000x100000 header is refused before anything is allocated', () => {
    const bytes = pngFromChunks([{ type: 'IHDR', data: ihdr(100000, 100000, 8, 'grey') }]);
    expectMaskError(() => decodePng(bytes, 'big.png', opts), 'too-large', 'big.png', /100000x100000/);
  });

  it('header-level corruption', () => {
    const variants: [string, Uint8Array, RegExp][] = [
      ['no IHDR first', pngFromChunks([{ type: 'IDAT', data: new Uint8Array(4) }]), /first chunk is IDAT/],
      ['bad depth', pngFromChunks([{ type: 'IHDR', data: ihdr(4, 4, 3, 'grey') }]), /bit depth 3/],
      ['bad rgb depth', pngFromChunks([{ type: 'IHDR', data: ihdr(4, 4, 4, 'rgb') }]), /bit depth 4 is invalid for colour type rgb/],
      ['bad colour type', pngFromChunks([{ type: 'IHDR', data: ihdr(4, 4, 8, 5) }]), /colour type 5/],
      ['zero width', pngFromChunks([{ type: 'IHDR', data: ihdr(0, 4, 8, 'grey') }]), /invalid size 0x4/],
      [
        'palette without PLTE',
        pngFromChunks([
          { type: 'IHDR', data: ihdr(1, 1, 8, 'palette') },
          { type: 'IDAT', data: new Uint8Array(deflateSync(Uint8Array.of(0, 0))) },
          { type: 'IEND', data: new Uint8Array(0) },
        ]),
        /without PLTE/,
      ],
      ['no IDAT', pngFromChunks([{ type: 'IHDR', data: ihdr(1, 1, 8, 'grey') }, { type: 'IEND', data: new Uint8Array(0) }]), /no IDAT/],
      ['bad chunk type', concatBytes([PNG_SIGNATURE, chunk('IHDR', ihdr(1, 1, 8, 'grey')), chunk('ID@T', new Uint8Array(1))]), /invalid chunk type/],
    ];
    for (const [label, bytes, re] of variants) {
      const err = expectMaskError(() => decodePng(bytes, `${label}.png`, opts), 'corrupt-png', `${label}.png`);
      expect(err.message, label).toMatch(re);
    }
  });
});
