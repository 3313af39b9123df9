/**
 * One table for every per-pixel term: backends (the core CPU engine, the webview's CPU fallback and
 * its WebGL engine in Chromium) × reference pairs × parameter sets (special and general exponents,
 * another preset, threshold and spacing) × terms (each `PixelSums` and `FieldSums` term, and each
 * term's and each pixel-wise loss's per-pixel map). The CPU engine is the reference: the fallback
 * must match it to float32 rounding, WebGL to float32 arithmetic; each term's map sums to its sum.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpuStats, resolveOptions, type EngineOptions } from '../../src/core/engine';
import { getLoss } from '../../src/core/registry';
import type { PixelMap } from '../../src/core/losses/types';
import { fieldScalars } from '../../src/core/stats/pixelTerms';
import { PIXEL_TERM_KEYS, pixelTerm } from '../../src/core/stats/terms/cpu';
import { FIELD_TERMS } from '../../src/core/stats/terms/fields';
import { SUM_TERMS } from '../../src/core/stats/terms/sums';
import type { CpuClassStats } from '../../src/core/stats/cpuClassStats';
import type { PairPayload } from '../../src/shared/protocol';
import { MAP_LOSSES } from '../../webview/engine/pixelLoss';
import { referenceCases } from '../helpers/reference';
import { launch } from '../webview/harness';
import { referencePair } from '../webview/fixtures';
import type { ClassResult } from './page';

const PARAM_SETS: Record<string, Partial<EngineOptions>> = {
  defaults: {},
  // γ = 1.5 and α/2 = 0.5 take the general pow path; γ_C = 2 a product.
  general: {
    threshold: 0.3,
    params: { focal: { gamma: 1.5, alpha: 0.4 }, 'exp-log': { ceGamma: 2 }, 'hausdorff-dt': { alpha: 1 }, 'weighted-ce': { beta: 3 }, 'balanced-ce': { beta: 0.3 } },
  },
  // γ = 0 and γ_C = 1 special cases, α/2 = 1.5, MONAI's focal without α, anisotropic spacing.
  special: { preset: 'monai', spacing: [0.5, 2], params: { focal: { gamma: 0 }, 'exp-log': { ceGamma: 1 }, 'hausdorff-dt': { alpha: 3 } } },
};

/** The reference: the core CPU engine's sums and each map from the term declarations' float64 functions. */
function cpuReference(s: CpuClassStats, o: ReturnType<typeof resolveOptions>) {
  const { y, hard, valid, p } = s.view;
  const { y: dy2, hard: dp2 } = s.distances;
  const field = fieldScalars(y, hard, dy2);
  const map = (m: PixelMap): Float64Array => {
    const pos = pixelTerm(m.pos, o.sumParams, field);
    const neg = pixelTerm(m.neg, o.sumParams, field);
    return Float64Array.from(y, (yi, i) => (valid && !valid[i] ? 0 : yi ? m.wPos * pos(p[i], 1, dy2[i], dp2[i]) : m.wNeg * neg(p[i], 0, dy2[i], dp2[i])));
  };
  const maps: Record<string, Float64Array> = {};
  for (const key of PIXEL_TERM_KEYS) maps[`term:${key}`] = map({ pos: key, neg: key, wPos: 1, wNeg: 1 });
  for (const id of MAP_LOSSES) maps[`loss:${id}`] = map(getLoss(id).pixelMap?.(s, { params: o.resolved[id], preset: o.preset }) as PixelMap);
  return { sums: s.sums, fields: s.fields, field, maps };
}

const f32 = (b64: string): Float32Array => {
  const b = Buffer.from(b64, 'base64');
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};

/** |got − want| ≤ rel·|want| + abs. */
function near(got: number, want: number, rel: number, abs: number, what: string): void {
  expect(Math.abs(got - want), `${what}: ${got} vs ${want}`).toBeLessThanOrEqual(rel * Math.abs(want) + abs);
}

/** Tolerances: the fallback differs from the core by float32 storage only; WebGL computes in float32. */
const TOL = { cpu: { rel: 1e-6, abs: 1e-9 }, webgl: { rel: 2e-3, abs: 1e-5 } } as const;

let browser: Browser;
let page: Page;
const dir = mkdtempSync(join(tmpdir(), 'parity-'));
beforeAll(async () => {
  await build({ entryPoints: [join(__dirname, 'page.ts')], bundle: true, platform: 'browser', format: 'iife', outfile: join(dir, 'page.js'), logLevel: 'warning' });
  browser = await launch();
  page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto('about:blank');
  await page.addScriptTag({ content: readFileSync(join(dir, 'page.js'), 'utf8') });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

const encode = (p: PairPayload) => ({
  ...p,
  labels: Buffer.from(p.labels).toString('base64'),
  prob: Buffer.from(p.prob).toString('base64'),
  ...(p.probCodes ? { probCodes: { ...p.probCodes, values: Buffer.from(p.probCodes.values).toString('base64') } } : {}),
});

const table = referenceCases().flatMap((name) => Object.keys(PARAM_SETS).flatMap((set) => (['cpu', 'webgl'] as const).map((backend) => [name, set, backend] as const)));

describe('per-pixel terms: every backend = the CPU engine', () => {
  it.each(table)('%s, %s parameters, %s', async (name, set, backend) => {
    const f = referencePair(name);
    const options = PARAM_SETS[set];
    const o = resolveOptions(options);
    const want = cpuStats(f.input, o).map((s) => cpuReference(s, o));
    const got = await page.evaluate(([b, payload, opts]) => (window as unknown as { __parity: (...a: unknown[]) => Promise<ClassResult[]> }).__parity(b, payload, opts), [backend, encode(f.payload), options] as const);
    const { rel, abs } = TOL[backend];
    expect(got).toHaveLength(want.length);
    want.forEach((w, c) => {
      const g = got[c];
      const at = `${name} ${set} ${backend} class ${c}`;
      const n = w.sums.n;
      for (const k of Object.keys(SUM_TERMS) as Array<keyof typeof SUM_TERMS>) near(g.sums[k], w.sums[k], rel, abs * n, `${at} sum ${k}`);
      for (const k of Object.keys(FIELD_TERMS) as Array<keyof typeof FIELD_TERMS>) near(g.fields[k], w.fields[k], rel, abs * n, `${at} field sum ${k}`);
      expect(g.field, `${at} field scalars`).toEqual({ ...w.field, maxIn: expect.closeTo(w.field.maxIn, 4), maxOut: expect.closeTo(w.field.maxOut, 4) });
      for (const [id, wm] of Object.entries(w.maps)) {
        const gm = f32(g.maps[id]);
        expect(gm.length, `${at} ${id}`).toBe(wm.length);
        let scale = 0;
        for (const v of wm) scale = Math.max(scale, Math.abs(v));
        // The pixel furthest outside its tolerance (one assertion per map).
        let worst = 0;
        let excess = -Infinity;
        for (let i = 0; i < wm.length; i++) {
          const e = Math.abs(gm[i] - wm[i]) - (rel * Math.abs(wm[i]) + abs * (1 + scale));
          if (!(e <= excess)) [worst, excess] = [i, e];
        }
        near(gm[worst], wm[worst], rel, abs * (1 + scale), `${at} ${id} pixel ${worst}`);
      }
      // Each term's map is its sum, pixel by pixel: the heat maps show the very definitions.
      for (const key of PIXEL_TERM_KEYS) {
        const total = w.maps[`term:${key}`].reduce((a, v) => a + v, 0);
        const sum = key in FIELD_TERMS ? w.fields[key as keyof typeof FIELD_TERMS] : w.sums[key as keyof typeof SUM_TERMS];
        // (The sums of a 16-bit PNG read p as code/65535 in float64, the maps its float32: 1e-7.)
        near(total, sum, 1e-6, 1e-9, `${at} Σ map ${key}`);
      }
    });
  }, 60_000);
});
