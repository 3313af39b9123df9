/**
 * The built webview in Chromium, under the production CSP, driven through the typed message channel
 * with the real reference files: GPU values against the CPU engine on every reference case, overlay
 * colours at known pixels, the hover read-out, a slider move, the Hausdorff witnesses, the CPU
 * fallback without WebGL, and tensors that do not leak. Screenshots go to test-artifacts/webview/.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundary } from '../../src/core/distance/edt';
import { computePair, cpuStats, resolveOptions, type EngineOptions, type PairResult } from '../../src/core/engine';
import type { ResultValues } from '../../src/shared/protocol';
import { boundaryDistances } from '../../webview/engine/boundaryDistances';
import { fieldScalars } from '../../src/core/stats/pixelTerms';
import { contribution, mapTerms, MAP_LOSSES } from '../../webview/engine/pixelLoss';
import { findWitnesses } from '../../webview/engine/witnesses';
import { FN, FP, GT_CONTOUR, PRED_CONTOUR, scaleFor, tableIndex, TP, type HeatScale, type Rgb } from '../../webview/render/colours';
import { NUMBERS_SHOWN, OVERLAYS_DRAWN } from '../../webview/compare/marks';
import { formatNumber } from '../../webview/ui/dom';
import { referenceCases } from '../helpers/reference';
import { referencePair, type Fixture } from './fixtures';
import {
  ARTIFACTS, launch, loadPair, moveSlider, nextResults, openPage, pixelColour, pixelOnScreen, send, sent, setLayer, startHarness, type Harness,
} from './harness';

mkdirSync(ARTIFACTS, { recursive: true });

/** Every value has the CPU's status, and within `rel` of its value. */
function expectValues(got: ResultValues, want: PairResult, rel: number, what: string): void {
  const sets: Array<[string, ResultValues['losses'], PairResult['losses']]> = [
    ['losses', got.losses, want.losses],
    ['metrics', got.metrics, want.metrics],
  ];
  for (const [c, v] of Object.entries(want.perClass ?? {})) {
    sets.push([`class ${c} losses`, got.perClass?.[c]?.losses ?? {}, v.losses], [`class ${c} metrics`, got.perClass?.[c]?.metrics ?? {}, v.metrics]);
  }
  for (const [name, g, w] of sets) {
    for (const [id, e] of Object.entries(w)) {
      const a = g[id];
      expect(a?.status, `${what} ${name} ${id}`).toBe(e.status);
      if (e.status === 'ok') expect(Math.abs((a.value as number) - (e.value as number)), `${what} ${name} ${id}: ${a.value} vs ${e.value}`).toBeLessThanOrEqual(rel * Math.abs(e.value as number) + 1e-12);
    }
  }
}

/** What the CPU says of one class of a pair: views, fields, boundaries, witnesses, map constants. */
function cpuClass(f: Fixture, options: Partial<EngineOptions> = {}, view = 0) {
  const o = resolveOptions(options);
  const stats = cpuStats(f.input, o);
  const s = stats[view];
  const { width, height, y, hard } = s.view;
  const grid = { width, height, sx: o.spacing[0], sy: o.spacing[1] };
  const bG = boundary(y, width, height);
  const bP = boundary(hard, width, height);
  const predToGt = boundaryDistances(bP, bG, grid);
  const gtToPred = boundaryDistances(bG, bP, grid);
  const field = fieldScalars(y, hard, s.distances.y);
  const sdf = Float64Array.from(s.distances.y, (d2, i) => (y[i] ? -Math.sqrt(d2) : Math.sqrt(d2)));
  const map = (id: (typeof MAP_LOSSES)[number]) => {
    const t = mapTerms(id, s, field, o);
    return Float64Array.from(y, (yi, i) => (s.view.valid && !s.view.valid[i] ? 0 : contribution(t, s.view.p[i], yi, s.distances.y[i], s.distances.hard[i])));
  };
  return { o, s, bG, bP, sdf, map, field, witnesses: findWitnesses(predToGt, gtToPred, width, o.spacing, o.preset) };
}

const firstIndex = (n: number, pred: (i: number) => boolean): number => {
  for (let i = 0; i < n; i++) if (pred(i)) return i;
  throw new Error('no such pixel');
};

/** The colour a heat map shows for a value. */
function colourOf(s: HeatScale, v: number): Rgb {
  const k = tableIndex(s, v) * 3;
  return [s.table[k], s.table[k + 1], s.table[k + 2]];
}

function expectColour(got: readonly number[], want: Rgb, tol: number, what: string): void {
  for (let k = 0; k < 3; k++) expect(Math.abs(got[k] - want[k]), `${what}: got ${got.join(',')} want ${want.join(',')}`).toBeLessThanOrEqual(tol);
}

const violations = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

/** tfjs-core's `long` dependency probes WebAssembly in a try/catch; the CSP refuses it and nothing breaks. */
const unexpectedViolations = async (page: Page) => (await violations(page)).filter((v) => v !== 'script-src wasm-eval');

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());

describe('webview on WebGL2 (SwiftShader)', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launch();
    page = await openPage(browser, harness.url);
  }, 60_000);
  afterAll(async () => browser?.close());

  it.each(referenceCases())('%s: GPU values = CPU engine (1e-3 relative), witnesses at the same pixels', async (name) => {
    const f = referencePair(name);
    const r = await loadPair(page, f.payload);
    expect(r.backend).toBe('webgl');
    expectValues(r.values, computePair(f.input), 1e-3, name);
    const view = f.input.mode === 'binary' ? 0 : r.classIndex;
    expect(r.witnesses).toEqual(cpuClass(f, {}, view).witnesses.map((w) => ({ ...w, distance: expect.closeTo(w.distance, 4) })));
    // The same on the other presets, with anisotropic spacing, and without the background (MONAI's
    // include_background=false reaches the class-mean losses, categorical CE, dice-ce and exp-log).
    for (const options of [{ preset: 'monai' as const }, { preset: 'medpy' as const, spacing: [0.5, 2] as [number, number] }, { preset: 'monai' as const, includeBackground: false }]) {
      const before = (await sent(page)).length;
      await send(page, { type: 'options', options });
      const again = await nextResults(page, before);
      expectValues(again.values, computePair(f.input, options), 1e-3, `${name} ${JSON.stringify(options)}`);
      if ('includeBackground' in options && f.input.mode === 'multiclass') expect(again.values.losses.ce.value).not.toBeCloseTo(computePair(f.input, { preset: 'monai' }).losses.ce.value as number, 3);
      await send(page, { type: 'options', options: { preset: 'paper', spacing: [1, 1], includeBackground: undefined } });
      await nextResults(page, before + 1);
    }
    if (name === 'circle-shifted' || name === 'multiclass-3') await page.screenshot({ path: `${ARTIFACTS}/${name}.png` });
  }, 120_000);

  describe('circle-shifted', () => {
    const f = referencePair('circle-shifted');
    const cpu = cpuClass(f);
    const { y, hard } = cpu.s.view;
    const n = y.length;
    const w = f.input.width;
    const at = (i: number) => [i % w, Math.floor(i / w)] as const;

    beforeAll(async () => {
      await loadPair(page, { ...f.payload, key: 'overlays' });
      for (const id of ['contours', 'sdf', 'heat', 'witnesses', 'probability']) await setLayer(page, id, false);
      await setLayer(page, 'confusion', true, 1);
    }, 60_000);

    it('draws true positives, false positives and false negatives in their colours', async () => {
      for (const [kind, colour, i] of [
        ['TP', TP, firstIndex(n, (i) => !!(y[i] && hard[i]))],
        ['FP', FP, firstIndex(n, (i) => !y[i] && !!hard[i])],
        ['FN', FN, firstIndex(n, (i) => !!y[i] && !hard[i])],
      ] as const) {
        const c = await pixelColour(page, ...at(i));
        expectColour(c, colour, 0, `${kind} at ${at(i)}`);
        expect(c[3]).toBe(255);
      }
      const tn = firstIndex(n, (i) => !y[i] && !hard[i]);
      expect((await pixelColour(page, ...at(tn)))[3]).toBe(0);
      await page.screenshot({ path: `${ARTIFACTS}/layer-confusion.png` });
    });

    it('draws the two boundaries as contours', async () => {
      await setLayer(page, 'confusion', false);
      await setLayer(page, 'contours', true, 1);
      const g = firstIndex(n, (i) => !!cpu.bG[i] && !cpu.bP[i]);
      const p = firstIndex(n, (i) => !!cpu.bP[i] && !cpu.bG[i]);
      expectColour(await pixelColour(page, ...at(g)), GT_CONTOUR, 0, 'GT boundary');
      expectColour(await pixelColour(page, ...at(p)), PRED_CONTOUR, 0, 'prediction boundary');
      const inside = firstIndex(n, (i) => !!y[i] && !cpu.bG[i] && !cpu.bP[i]);
      expect((await pixelColour(page, ...at(inside)))[3]).toBe(0);
      await page.screenshot({ path: `${ARTIFACTS}/layer-contours.png` });
    });

    it('draws the signed distance of the ground truth as a heat map', async () => {
      await setLayer(page, 'contours', false);
      await setLayer(page, 'sdf', true, 1);
      const scale = scaleFor(cpu.sdf, null);
      for (const i of [firstIndex(n, (i) => cpu.sdf[i] < -3), firstIndex(n, (i) => cpu.sdf[i] > 10), firstIndex(n, (i) => cpu.sdf[i] > 0)]) {
        expectColour(await pixelColour(page, ...at(i)), colourOf(scale, cpu.sdf[i]), 1, `sdf ${cpu.sdf[i]} at ${at(i)}`);
      }
      expect(await page.textContent('.colour-scale .scale-label')).toContain('Signed distance');
      await page.screenshot({ path: `${ARTIFACTS}/layer-sdf.png` });
    });

    it('draws the selected loss per pixel with its colour scale', async () => {
      await setLayer(page, 'sdf', false);
      const before = (await sent(page)).length;
      await page.evaluate(() => {
        const s = document.querySelector('vscode-single-select[data-control="mapLoss"]') as HTMLElement & { value: string };
        s.value = 'focal';
        s.dispatchEvent(new Event('change'));
      });
      await nextResults(page, before);
      await setLayer(page, 'heat', true, 1);
      const map = cpu.map('focal');
      const scale = scaleFor(map, null);
      for (const i of [firstIndex(n, (i) => map[i] > 0.5 * scale.max), firstIndex(n, (i) => !!y[i] && !hard[i]), firstIndex(n, (i) => !y[i] && !hard[i])]) {
        expectColour(await pixelColour(page, ...at(i)), colourOf(scale, map[i]), 3, `focal ${map[i]} at ${at(i)}`);
      }
      expect(await page.textContent('.colour-scale [data-scale="max"]')).toBe(formatNumber(scale.max));
      await page.screenshot({ path: `${ARTIFACTS}/layer-heat-focal.png` });
    });

    it('reads out the pixel under the pointer', async () => {
      const i = firstIndex(n, (i) => !!y[i] && !hard[i] && cpu.sdf[i] < -1);
      const [x, yy] = at(i);
      const pos = await pixelOnScreen(page, x, yy);
      await page.mouse.move(pos.x, pos.y);
      await page.waitForSelector('.readout[data-pixel] [data-field="xy"]');
      const field = (name: string) => page.textContent(`.readout [data-field="${name}"]`);
      expect(await field('xy')).toBe(`x ${x}, y ${yy}`);
      expect(await field('label')).toBe('foreground');
      expect(Number(await field('prob'))).toBeCloseTo(f.input.prob[i], 4);
      expect(Number(await field('sdf'))).toBeCloseTo(cpu.sdf[i], 3);
      for (const id of MAP_LOSSES) {
        const want = cpu.map(id)[i];
        expect(Math.abs(Number(await field(`loss:${id}`)) - want), id).toBeLessThanOrEqual(1e-3 * Math.abs(want) + 1e-6);
      }
      await page.screenshot({ path: `${ARTIFACTS}/hover.png` });
    });

    it('recomputes numbers and heat map when a parameter slider moves', async () => {
      const before = (await sent(page)).length;
      await moveSlider(page, 'input[data-param="focal.gamma"]', 3);
      const r = await nextResults(page, before);
      const options = { params: { focal: { gamma: 3 } } };
      expectValues(r.values, computePair(f.input, options), 1e-3, 'focal γ = 3');
      expect(r.values.losses.focal.value).not.toBeCloseTo(computePair(f.input).losses.focal.value as number, 4);
      expect(await page.textContent('tr[data-loss="focal"] .value')).toBe(formatNumber(r.values.losses.focal.value as number));
      const changed = (await sent(page)).slice(before).find((m) => m.type === 'optionsChanged');
      expect(changed?.type === 'optionsChanged' && changed.options.params.focal?.gamma).toBe(3);
      const map = cpuClass(f, options).map('focal');
      const scale = scaleFor(map, null);
      const i = firstIndex(n, (i) => map[i] > 0.3 * scale.max);
      expectColour(await pixelColour(page, ...at(i)), colourOf(scale, map[i]), 3, 'focal γ = 3 heat map');
      expect(r.timings.drawnMs).toBeGreaterThanOrEqual(r.timings.numbersMs);
      await page.screenshot({ path: `${ARTIFACTS}/slider-focal-gamma-3.png` });

      // The threshold moves the hard prediction: metrics and witnesses follow.
      const b2 = (await sent(page)).length;
      await moveSlider(page, 'input[data-control="threshold"]', 0.3);
      const r2 = await nextResults(page, b2);
      expectValues(r2.values, computePair(f.input, { ...options, threshold: 0.3 }), 1e-3, 'threshold 0.3');
      expect(r2.witnesses).toEqual(cpuClass(f, { ...options, threshold: 0.3 }).witnesses.map((w) => ({ ...w, distance: expect.closeTo(w.distance, 4) })));
    });

    it('draws the Hausdorff witnesses and lists them', async () => {
      await setLayer(page, 'heat', false);
      const r = await setLayer(page, 'witnesses', true, 1);
      const hd = r.witnesses.find((w) => w.metric === 'hd');
      expect(hd).toBeDefined();
      if (!hd) return;
      // Midway along the line joining the two boundary pixels.
      const mid = await page.evaluate(([a, b]) => {
        const c = document.querySelector('canvas.view-canvas') as HTMLCanvasElement;
        const t = JSON.parse(c.dataset.transform as string) as { zoom: number; tx: number; ty: number };
        const x = Math.round(((a[0] + b[0]) / 2 + 0.5) * t.zoom + t.tx);
        const y = Math.round(((a[1] + b[1]) / 2 + 0.5) * t.zoom + t.ty);
        return Array.from((c.getContext('2d') as CanvasRenderingContext2D).getImageData(x, y, 1, 1).data);
      }, [hd.from, hd.to] as const);
      expect(mid[2]).toBeGreaterThan(150); // the witness cyan, not the empty canvas
      const text = await page.textContent('[data-witness="hd"]');
      expect(text).toContain(`(${hd.from[0]}, ${hd.from[1]})`);
      expect(text).toContain(`(${hd.to[0]}, ${hd.to[1]})`);
      await page.screenshot({ path: `${ARTIFACTS}/witnesses.png` });
    });

    it('zooms, pans, fits and toggles layers from the keyboard', async () => {
      const transform = async () => JSON.parse((await page.getAttribute('canvas.view-canvas', 'data-transform')) as string) as { zoom: number; tx: number };
      await page.click('.side h2'); // focus outside any input
      const fit = await transform();
      await page.keyboard.press('+');
      await page.keyboard.press('+');
      await page.waitForFunction((z) => JSON.parse((document.querySelector('canvas.view-canvas') as HTMLCanvasElement).dataset.transform as string).zoom > z, fit.zoom * 1.5);
      expect((await transform()).zoom).toBeCloseTo(fit.zoom * 1.5625, 5);
      const before = await transform();
      await page.keyboard.press('ArrowLeft');
      await page.waitForFunction((tx) => JSON.parse((document.querySelector('canvas.view-canvas') as HTMLCanvasElement).dataset.transform as string).tx !== tx, before.tx);
      const layerOn = (id: string) => page.evaluate((l) => (document.querySelector(`vscode-checkbox[data-layer="${l}"]`) as HTMLElement & { checked: boolean }).checked, id);
      const wasOn = await layerOn('contours');
      const b = (await sent(page)).length;
      await page.keyboard.press('2');
      await nextResults(page, b);
      expect(await layerOn('contours')).toBe(!wasOn);
      await page.keyboard.press('?');
      expect(await page.isVisible('.help')).toBe(true);
      await page.keyboard.press('?');
      await page.keyboard.press('0');
      await page.waitForFunction((z) => JSON.parse((document.querySelector('canvas.view-canvas') as HTMLCanvasElement).dataset.transform as string).zoom === z, fit.zoom);
    });

    it('restores the view state when the page is recreated (getState)', async () => {
      await page.keyboard.press('+');
      const state = await page.evaluate(() => (window as unknown as { __state: unknown }).__state);
      const second = await openPage(browser, harness.urlWithState(state));
      try {
        const r = await loadPair(second, { ...f.payload, key: 'overlays' }, {}, 7);
        // Saved options win over the host's for the same pair: focal γ = 3 and threshold 0.3 are back.
        expectValues(r.values, computePair(f.input, { params: { focal: { gamma: 3 } }, threshold: 0.3 }), 1e-3, 'restored');
        const saved = state as { layers: Record<string, { on: boolean }>; viewport: { zoom: number } };
        for (const [id, l] of Object.entries(saved.layers)) {
          const on = await second.evaluate((x) => (document.querySelector(`vscode-checkbox[data-layer="${x}"]`) as HTMLElement & { checked: boolean }).checked, id);
          expect(on, id).toBe(l.on);
        }
        const t = JSON.parse((await second.getAttribute('canvas.view-canvas', 'data-transform')) as string) as { zoom: number };
        expect(t.zoom).toBeCloseTo(saved.viewport.zoom, 6);
      } finally {
        await second.close();
      }
    });
  });

  it('draws the masks\' layers before any number, with a progress ring until the numbers come; a parameter change gives the full recompute\'s numbers', async () => {
    const f = referencePair('circle-shifted');
    const { y, hard } = cpuClass(f).s.view;
    const w = f.input.width;
    const at = (i: number) => [i % w, Math.floor(i / w)] as const;
    const tp = at(firstIndex(y.length, (i) => !!(y[i] && hard[i])));
    const fn = at(firstIndex(y.length, (i) => !!y[i] && !hard[i]));
    const second = await openPage(browser, harness.url);
    try {
      await loadPair(second, { ...f.payload, key: 'warm-up' });
      for (const id of ['contours', 'sdf', 'heat', 'witnesses', 'probability']) await setLayer(second, id, false);
      await setLayer(second, 'confusion', true, 1);
      // In the page: each time the ring shows or hides, what the canvas and the host have by then. Its
      // first change is seen a microtask after the load's synchronous part, before the engine answers.
      const counts = await second.evaluate((marks) => {
        const ring = document.querySelector('vscode-progress-ring.progress') as HTMLElement;
        const canvas = document.querySelector('canvas.view-canvas') as HTMLCanvasElement;
        const win = window as unknown as { __ring: unknown[]; __sent: Array<{ type: string }> };
        const snapshot = () => ({
          results: win.__sent.filter((m) => m.type === 'results').length,
          overlays: performance.getEntriesByName(marks.overlays).length,
          numbers: performance.getEntriesByName(marks.numbers).length,
        });
        const colour = ([x, y]: readonly [number, number]) => {
          const t = JSON.parse(canvas.dataset.transform as string) as { zoom: number; tx: number; ty: number };
          const dpr = window.devicePixelRatio || 1;
          const sx = Math.floor(((x + 0.5) * t.zoom + t.tx) * dpr);
          const sy = Math.floor(((y + 0.5) * t.zoom + t.ty) * dpr);
          return Array.from((canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(sx, sy, 1, 1).data);
        };
        win.__ring = [];
        new MutationObserver(() => win.__ring.push({ shown: !ring.hidden, ...snapshot(), tp: colour(marks.tp), fn: colour(marks.fn) })).observe(ring, {
          attributes: true,
          attributeFilter: ['hidden'],
        });
        return snapshot();
      }, { overlays: OVERLAYS_DRAWN, numbers: NUMBERS_SHOWN, tp, fn });
      const r = await loadPair(second, { ...f.payload, key: 'draw-first' }, {}, 2);
      expectValues(r.values, computePair(f.input), 1e-3, 'draw first');
      type Seen = { shown: boolean; results: number; overlays: number; numbers: number; tp: number[]; fn: number[] };
      const seen = await second.evaluate(() => (window as unknown as { __ring: Seen[] }).__ring);
      expect(seen[0]).toMatchObject({ shown: true, results: counts.results, overlays: counts.overlays + 1, numbers: counts.numbers });
      expectColour(seen[0].tp, TP, 0, 'TP before the numbers');
      expectColour(seen[0].fn, FN, 0, 'FN before the numbers');
      expect(seen[seen.length - 1]).toMatchObject({ shown: false, results: counts.results + 1, numbers: counts.numbers + 1 });
      expect(await second.isHidden('vscode-progress-ring.progress')).toBe(true);

      // A parameter re-sums what it changes only; the numbers are those of a computation from scratch.
      const before = (await sent(second)).length;
      await moveSlider(second, 'input[data-param="focal.gamma"]', 3);
      const changed = await nextResults(second, before);
      const full = await loadPair(second, { ...f.payload, key: 'draw-first-full' }, { params: { focal: { gamma: 3 } } }, 3);
      expect(full.values.losses.focal.value).not.toBe(r.values.losses.focal.value);
      expect(changed.values).toEqual(full.values);
    } finally {
      await second.close();
    }
  }, 120_000);

  it('computes a multi-class pair per class; the class selector switches the overlays', async () => {
    const f = referencePair('multiclass-3');
    await loadPair(page, f.payload);
    const shown = () => page.evaluate(() => (document.querySelector('vscode-single-select[data-control="class"]') as HTMLElement & { value: string }).value);
    expect(await shown()).toBe('1');
    const before = (await sent(page)).length;
    await page.evaluate(() => {
      const s = document.querySelector('vscode-single-select[data-control="class"]') as HTMLElement & { value: string };
      s.value = '2';
      s.dispatchEvent(new Event('change'));
    });
    const r = await nextResults(page, before);
    expect(r.classIndex).toBe(2);
    expect(await shown()).toBe('2');
    expect(r.witnesses).toEqual(cpuClass(f, {}, 2).witnesses.map((w) => ({ ...w, distance: expect.closeTo(w.distance, 4) })));
    expect(await page.textContent('tr[data-loss="dice"] .class-value')).toBe(formatNumber(r.values.perClass?.['2'].losses.dice.value as number));
  });

  it.each([[1, 1], [2, 2], [1, 7], [7, 1], [3, 5], [33, 2]])('a %i×%i pair matches the CPU engine (edge cases of the GPU passes)', async (width, height) => {
    const n = width * height;
    const labels = Uint8Array.from({ length: n }, (_, i) => ((i * 7) % 5 < 2 ? 1 : 0));
    const prob = Float32Array.from({ length: n }, (_, i) => ((i * 13) % 11) / 10);
    const pair = {
      key: `tiny-${width}x${height}`, gtName: 'g.png', predName: 'p.png', width, height, mode: 'binary' as const, classes: 2,
      classNames: ['background', 'foreground'], labelType: 'uint8' as const, labels: labels.buffer, prob: prob.buffer, warnings: [],
    };
    const r = await loadPair(page, pair);
    expect(r.backend).toBe('webgl');
    expectValues(r.values, computePair({ width, height, mode: 'binary', classes: 2, labels, prob }), 1e-3, `${width}×${height}`);
  });

  it('computes on the CPU engine when WebGL runs on a software renderer (SwiftShader), says so, and re-sums a parameter there', async () => {
    const f = referencePair('circle-shifted');
    const software = await openPage(browser, harness.url, { rendererAsIs: true });
    try {
      const r = await loadPair(software, f.payload);
      expect(r.backend).toBe('cpu');
      expectValues(r.values, computePair(f.input), 1e-12, 'software renderer');
      const notice = await software.textContent('[data-notice="fallback"]');
      expect(notice).toContain('software renderer');
      expect(notice).toContain('SwiftShader');
      const before = (await sent(software)).length;
      await moveSlider(software, 'input[data-param="focal.gamma"]', 3);
      const changed = await nextResults(software, before);
      expectValues(changed.values, computePair(f.input, { params: { focal: { gamma: 3 } } }), 1e-12, 'software renderer, focal γ = 3');
    } finally {
      await software.close();
    }
  }, 60_000);

  it('refuses the GPU for images wider than its largest texture and computes on the CPU', async () => {
    const width = 8193;
    const labels = new Uint8Array(width).map((_, i) => (i > 4000 && i < 5000 ? 1 : 0));
    const prob = Float32Array.from(labels, (v, i) => (v ? 0.9 : i % 7 === 0 ? 0.6 : 0.1));
    const pair = {
      key: 'wide', gtName: 'wide-gt.png', predName: 'wide-pred.png', width, height: 1, mode: 'binary' as const, classes: 2,
      classNames: ['background', 'foreground'], labelType: 'uint8' as const, labels: labels.buffer, prob: prob.buffer, warnings: [],
    };
    const r = await loadPair(page, pair);
    expect(r.backend).toBe('cpu');
    expect(r.notice).toContain('maximum texture size (8192)');
    expect(await page.textContent('[data-notice="fallback"]')).toContain('8193×1');
    expectValues(r.values, computePair({ width, height: 1, mode: 'binary', classes: 2, labels, prob }), 1e-12, 'wide');
  });

  it('keeps tf.memory().numTensors flat over a thousand comparisons', async () => {
    // Two small pairs with different sizes and thresholds, loaded alternately inside the page.
    const make = (w: number, h: number, shift: number) => {
      const labels = new Uint8Array(w * h);
      const prob = new Float32Array(w * h);
      for (let yy = 0; yy < h; yy++)
        for (let x = 0; x < w; x++) {
          labels[yy * w + x] = Math.hypot(x - w / 2, yy - h / 2) < w / 4 ? 1 : 0;
          prob[yy * w + x] = 1 / (1 + Math.exp(Math.hypot(x - w / 2 - shift, yy - h / 2) - w / 4));
        }
      return { labels: Array.from(labels), prob: Array.from(prob), w, h };
    };
    const pairs = [make(24, 20, 2), make(17, 23, -3)];
    const counts = await page.evaluate(async (ps) => {
      const win = window as unknown as { __post(m: unknown): void; __sent: Array<{ type: string; requestId?: number; numTensors?: number }>; __nextSent(): Promise<void> };
      const out: number[] = [];
      for (let k = 0; k < 1000; k++) {
        const p = ps[k % 2];
        const requestId = 10_000 + k;
        win.__post({
          type: 'load', requestId,
          pair: {
            key: `leak-${k % 2}`, gtName: 'g', predName: 'p', width: p.w, height: p.h, mode: 'binary', classes: 2, classNames: ['b', 'f'],
            labelType: 'uint8', labels: Uint8Array.from(p.labels).buffer, prob: Float32Array.from(p.prob).buffer, warnings: [],
          },
          options: { preset: 'paper', threshold: [0.3, 0.5, 0.7][k % 3], spacing: [1, 1], nsdTolerance: 1, params: { focal: { gamma: 1 + (k % 4) } } },
        });
        let r: { numTensors?: number } | undefined;
        while (!(r = win.__sent.find((m) => m.type === 'results' && m.requestId === requestId))) await win.__nextSent();
        out.push(r.numTensors as number);
        win.__sent.length = 0;
      }
      return out;
    }, pairs);
    expect(counts).toHaveLength(1000);
    expect(new Set(counts.slice(2)).size).toBe(1);
    expect(counts[999]).toBeLessThanOrEqual(counts[0]);
  }, 600_000);

  it('runs under the CSP without violations', async () => {
    expect(await unexpectedViolations(page)).toEqual([]);
  });
});

describe('webview without WebGL: the CPU fallback', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launch(false);
    page = await openPage(browser, harness.url);
  }, 60_000);
  afterAll(async () => browser?.close());

  it.each(['circle-shifted', 'multiclass-3', 'ignore-void-255'])('%s: computes on the CPU, says so and how to fix it', async (name) => {
    const f = referencePair(name);
    const r = await loadPair(page, f.payload);
    expect(r.backend).toBe('cpu');
    expect(r.numTensors).toBeUndefined();
    expectValues(r.values, computePair(f.input), 1e-12, name);
    const view = f.input.mode === 'binary' ? 0 : r.classIndex;
    expect(r.witnesses).toEqual(cpuClass(f, {}, view).witnesses);
    const notice = await page.textContent('[data-notice="fallback"]');
    expect(notice).toContain('Computing on the CPU');
    expect(notice).toContain('"enable-unsafe-swiftshader": true');
    expect(await page.textContent('.backend')).toBe('CPU');
    await page.screenshot({ path: `${ARTIFACTS}/cpu-fallback-${name}.png` });
  }, 60_000);

  it('recomputes on a slider move and reads out pixels on the CPU too', async () => {
    const f = referencePair('circle-shifted');
    await loadPair(page, f.payload);
    const before = (await sent(page)).length;
    await moveSlider(page, 'input[data-param="tversky.fpWeight"]', 0.8);
    const r = await nextResults(page, before);
    expectValues(r.values, computePair(f.input, { params: { tversky: { fpWeight: 0.8 } } }), 1e-12, 'tversky fpWeight');
    const cpu = cpuClass(f);
    const i = firstIndex(cpu.sdf.length, (k) => cpu.sdf[k] > 4);
    const pos = await pixelOnScreen(page, i % f.input.width, Math.floor(i / f.input.width));
    await page.mouse.move(pos.x, pos.y);
    await page.waitForSelector('.readout[data-pixel] [data-field="sdf"]');
    expect(Number(await page.textContent('.readout [data-field="sdf"]'))).toBeCloseTo(cpu.sdf[i], 3);
    expect(await unexpectedViolations(page)).toEqual([]);
  });
});
