/**
 * Object-level evaluation beside the pixel suite: it runs for every pair, so its cost is measured
 * against computePair on the same input — few large blobs, and many small cells (most objects).
 */
import { computePair } from '../src/core/engine';
import { evaluateObjects } from '../src/core/objects/evaluate';
import type { PairInput } from '../src/core/types';
import { median, row } from './table';

/** `cells` discs on a grid of a size×size image and a prediction shifted by a pixel that misses every seventh. */
function cellPair(size: number, cells: number): PairInput {
  const n = size * size;
  const labels = new Uint8Array(n);
  const prob = new Float32Array(n);
  const side = Math.ceil(Math.sqrt(cells));
  const pitch = size / side;
  const r = pitch * 0.4;
  for (let k = 0; k < side * side; k++) {
    const cx = (k % side + 0.5) * pitch;
    const cy = (Math.floor(k / side) + 0.5) * pitch;
    for (let y = Math.max(0, Math.floor(cy - r - 1)); y < Math.min(size, Math.ceil(cy + r + 1)); y++)
      for (let x = Math.max(0, Math.floor(cx - r - 1)); x < Math.min(size, Math.ceil(cx + r + 1)); x++) {
        if (Math.hypot(x - cx, y - cy) < r) labels[y * size + x] = 1;
        if (k % 7 && Math.hypot(x - cx - 1, y - cy) < r) prob[y * size + x] = 0.9;
      }
  }
  return { width: size, height: size, mode: 'binary', classes: 2, labels, prob };
}

function time(f: () => void, runs: number): number {
  f(); // warm-up
  const ms: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    f();
    ms.push(performance.now() - t);
  }
  return median(ms);
}

export function objectsBench(): void {
  console.log('\n## Objects: connected components, matching and object metrics, one binary pair, one thread\n');
  const cols = ['pair', 'objects', 'runs', 'objects ms', 'pixel suite ms', 'objects / suite %'];
  console.log(row(cols));
  console.log(row(cols.map(() => '---')));
  for (const [size, cells] of [[1024, 16], [1024, 4096], [4096, 16], [4096, 16384]]) {
    const input = cellPair(size, cells);
    const runs = size <= 1024 ? 9 : 3;
    const objects = time(() => evaluateObjects(input, 0.5, [1, 1]), runs);
    const suite = time(() => computePair(input), runs);
    console.log(row([`${size}²`, String(cells), String(runs), objects.toFixed(1), suite.toFixed(1), ((100 * objects) / suite).toFixed(1)]));
  }
}
