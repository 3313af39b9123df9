/**
 * Webview benchmark: from a pair's `load` to its overlays drawn (the masks' layers, before any number)
 * and to its numbers, and from a parameter change (focal γ, a per-pixel term: new sums on every class and
 * a new heat map) to updated numbers and to the redrawn heat map, in the built webview in Chromium.
 * WebGL runs on SwiftShader here, so its figures are regression figures for this machine, not GPU
 * figures. The CPU rows are the fallback the webview uses without WebGL.
 */
import type { Page } from 'playwright-core';
import type { FromWebview } from '../src/shared/protocol';
import { launch, openPage, startHarness } from '../test/webview/harness';
import { NUMBERS_SHOWN, OVERLAYS_DRAWN } from '../webview/compare/marks';
import { median, row } from './table';

type Results = Extract<FromWebview, { type: 'results' }>;

/** From `load` to the masks' layers drawn, to the numbers shown, and to the results (everything drawn). */
interface LoadTimes {
  overlays: number;
  numbers: number;
  results: number;
}

/** In the page: a pair of a few blobs and a soft, shifted, noisy prediction (as bench/engine.ts), then `load`. */
async function loadSynthetic(page: Page, size: number): Promise<LoadTimes> {
  return page.evaluate(async ({ n, marks }) => {
    const labels = new Uint8Array(n * n);
    const prob = new Float32Array(n * n);
    let s = 1;
    const rand = () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const blobs = Array.from({ length: 5 }, () => ({ x: rand() * n, y: rand() * n, r: (0.05 + rand() * 0.15) * n }));
    for (let y = 0; y < n; y++)
      for (let x = 0; x < n; x++) {
        let inside = 0;
        let p = 0;
        for (const b of blobs) {
          if (Math.hypot(x - b.x, y - b.y) < b.r) inside = 1;
          const d = Math.hypot(x - b.x - 0.03 * b.r, y - b.y + 0.02 * b.r) - b.r * (1 + 0.1 * Math.sin(x / 7));
          p = Math.max(p, 1 / (1 + Math.exp(d / (0.01 * n))));
        }
        labels[y * n + x] = inside;
        prob[y * n + x] = Math.round(Math.min(1, Math.max(0, p + 0.05 * (rand() - 0.5))) * 65535) / 65535;
      }
    const w = window as unknown as { __post(m: unknown): void; __sent: FromWebview[]; __nextSent(): Promise<void> };
    const t0 = performance.now();
    w.__post({
      type: 'load', requestId: n,
      pair: {
        key: `bench-${n}`, gtName: 'gt.png', predName: 'pred.png', width: n, height: n, mode: 'binary', classes: 2,
        classNames: ['background', 'foreground'], labelType: 'uint8', labels: labels.buffer, prob: prob.buffer, warnings: [],
      },
      options: { preset: 'paper', threshold: 0.5, spacing: [1, 1], nsdTolerance: 1, params: {} },
    });
    while (!w.__sent.some((m) => m.type === 'results' && m.requestId === n)) await w.__nextSent();
    const results = performance.now() - t0;
    const mark = (name: string) => (performance.getEntriesByName(name).find((e) => e.startTime >= t0)?.startTime ?? NaN) - t0;
    return { overlays: mark(marks.overlays), numbers: mark(marks.numbers), results };
  }, { n: size, marks: { overlays: OVERLAYS_DRAWN, numbers: NUMBERS_SHOWN } });
}

/** Moves a control inside the page and waits for the results it causes. */
async function change(page: Page, script: string): Promise<Results> {
  return page.evaluate(async (js) => {
    const w = window as unknown as { __sent: FromWebview[]; __nextSent(): Promise<void> };
    const from = w.__sent.length;
    new Function(js)();
    let r: FromWebview | undefined;
    while (!(r = w.__sent.slice(from).find((m) => m.type === 'results'))) await w.__nextSent();
    return r as Results;
  }, script);
}

const moveGamma = (g: number) =>
  `const r = document.querySelector('input[data-param="focal.gamma"]'); r.value = '${g}'; r.dispatchEvent(new Event('input'));`;
const showFocalHeatMap = `
  const s = document.querySelector('vscode-single-select[data-control="mapLoss"]'); s.value = 'focal'; s.dispatchEvent(new Event('change'));`;

/** Every row at every size by default; a probe may ask for some sizes and rows (by label). */
export async function webviewBench(sizes = [1024, 4096], labels?: string[]): Promise<void> {
  console.log('\n## Webview: load → overlays drawn and → numbers; parameter change → numbers and redrawn heat map (focal γ, heat map of focal)\n');
  console.log('WebGL is SwiftShader (CPU) here: regression figures, not GPU figures. Baseline: the CPU fallback on the same pair,');
  console.log('measured first in this run; "× CPU" is the row\'s figure over it (below 1: faster).\n');
  const cols = ['engine', 'pair', 'runs', 'load → overlays drawn ms', 'load → numbers ms', 'load → all drawn ms', 'change → numbers ms', 'change → heat map drawn ms', 'numbers × CPU', 'drawn × CPU'];
  console.log(row(cols));
  console.log(row(cols.map(() => '---')));
  const harness = await startHarness();
  // A SIGINT or SIGTERM (a time limit around `npm run bench`) makes Playwright close every browser, and
  // the row then waiting in page.evaluate fails with "Target page, context or browser has been closed":
  // that message was the bench killed by its caller's time limit during the shaders' 4096² row on
  // SwiftShader (over 5 minutes alone), not a crash. Say so, and stop with the signal's exit code.
  let interrupted: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => (interrupted ??= signal);
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  try {
    const cpu = new Map<number, { numbers: number; drawn: number }>();
    // Without WebGL; WebGL on SwiftShader as a user gets it (the view picks the CPU engine there); and
    // the GPU engine forced onto SwiftShader (the renderer reported as hardware, as in the browser
    // tests), at 1024² only: at 4096² its first load alone takes 5.5 minutes here, and no user gets it.
    const rows = [
      { webgl: false, label: 'CPU fallback (no WebGL)', rendererAsIs: true, upTo: Infinity },
      { webgl: true, label: 'SwiftShader, as chosen', rendererAsIs: true, upTo: Infinity },
      { webgl: true, label: 'webgl forced (SwiftShader)', rendererAsIs: false, upTo: 1024 },
    ];
    for (const { webgl, label, rendererAsIs, upTo } of rows.filter((r) => !labels || labels.includes(r.label)))
      for (const size of sizes.filter((n) => labels || n <= upTo)) {
        if (interrupted) break;
        // A browser per row: a row that brings its page or browser down is reported as such, and the
        // rows after it still run.
        const browser = await launch(webgl);
        let lost = '';
        browser.on('disconnected', () => (lost ||= 'the browser exited'));
        try {
          const page = await openPage(browser, harness.url, { rendererAsIs });
          page.on('crash', () => (lost ||= 'the page crashed'));
          page.setDefaultTimeout(600_000);
          const load = await loadSynthetic(page, size);
          const first = await change(page, showFocalHeatMap);
          const runs = size <= 1024 ? 7 : 3;
          const numbers: number[] = [];
          const drawn: number[] = [];
          for (let k = 0; k < runs; k++) {
            const r = await change(page, moveGamma(k % 2 ? 2 : 3));
            numbers.push(r.timings.numbersMs);
            drawn.push(r.timings.drawnMs);
          }
          const engine = `${label}: ${first.backend === 'webgl' ? 'GPU engine' : 'CPU engine'}`;
          const figures = { numbers: median(numbers), drawn: median(drawn) };
          if (!webgl) cpu.set(size, figures);
          const base = cpu.get(size);
          const ratio = (k: 'numbers' | 'drawn') => (webgl && base ? (figures[k] / base[k]).toFixed(2) : '');
          console.log(row([engine, `${size}²`, String(runs), load.overlays.toFixed(0), load.numbers.toFixed(0), load.results.toFixed(0), figures.numbers.toFixed(0), figures.drawn.toFixed(0), ratio('numbers'), ratio('drawn')]));
        } catch (e) {
          const why = interrupted ? `interrupted by ${interrupted}` : lost || (e instanceof Error ? e.message.split('\n')[0] : String(e));
          console.log(row([label, `${size}²`, '', `not measured: ${why}`, '', '', '', '', '', '']));
        } finally {
          await browser.close();
        }
      }
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    await harness.close();
  }
  if (interrupted) process.exitCode = interrupted === 'SIGINT' ? 130 : 143;
}
