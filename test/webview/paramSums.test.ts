/**
 * The CPU engine's parameter re-sum (webview/engine/paramSums.ts): after any series of parameter
 * changes, every sum, field sum and value is bit for bit that of a computation from scratch, on float
 * and quantised predictions, binary and multi-class, with ignored pixels.
 */
import { describe, expect, it } from 'vitest';
import { cpuStats, evaluateClass, resolveOptions, type EngineOptions } from '../../src/core/engine';
import type { PairInput } from '../../src/core/types';
import { CpuEngine } from '../../webview/engine/cpuEngine';

function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
}

/** Blobs with a soft, noisy prediction; 255 marks void pixels; `levels` quantises p as a grey PNG would. */
function pair(mode: 'binary' | 'multiclass', levels?: number): PairInput {
  const w = 48;
  const h = 40;
  const n = w * h;
  const rand = rng(mode === 'binary' ? 7 : 11);
  const classes = mode === 'binary' ? 2 : 3;
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const x = i % w;
    const y = Math.floor(i / w);
    labels[i] = rand() < 0.03 ? 255 : Math.hypot(x - 20, y - 18) < 10 ? 1 : mode === 'multiclass' && x > 36 ? 2 : 0;
  }
  const channels = mode === 'binary' ? 1 : classes;
  const prob = new Float32Array(channels * n);
  const codes = levels ? new Uint16Array(n) : undefined;
  for (let i = 0; i < n; i++) {
    if (mode === 'binary') {
      const p = Math.min(1, Math.max(0, (labels[i] === 1 ? 0.7 : 0.2) + 0.5 * (rand() - 0.5)));
      if (codes && levels) {
        codes[i] = Math.round(p * levels);
        prob[i] = codes[i] / levels;
      } else prob[i] = p;
    } else {
      const raw = Array.from({ length: classes }, (_, c) => (labels[i] === c ? 2 : 0) + rand() * 1.5);
      const sum = raw.reduce((a, b) => a + b, 0);
      raw.forEach((r, c) => (prob[c * n + i] = r / sum));
    }
  }
  return { width: w, height: h, mode, classes, labels, prob, ignoreIndex: 255, ...(codes && levels ? { probCodes: { values: codes, levels } } : {}) };
}

const changes: Array<Partial<EngineOptions>> = [
  { params: { focal: { gamma: 3 } } },
  { params: { focal: { gamma: 0.5 }, 'exp-log': { ceGamma: 0.7 } } },
  { params: { focal: { gamma: 0.5 }, 'exp-log': { ceGamma: 0.7 }, 'hausdorff-dt': { alpha: 1 } } },
  { params: {} },
];

describe('CPU engine: a parameter change re-sums only what it changes', () => {
  it.each([
    ['binary, float prediction', pair('binary')],
    ['binary, quantised prediction (grey PNG codes)', pair('binary', 65535)],
    ['multi-class', pair('multiclass')],
  ])('%s: bit for bit the computation from scratch after each change', async (_, input) => {
    const engine = new CpuEngine();
    engine.setPair(input);
    let before = (await engine.stats(resolveOptions({}))).map((s) => [s.sums, s.fields]);
    for (const change of changes) {
      const o = resolveOptions(change);
      const got = await engine.stats(o);
      const want = cpuStats(input, o);
      // Each change moves some sum: the engine cannot pass by keeping the old ones.
      const now = want.map((s) => [s.sums, s.fields]);
      expect(now).not.toEqual(before);
      before = now;
      got.forEach((s, c) => {
        expect(s.sums, `class ${c} sums ${JSON.stringify(change)}`).toEqual(want[c].sums);
        expect(s.fields, `class ${c} fields ${JSON.stringify(change)}`).toEqual(want[c].fields);
        expect(evaluateClass(s, o)).toEqual(evaluateClass(want[c], o));
      });
    }
  });
});
