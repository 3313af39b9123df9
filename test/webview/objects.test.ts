/**
 * The comparison panel's object layer and list in Chromium, under the production CSP: outlines along
 * the right pixel edges in the colour of each object's outcome, the link of a matched pair, the list's
 * two orders, and a click on a row zooming the view to that object (and turning the layer on).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateObjects } from '../../src/core/objects/evaluate';
import { pairPayload } from '../../src/extension/webview/pairMessage';
import type { FromWebview } from '../../src/shared/protocol';
import { pairInputFrom } from '../../webview/pairInput';
import { OBJECT_EXTRA, OBJECT_MATCHED, OBJECT_MISSED, type Rgb } from '../../webview/render/colours';
import { encodePng, greyPng } from '../core/io/pngWriter';
import { ARTIFACTS, launch, loadPair, nextResults, openPage, send, sent, setLayer, startHarness, type Harness } from './harness';

const W = 40;
const H = 30;
const rect = (x0: number, y0: number, w: number, h: number) => (x: number, y: number) => x >= x0 && x < x0 + w && y >= y0 && y < y0 + h;
const mask = (...parts: Array<(x: number, y: number) => boolean>) => greyPng(W, H, Array.from({ length: W * H }, (_, i) => (parts.some((p) => p(i % W, Math.floor(i / W))) ? 255 : 0)));

/*
 * Ground truth: A 6×6 at (2, 2), B 5×5 at (20, 4), C 2×2 at (30, 20). Prediction: A exactly (IoU 1),
 * B one pixel to the right (IoU 20/30), and an extra 3×3 at (10, 20); C is missed.
 */
const A = rect(2, 2, 6, 6);
const payload = pairPayload(
  { gtBytes: mask(A, rect(20, 4, 5, 5), rect(30, 20, 2, 2)), gtName: 'gt.png', predBytes: mask(A, rect(21, 4, 5, 5), rect(10, 20, 3, 3)), predName: 'pred.png' },
  { key: 'objects' },
);

interface Transform {
  zoom: number;
  tx: number;
  ty: number;
}
const transform = (page: Page): Promise<Transform> =>
  page.evaluate(() => JSON.parse((document.querySelector('canvas.view-canvas') as HTMLCanvasElement).dataset.transform as string) as Transform);

/** The canvas colour at image point (ix, iy) moved by (dx, dy) CSS pixels. */
async function colourAt(page: Page, ix: number, iy: number, dx = 0, dy = 0): Promise<number[]> {
  return page.evaluate(
    ([x, y, ox, oy]) => {
      const c = document.querySelector('canvas.view-canvas') as HTMLCanvasElement;
      const t = JSON.parse(c.dataset.transform as string) as { zoom: number; tx: number; ty: number };
      const dpr = window.devicePixelRatio || 1;
      const sx = Math.floor((x * t.zoom + t.tx + ox) * dpr);
      const sy = Math.floor((y * t.zoom + t.ty + oy) * dpr);
      return Array.from((c.getContext('2d') as CanvasRenderingContext2D).getImageData(sx, sy, 1, 1).data);
    },
    [ix, iy, dx, dy] as const,
  );
}

function expectColour(got: number[], want: Rgb, what: string): void {
  expect(got[3], `${what}: drawn (${got.join(',')})`).toBeGreaterThan(100);
  for (let k = 0; k < 3; k++) expect(Math.abs(got[k] - want[k]), `${what}: got ${got.join(',')} want ${want.join(',')}`).toBeLessThanOrEqual(12);
}

const listed = (page: Page) =>
  page.$$eval('.object-rows li[data-kind]', (lis) => lis.map((li) => `${li.getAttribute('data-kind')} gt ${li.getAttribute('data-gt') ?? '-'} pred ${li.getAttribute('data-pred') ?? '-'}`));
const lastResults = async (page: Page) => (await sent(page)).filter((m): m is Extract<FromWebview, { type: 'results' }> => m.type === 'results').at(-1)!;
const layerOn = (page: Page) => page.evaluate(() => (document.querySelector('vscode-checkbox[data-layer="objects"]') as HTMLElement & { checked: boolean }).checked);

let harness: Harness;
let browser: Browser;
let page: Page;
beforeAll(async () => {
  harness = await startHarness();
  browser = await launch();
  page = await openPage(browser, harness.url);
  await loadPair(page, payload);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

describe('object list', () => {
  it('summarises and lists the objects of the core evaluation, largest first; the switch orders by worst IoU', async () => {
    const o = evaluateObjects(pairInputFrom(payload), 0.5, [1, 1]);
    expect(o.counts).toEqual({ gt: 3, pred: 3, tp: 2, fp: 1, fn: 1 });
    expect(await page.textContent('.object-summary')).toBe('3 ground truth · 3 predicted · 2 matched · 1 missed · 1 extra · PQ 0.55556');
    // The host hears the same counts in the results message.
    expect((await lastResults(page)).objects).toEqual({ '1': o.counts });
    expect(await listed(page)).toEqual(['matched gt 1 pred 1', 'matched gt 2 pred 2', 'extra gt - pred 3', 'missed gt 3 pred -']);
    expect(await page.textContent('.object-rows li[data-kind="matched"][data-gt="2"]')).toContain('GT 2 ↔ pred 2 · 25 pixels · IoU 0.66667');
    await page.click('button[data-sort="iou"]');
    expect(await listed(page)).toEqual(['extra gt - pred 3', 'missed gt 3 pred -', 'matched gt 2 pred 2', 'matched gt 1 pred 1']);
    expect(await page.getAttribute('button[data-sort="iou"]', 'aria-pressed')).toBe('true');
    await page.click('button[data-sort="size"]');
    expect((await listed(page))[0]).toBe('matched gt 1 pred 1');
  });

  it('keeps the order chosen across a reload of the page (the saved view state)', async () => {
    await page.click('button[data-sort="iou"]');
    const state = await page.evaluate(() => (window as unknown as { __state: { objectSort?: string } }).__state);
    expect(state.objectSort).toBe('iou');
    const second = await openPage(browser, harness.urlWithState(state));
    try {
      await loadPair(second, payload);
      expect(await second.getAttribute('button[data-sort="iou"]', 'aria-pressed')).toBe('true');
      expect(await listed(second)).toEqual(['extra gt - pred 3', 'missed gt 3 pred -', 'matched gt 2 pred 2', 'matched gt 1 pred 1']);
    } finally {
      await second.close();
    }
    await page.click('button[data-sort="size"]');
    expect((await page.evaluate(() => (window as unknown as { __state: { objectSort?: string } }).__state)).objectSort).toBe('size');
  });
});

describe('object layer', () => {
  beforeAll(async () => {
    for (const id of ['confusion', 'contours', 'witnesses', 'probability']) await setLayer(page, id, false);
    await setLayer(page, 'objects', true);
  }, 60_000);

  it('outlines each object along its pixel edges in the colour of its outcome', async () => {
    const z = (await transform(page)).zoom;
    expect(z).toBeGreaterThan(8);
    // Half a CSS pixel inside each left edge: on the 2-px line. The missed C, the matched B, the extra (dashed, first dash).
    expectColour(await colourAt(page, 30, 20.5, 0.5), OBJECT_MISSED, 'missed C, left edge');
    expectColour(await colourAt(page, 32, 21.5, -0.5), OBJECT_MISSED, 'missed C, right edge');
    expectColour(await colourAt(page, 20, 6.5, 0.5), OBJECT_MATCHED, 'matched B (ground truth), left edge');
    expectColour(await colourAt(page, 10, 20, 2, 0.5), OBJECT_EXTRA, 'extra, top edge');
    // Nothing inside an object away from its edges and marks, nor a few pixels outside it.
    expect((await colourAt(page, 30.5, 20.5))[3]).toBe(0);
    expect((await colourAt(page, 30, 20.5, -4))[3]).toBe(0);
    expect((await colourAt(page, 4.5, 3.5))[3]).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/objects.png` });
  });

  it('links the centroids of a matched pair', async () => {
    // B's ground truth centroid is (22.5, 6.5), its prediction's (23.5, 6.5): the link's midpoint.
    expectColour(await colourAt(page, 23, 6.5), OBJECT_MATCHED, 'link of B');
  });

  it('zooms the view to an object picked in the list and turns the layer on', async () => {
    await setLayer(page, 'objects', false);
    const before = (await sent(page)).length;
    await page.click('.object-rows li[data-kind="missed"]');
    await page.waitForFunction((n) => (window as unknown as { __sent: { type: string }[] }).__sent.slice(n).some((m) => m.type === 'results'), before);
    expect(await layerOn(page)).toBe(true);
    const t = await transform(page);
    const size = await page.evaluate(() => {
      const c = document.querySelector('canvas.view-canvas') as HTMLCanvasElement;
      return { w: c.clientWidth, h: c.clientHeight };
    });
    // C's centre (31, 21) at the view's centre, zoomed in as far as single pixels go (64 screen px per pixel).
    expect(t.zoom).toBe(64);
    expect((size.w / 2 - t.tx) / t.zoom).toBeCloseTo(31, 6);
    expect((size.h / 2 - t.ty) / t.zoom).toBeCloseTo(21, 6);
    expectColour(await colourAt(page, 30, 20.5, 0.5), OBJECT_MISSED, 'missed C after the zoom');
    // The picked object is framed (dashed white, 4 px outside its box; the first dash starts at the top-left corner).
    expectColour(await colourAt(page, 30, 20, -2, -4), [255, 255, 255], 'frame');
    await page.screenshot({ path: `${ARTIFACTS}/objects-zoomed.png` });
  });
});

describe('object options and instance maps from the host', () => {
  // Two squares touching at a corner: one object under 8-connectivity, two under 4.
  const corner = mask(rect(0, 0, 2, 2), rect(2, 2, 2, 2));

  it('follows the connectivity the host sends', async () => {
    await loadPair(page, pairPayload({ gtBytes: corner, gtName: 'gt.png', predBytes: corner, predName: 'pred.png' }, { key: 'corner' }));
    expect(await listed(page)).toEqual(['matched gt 1 pred 1']);
    const before = (await sent(page)).length;
    await send(page, { type: 'options', options: { connectivity: 4 } });
    await nextResults(page, before);
    expect(await listed(page)).toEqual(['matched gt 1 pred 1', 'matched gt 2 pred 2']);
    await send(page, { type: 'options', options: { connectivity: 26 } });
    await nextResults(page, before + 1);
  });

  it('takes the objects from instance-id maps the host read (touching cells stay apart)', async () => {
    // Cells 3 (3 pixels) and 9 (1 pixel) touch; the prediction's cell 3 covers both (IoU 3/4 with cell 3, cell 9 missed).
    // As connected components they would be one object matched with IoU 1.
    const ids = (values: number[]) => greyPng(W, H, Array.from({ length: W * H }, (_, i) => (i < values.length ? values[i] : 0)), 16);
    const pair = pairPayload({ gtBytes: ids([3, 3, 3, 9]), gtName: 'gt.png', predBytes: ids([3, 3, 3, 3]), predName: 'pred.png' }, { key: 'cells', instances: 'ids' });
    await loadPair(page, pair);
    expect(await page.textContent('.object-summary')).toMatch(/^2 ground truth · 1 predicted · 1 matched · 1 missed · 0 extra/);
    expect(await page.textContent('.object-rows li[data-kind="matched"]')).toContain('GT 1 ↔ pred 1 · 3 pixels · IoU 0.75');
    expect(await listed(page)).toEqual(['matched gt 1 pred 1', 'missed gt 2 pred -']);
  });
});

describe('a multi-class pair', () => {
  it('lists the objects of the class shown; the class selector switches them', async () => {
    // Class maps (palette PNGs): class 1 has two blobs, one found; class 2 one blob, found with an extra.
    const classes = (draw: (x: number, y: number) => number) =>
      encodePng({ width: W, height: H, colorType: 'palette', bitDepth: 8, samples: Array.from({ length: W * H }, (_, i) => draw(i % W, Math.floor(i / W))), palette: [0, 0, 0, 255, 0, 0, 0, 255, 0] });
    const gt = classes((x, y) => (rect(1, 1, 4, 4)(x, y) || rect(10, 1, 3, 3)(x, y) ? 1 : rect(20, 10, 5, 5)(x, y) ? 2 : 0));
    const pred = classes((x, y) => (rect(1, 1, 4, 4)(x, y) ? 1 : rect(20, 10, 5, 5)(x, y) || rect(30, 25, 2, 2)(x, y) ? 2 : 0));
    const pair = pairPayload({ gtBytes: gt, gtName: 'gt.png', predBytes: pred, predName: 'pred.png' }, { key: 'classes' });
    expect(pair.mode).toBe('multiclass');
    await loadPair(page, pair);
    expect(await listed(page)).toEqual(['matched gt 1 pred 1', 'missed gt 2 pred -']);
    const before = (await sent(page)).length;
    await page.evaluate(() => {
      const s = document.querySelector('vscode-single-select[data-control="class"]') as HTMLElement & { value: string };
      s.value = '2';
      s.dispatchEvent(new Event('change'));
    });
    await nextResults(page, before);
    expect(await listed(page)).toEqual(['matched gt 1 pred 1', 'extra gt - pred 2']);
    expect(await page.textContent('.object-summary')).toMatch(/^1 ground truth · 2 predicted · 1 matched · 0 missed · 1 extra/);
    // Every foreground class's counts go to the host, whichever class is shown.
    expect((await lastResults(page)).objects).toEqual({ '1': { gt: 2, pred: 1, tp: 1, fp: 0, fn: 1 }, '2': { gt: 1, pred: 2, tp: 1, fp: 1, fn: 0 } });
  });
});
