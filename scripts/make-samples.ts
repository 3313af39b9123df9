/**
 * Writes samples/: a small, realistic dataset the README's main command reports on.
 *   cells/   binary masks, two models side by side (pred/unet: soft 16-bit probability maps,
 *            pred/threshold: hard masks), one image with no cells (an empty ground truth).
 *   street/  a class-index map (road, car, person) with 255 as void, predictions as float32
 *            [C,H,W] softmax .npy.
 *   lesions/ one folder, suffix layout: <case>_gt.png with <case>_prob.png.
 * Deterministic: run `npm run samples:make` to regenerate identical files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { encodeNpy } from '../test/core/io/npyWriter';
import { greyPng } from '../test/core/io/pngWriter';

const root = process.argv[2] ?? 'samples';
let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
const write = (rel: string, bytes: Uint8Array) => {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), bytes);
};
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

interface Blob {
  x: number;
  y: number;
  rx: number;
  ry: number;
  a: number;
}
/** Signed, normalised distance-like value of an ellipse (negative inside). */
const ellipse = (b: Blob, x: number, y: number) => {
  const c = Math.cos(b.a);
  const s = Math.sin(b.a);
  const u = ((x - b.x) * c + (y - b.y) * s) / b.rx;
  const v = (-(x - b.x) * s + (y - b.y) * c) / b.ry;
  return Math.hypot(u, v) - 1;
};

function cells(name: string, count: number, W = 192, H = 160): void {
  const blobs: Blob[] = Array.from({ length: count }, () => ({
    x: 15 + rand() * (W - 30), y: 15 + rand() * (H - 30), rx: 6 + rand() * 14, ry: 6 + rand() * 12, a: rand() * Math.PI,
  }));
  const gt = new Uint8Array(W * H);
  const soft = new Uint16Array(W * H);
  const hard = new Uint8Array(W * H);
  // The model misses the smallest cell, adds a false one, and blurs the boundaries.
  const missed = blobs.length ? blobs.reduce((m, b) => (b.rx * b.ry < m.rx * m.ry ? b : m)) : null;
  const ghost: Blob = { x: W * 0.8, y: H * 0.2, rx: 5, ry: 4, a: 0 };
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      let inside = false;
      let logit = -6;
      for (const b of blobs) {
        const d = ellipse(b, x, y);
        if (d < 0) inside = true;
        if (b !== missed) logit = Math.max(logit, -d * 9 + 0.6 * Math.sin(x / 5 + y / 7));
      }
      if (count) logit = Math.max(logit, -ellipse(ghost, x, y) * 4 - 1);
      const p = sigmoid(logit + (rand() - 0.5) * 1.2);
      gt[i] = inside ? 255 : 0;
      soft[i] = Math.round(p * 65535);
      hard[i] = p > 0.5 ? 255 : 0;
    }
  write(`cells/gt/${name}.png`, greyPng(W, H, gt, 8));
  write(`cells/pred/unet/${name}.png`, greyPng(W, H, soft, 16));
  write(`cells/pred/threshold/${name}.png`, greyPng(W, H, hard, 8));
}

function street(name: string, W = 160, H = 120): void {
  const C = 4; // background, road, car, person
  const labels = new Uint8Array(W * H);
  const probs = new Float32Array(C * W * H);
  const horizon = H * (0.45 + rand() * 0.1);
  const car = { x: W * (0.2 + rand() * 0.5), y: H * 0.68, w: W * 0.22, h: H * 0.16 };
  const person = { x: W * (0.75 + rand() * 0.1), y: H * 0.55, w: W * 0.05, h: H * 0.3 };
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      const inCar = Math.abs(x - car.x) < car.w / 2 && Math.abs(y - car.y) < car.h / 2;
      const inPerson = Math.abs(x - person.x) < person.w / 2 && Math.abs(y - person.y) < person.h / 2;
      let label = y > horizon + Math.abs(x - W / 2) * 0.3 ? 1 : 0;
      if (inCar) label = 2;
      if (inPerson) label = 3;
      // Void: a thin band around objects, as annotators leave in Cityscapes and VOC.
      const nearCar = Math.abs(x - car.x) < car.w / 2 + 1.5 && Math.abs(y - car.y) < car.h / 2 + 1.5;
      labels[i] = nearCar && !inCar ? 255 : label;
      // Logits: right class mostly, car bleeds into road, person is under-segmented at the top.
      const logits = [0, 0, 0, 0];
      logits[label] = 4;
      if (label === 1 && Math.abs(x - car.x) < car.w / 2 + 4 && y > car.y - car.h / 2 - 4 && y < car.y + car.h / 2 + 4) logits[2] = 4.5;
      if (label === 3 && y < person.y - person.h * 0.25) logits[0] = 5;
      for (let c = 0; c < C; c++) logits[c] += (rand() - 0.5) * 2;
      const m = Math.max(...logits);
      const e = logits.map((l) => Math.exp(l - m));
      const z = e.reduce((a, b) => a + b, 0);
      for (let c = 0; c < C; c++) probs[c * W * H + i] = e[c] / z;
    }
  write(`street/gt/${name}.png`, greyPng(W, H, labels, 8));
  write(`street/pred/${name}.npy`, encodeNpy({ descr: '<f4', shape: [C, H, W], data: probs }));
}

function lesion(name: string, W = 128, H = 128): void {
  const b: Blob = { x: W * (0.3 + rand() * 0.4), y: H * (0.3 + rand() * 0.4), rx: 10 + rand() * 20, ry: 8 + rand() * 15, a: rand() * 3 };
  const gt = new Uint8Array(W * H);
  const prob = new Uint8Array(W * H);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const d = ellipse(b, x, y) + 0.15 * Math.sin(Math.atan2(y - b.y, x - b.x) * 5);
      gt[y * W + x] = d < 0 ? 1 : 0;
      prob[y * W + x] = Math.round(sigmoid(-(ellipse({ ...b, x: b.x + 3 }, x, y)) * 6) * 255);
    }
  write(`lesions/${name}_gt.png`, greyPng(W, H, gt, 8));
  write(`lesions/${name}_prob.png`, greyPng(W, H, prob, 8));
}

for (const [i, n] of [4, 7, 2, 9, 5].entries()) cells(`img_${String(i + 1).padStart(3, '0')}`, n);
cells('img_006_empty', 0);
for (let i = 1; i <= 3; i++) street(`frame_${String(i).padStart(4, '0')}`);
for (let i = 1; i <= 2; i++) lesion(`case${i}`);
console.log(`samples written to ${root}`);
