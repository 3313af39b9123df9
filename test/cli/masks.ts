import { encodeNpy } from '../core/io/npyWriter';
import { encodePng, greyPng } from '../core/io/pngWriter';

export const W = 24;
export const H = 18;

/** A disc ground truth (0/1) and a soft prediction of a shifted disc, as plain arrays. */
export function discs(shift = 2): { gt: number[]; prob: number[] } {
  const gt: number[] = [];
  const prob: number[] = [];
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      gt.push(Math.hypot(x - 11, y - 9) < 6 ? 1 : 0);
      prob.push(Math.round(255 / (1 + Math.exp(Math.hypot(x - 11 - shift, y - 9) - 6))) / 255);
    }
  return { gt, prob };
}

export const gtPng = (gt: number[]) => greyPng(W, H, gt.map((v) => v * 255), 8);
export const predPng8 = (prob: number[]) => greyPng(W, H, prob.map((p) => Math.round(p * 255)), 8);

/** The same prediction in every format the CLI reads; each must give the same numbers. */
export function predictionVariants(prob: number[]): Record<string, Uint8Array> {
  const chw = [...prob.map((p) => 1 - p), ...prob];
  const hwc = prob.flatMap((p) => [1 - p, p]);
  const u16 = prob.map((p) => Math.round(p * 255) * 257);
  return {
    'png-8.png': predPng8(prob),
    'png-16.png': greyPng(W, H, u16, 16),
    'png-16-interlaced.png': encodePng({ width: W, height: H, colorType: 'grey', bitDepth: 16, samples: u16, interlace: true, filter: 'cycle' }),
    'png-grey-alpha.png': encodePng({ width: W, height: H, colorType: 'grey-alpha', bitDepth: 8, samples: prob.flatMap((p) => [Math.round(p * 255), 255]) }),
    'npy-f4.npy': encodeNpy({ descr: '<f4', shape: [H, W], data: prob }),
    'npy-f8-big-endian.npy': encodeNpy({ descr: '>f8', shape: [H, W], data: prob }),
    'npy-f4-fortran.npy': encodeNpy({ descr: '<f4', shape: [H, W], data: prob, fortranOrder: true }),
    'npy-u1.npy': encodeNpy({ descr: '|u1', shape: [H, W], data: prob.map((p) => Math.round(p * 255)) }),
    'npy-u2.npy': encodeNpy({ descr: '<u2', shape: [H, W], data: u16 }),
    'npy-chw.npy': encodeNpy({ descr: '<f4', shape: [2, H, W], data: chw }),
    'npy-hwc.npy': encodeNpy({ descr: '<f4', shape: [H, W, 2], data: hwc }),
  };
}

/** The same ground truth in every mask format. */
export function groundTruthVariants(gt: number[]): Record<string, Uint8Array> {
  return {
    'grey-8.png': gtPng(gt),
    'grey-1bit.png': encodePng({ width: W, height: H, colorType: 'grey', bitDepth: 1, samples: gt }),
    'grey-2bit.png': encodePng({ width: W, height: H, colorType: 'grey', bitDepth: 2, samples: gt.map((v) => v * 3) }),
    'grey-4bit-interlaced.png': encodePng({ width: W, height: H, colorType: 'grey', bitDepth: 4, samples: gt.map((v) => v * 15), interlace: true }),
    'grey-16.png': greyPng(W, H, gt.map((v) => v * 65535), 16),
    'palette.png': encodePng({ width: W, height: H, colorType: 'palette', bitDepth: 8, samples: gt, palette: [0, 0, 0, 200, 30, 30] }),
    'palette-4bit.png': encodePng({ width: W, height: H, colorType: 'palette', bitDepth: 4, samples: gt, palette: [0, 0, 0, 200, 30, 30] }),
    'rgba.png': encodePng({ width: W, height: H, colorType: 'rgba', bitDepth: 8, samples: gt.flatMap((v) => [v * 255, v * 255, v * 255, 255]) }),
    'bool.npy': encodeNpy({ descr: '|b1', shape: [H, W], data: gt }),
  };
}
