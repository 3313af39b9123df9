import type { PairInput } from '../../src/core/types';

/** Small seeded generator (mulberry32), so property tests are reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A mask of a few random discs, and a soft prediction of shifted discs with noise. */
export function randomPair(seed: number, width: number, height: number): PairInput {
  const r = rng(seed);
  const n = width * height;
  const labels = new Uint8Array(n);
  const prob = new Float32Array(n);
  const discs = Array.from({ length: 1 + Math.floor(r() * 3) }, () => ({
    x: r() * width,
    y: r() * height,
    rad: 2 + r() * Math.min(width, height) * 0.3,
  }));
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      let inside = false;
      let soft = 0;
      for (const d of discs) {
        const dist = Math.hypot(x - d.x, y - d.y);
        inside ||= dist < d.rad;
        soft = Math.max(soft, 1 / (1 + Math.exp((Math.hypot(x - d.x - 2, y - d.y + 1) - d.rad) / 2)));
      }
      labels[i] = inside ? 1 : 0;
      prob[i] = Math.min(1, Math.max(0, soft + (r() - 0.5) * 0.2));
    }
  return { width, height, mode: 'binary', classes: 2, labels, prob };
}

/** The pair rotated by 90° (clockwise) or transposed. */
export function transformPair(input: PairInput, how: 'rotate' | 'transpose'): PairInput {
  const { width: w, height: h } = input;
  const labels = new Uint8Array(w * h);
  const prob = new Float32Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      // rotate: (x, y) → (h − 1 − y, x) in a w'=h, h'=w image; transpose: (x, y) → (y, x).
      const j = how === 'rotate' ? x * h + (h - 1 - y) : x * h + y;
      labels[j] = input.labels[y * w + x];
      prob[j] = input.prob[y * w + x];
    }
  return { ...input, width: h, height: w, labels, prob };
}
