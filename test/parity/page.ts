/**
 * The page side of the parity test: the webview's two engines (WebGL and the CPU fallback) in
 * Chromium, asked for every per-pixel sum, field sum and heat map of a pair. Bundled by the test.
 */
import { resolveOptions, type EngineOptions } from '../../src/core/engine';
import { PIXEL_TERM_KEYS } from '../../src/core/stats/terms/cpu';
import type { PixelSums, FieldSums } from '../../src/core/stats/types';
import type { FieldScalars } from '../../src/core/stats/pixelTerms';
import type { PairPayload } from '../../src/shared/protocol';
import { CpuEngine } from '../../webview/engine/cpuEngine';
import { MAP_LOSSES, mapTerms, termMap } from '../../webview/engine/pixelLoss';
import type { ViewEngine } from '../../webview/engine/types';
import { GpuEngine } from '../../webview/gpu/gpuEngine';
import { initWebgl } from '../../webview/gpu/webgl';
import { pairInputFrom } from '../../webview/pairInput';

export interface ClassResult {
  sums: PixelSums;
  fields: FieldSums;
  field: FieldScalars;
  /** `term:<key>` (the term alone, weights 1) and `loss:<id>` (the loss's heat map): float32, base64. */
  maps: Record<string, string>;
}

const fromB64 = (s: string): ArrayBuffer => Uint8Array.from(atob(s), (c) => c.charCodeAt(0)).buffer;
function toB64(a: Float32Array): string {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

async function engineFor(backend: 'webgl' | 'cpu'): Promise<ViewEngine> {
  if (backend === 'cpu') return new CpuEngine();
  const gl = await initWebgl();
  if (!gl.ok) throw new Error(`no WebGL: ${gl.reason}`);
  return new GpuEngine(gl.backend, gl.maxTextureSize);
}

async function run(backend: 'webgl' | 'cpu', encoded: PairPayload & { labels: string; prob: string }, options: Partial<EngineOptions>): Promise<ClassResult[]> {
  const payload = { ...encoded, labels: fromB64(encoded.labels), prob: fromB64(encoded.prob) } as PairPayload;
  if (encoded.probCodes) payload.probCodes = { ...encoded.probCodes, values: fromB64(encoded.probCodes.values as unknown as string) };
  const engine = await engineFor(backend);
  try {
    engine.setPair(pairInputFrom(payload));
    const o = resolveOptions(options);
    const stats = await engine.stats(o);
    const out: ClassResult[] = [];
    for (let view = 0; view < stats.length; view++) {
      const { field } = await engine.overlay(view, o);
      const maps: Record<string, string> = {};
      for (const key of PIXEL_TERM_KEYS) {
        maps[`term:${key}`] = toB64(await engine.lossMap(view, termMap({ pos: key, neg: key, wPos: 1, wNeg: 1 }, o.sumParams, field), o));
      }
      for (const id of MAP_LOSSES) maps[`loss:${id}`] = toB64(await engine.lossMap(view, mapTerms(id, stats[view], field, o), o));
      out.push({ sums: stats[view].sums, fields: stats[view].fields, field, maps });
    }
    return out;
  } finally {
    engine.dispose();
  }
}

(window as unknown as { __parity: typeof run }).__parity = run;
