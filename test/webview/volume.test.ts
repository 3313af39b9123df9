/**
 * The slice viewer of a volume pair in Chromium, under the production CSP: a NIfTI pair decoded by the
 * host's own payload builder (anisotropic voxels 1 × 2 × 3 mm), slice counts per direction, scrubbing by
 * key, wheel and the Dice strip, per-slice Dice of a hand-built case, the hover read-out in voxels and
 * mm, the displayed aspect ratio; the whole-volume numbers (the core's, a parameter re-summing them, a
 * settings change), the signed distance and heat-map colourings with their values on hover, and the
 * Hausdorff witnesses (a click goes to the slice and marks the voxels); the world position (RAS) of a
 * rotated, flipped qform in the read-out.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computePair, resolveOptions, type EngineOptions } from '../../src/core/engine';
import type { PairInput } from '../../src/core/types';
import { FN, TP, WITNESS } from '../../src/shared/colours';
import { formatNumber } from '../../webview/ui/dom';
import { formatTagged } from '../../webview/ui/lossTable';
import { VolumeEngine } from '../../webview/volume/volumeEngine';
import { panelPayload } from '../../src/extension/webview/pairMessage';
import { parseFromWebview, type ToWebview, type VolumePayload } from '../../src/shared/protocol';
import { niftiFile, volumeValues } from '../helpers/volumeWriter';
import { sendVolume } from './volumeHarness';
import { ARTIFACTS, launch, openPage, send, sent, startHarness, type Harness } from './harness';

const READY = '.volume-view:not([hidden]) .dice-bar';

const DIMS: [number, number, number] = [6, 5, 4];
const SPACING: [number, number, number] = [1, 2, 3];
/** Ground truth: the box x 1…4, y 1…3 on every slice z. */
const inGt = (x: number, y: number) => x >= 1 && x <= 4 && y >= 1 && y <= 3;
/** Prediction: the box on z 0 and 1, its left half (x 1…2) on z 2, nothing on z 3. */
const inPred = (x: number, y: number, z: number) => inGt(x, y) && (z < 2 || (z === 2 && x <= 2));

/** Dice per slice, worked out by hand from the two boxes ('none': nothing in either mask). */
const EXPECTED = {
  // z 2: TP 6, FN 6 → 12/18; z 3: empty prediction → 0.
  axial: [1, 1, 2 / 3, 0],
  // y 1…3: TP 4 + 4 + 2, FN 2 + 4 → 20/26.
  coronal: ['none', 10 / 13, 10 / 13, 10 / 13, 'none'],
  // x 1, 2: TP 9, FN 3 → 18/21; x 3, 4: TP 6, FN 6 → 12/18.
  sagittal: ['none', 6 / 7, 6 / 7, 2 / 3, 2 / 3, 'none'],
} as const;

function volumePair(): VolumePayload {
  const gt = niftiFile({ dims: DIMS, type: 'uint8', spacing: SPACING, values: volumeValues(DIMS, (x, y) => (inGt(x, y) ? 1 : 0)) });
  const pred = niftiFile({ dims: DIMS, type: 'float32', spacing: SPACING, values: volumeValues(DIMS, (x, y, z) => (inPred(x, y, z) ? 0.9 : 0.1)) });
  const shown = panelPayload({ gtBytes: gt, gtName: 'gt.nii', predBytes: pred, predName: 'pred.nii' }, { key: 'vol' }, 0.5);
  if (shown.kind !== 'volume') throw new Error('not read as a volume');
  return shown.volume;
}

/** The pair as the viewer's engine reads it, to compute what it must show with the core in Node. */
function inputOf(v: VolumePayload): PairInput & { depth: number } {
  return { width: v.width, height: v.height, depth: v.depth, mode: v.mode, classes: v.classes, labels: new Uint8Array(v.labels), prob: new Float32Array(v.prob!) };
}

const core = (v: VolumePayload, o: Partial<EngineOptions> = {}) => computePair(inputOf(v), { spacing: SPACING, ...o });

/** Runs `act` and waits until the viewer has computed its numbers again. */
async function recomputed(page: Page, act: () => Promise<unknown>): Promise<void> {
  // The viewer is made on the first volume: no viewer yet counts as no run.
  const runs = () => page.evaluate(() => Number(document.querySelector<HTMLElement>('.volume-side')?.dataset.runs ?? 0));
  const before = await runs();
  await act();
  await page.waitForFunction((n) => Number(document.querySelector<HTMLElement>('.volume-side')?.dataset.runs ?? 0) > n, before);
}

const cell = (page: Page, kind: 'loss' | 'metric', id: string) => page.textContent(`.volume-side tr[data-${kind}="${id}"] td.value`);

async function select(page: Page, control: string, value: string): Promise<void> {
  await page.evaluate(([c, v]) => {
    const s = document.querySelector(`.volume-view vscode-single-select[data-control="${c}"]`) as HTMLElement & { value: string };
    s.value = v;
    s.dispatchEvent(new Event('change'));
  }, [control, value] as const);
}

/** The canvas's colour at the centre of voxel (col, row) of the slice shown. */
const colourAt = (page: Page, cols: number, rows: number, c: number, r: number) =>
  page.$eval('.volume-canvas', (el, [vc, vr, nc, nr]) => {
    const cv = el as HTMLCanvasElement;
    const px = Math.floor(((vc + 0.5) / nc) * cv.width);
    const py = Math.floor(((vr + 0.5) / nr) * cv.height);
    return Array.from((cv.getContext('2d') as CanvasRenderingContext2D).getImageData(px, py, 1, 1).data);
  }, [c, r, cols, rows] as const);

/** Moves the mouse to the centre of voxel (col, row) (scrolling the canvas into view) and returns the read-out. */
async function hoverVoxel(page: Page, cols: number, rows: number, c: number, r: number): Promise<string> {
  const size = (await page.$eval('.volume-canvas', (el) => ({ width: el.clientWidth, height: el.clientHeight })))!;
  await page.hover('.volume-canvas', { position: { x: ((c + 0.5) / cols) * size.width, y: ((r + 0.5) / rows) * size.height } });
  return (await page.textContent('.volume-readout')) ?? '';
}

/**
 * Three classes, the prediction a label map: class 1 (x 1–2) predicted exactly; class 2 (x 4–5) predicted
 * one voxel to the left (x 3–4) on slices z 0 and 1, exactly on z 2 and 3.
 */
function threeClassPair(): VolumePayload {
  const gt = niftiFile({ dims: DIMS, type: 'uint8', spacing: SPACING, values: volumeValues(DIMS, (x, y) => (y < 1 || y > 3 ? 0 : x >= 1 && x <= 2 ? 1 : x >= 4 ? 2 : 0)) });
  const pred = niftiFile({
    dims: DIMS, type: 'uint8', spacing: SPACING,
    values: volumeValues(DIMS, (x, y, z) => (y < 1 || y > 3 ? 0 : x >= 1 && x <= 2 ? 1 : (z < 2 ? x >= 3 && x <= 4 : x >= 4) ? 2 : 0)),
  });
  const shown = panelPayload({ gtBytes: gt, gtName: 'gt3.nii', predBytes: pred, predName: 'pred3.nii' }, { key: 'vol3' }, 0.5);
  if (shown.kind !== 'volume') throw new Error('not read as a volume');
  return shown.volume;
}

const currentSlice = (page: Page) => page.evaluate(() => Number((document.querySelector('.volume-view') as HTMLElement).dataset.slice));

async function setAxis(page: Page, axis: string): Promise<void> {
  await page.evaluate((a) => {
    const s = document.querySelector('vscode-single-select[data-control="axis"]') as HTMLElement & { value: string };
    s.value = a;
    s.dispatchEvent(new Event('change'));
  }, axis);
}

const bars = (page: Page) => page.$$eval('.dice-bar', (els) => els.map((e) => (e as HTMLElement).dataset.dice as string));

mkdirSync(ARTIFACTS, { recursive: true });

let harness: Harness;
let browser: Browser;
let page: Page;
let volume: VolumePayload;
beforeAll(async () => {
  harness = await startHarness();
  browser = await launch(false);
  page = await openPage(browser, harness.url);
  volume = volumePair();
  await recomputed(page, () => sendVolume(page, volume, READY));
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

describe('volume slice viewer', () => {
  it('replaces the image view and reads the NIfTI spacing', async () => {
    expect(await page.isHidden('#app')).toBe(true);
    expect(await page.textContent('.volume-notes')).toContain('6×5×4 voxels of 1 × 2 × 3 mm');
    // The host hears what is shown (its extension tests read it), in a message its validator accepts.
    const shown = (await sent(page)).filter((m) => m.type === 'volumeShown');
    expect(shown).toEqual([{ type: 'volumeShown', key: 'vol', slices: [4, 5, 6] }]);
    expect(parseFromWebview(shown[0])).toEqual(shown[0]);
  });

  it('has one slider position and one Dice bar per slice in each direction, with the hand-worked Dice', async () => {
    for (const [axis, count] of [['coronal', 5], ['sagittal', 6], ['axial', 4]] as const) {
      await setAxis(page, axis);
      expect(await page.getAttribute('.volume-slider', 'max'), axis).toBe(String(count - 1));
      const dice = await bars(page);
      expect(dice, axis).toHaveLength(count);
      EXPECTED[axis].forEach((want, s) => {
        if (want === 'none') expect(dice[s], `${axis} ${s}`).toBe('none');
        else expect(Number(dice[s]), `${axis} ${s}`).toBeCloseTo(want, 12);
      });
    }
    // The slice whose prediction is empty stands out.
    expect(await page.getAttribute('.dice-bar[data-slice="3"] .dice-fill', 'class')).toContain('bad');
  });

  it('shows each direction at the voxels’ physical aspect ratio', async () => {
    const aspect = () => page.$eval('.volume-canvas', (c) => c.getBoundingClientRect().width / c.getBoundingClientRect().height);
    await setAxis(page, 'axial');
    expect(await aspect()).toBeCloseTo((6 * 1) / (5 * 2), 2);
    await setAxis(page, 'sagittal');
    expect(await aspect()).toBeCloseTo((5 * 2) / (4 * 3), 2);
    await setAxis(page, 'axial');
  });

  it('scrubs by key, wheel and a click on the Dice strip', async () => {
    await setAxis(page, 'axial');
    expect(await currentSlice(page)).toBe(2); // the middle slice first
    await page.click('.volume-title');
    await page.keyboard.press('ArrowUp');
    expect(await currentSlice(page)).toBe(3);
    await page.keyboard.press('PageDown');
    expect(await currentSlice(page)).toBe(0);
    await page.keyboard.press('ArrowRight');
    expect(await currentSlice(page)).toBe(1);
    await page.hover('.volume-canvas');
    await page.mouse.wheel(0, 100);
    await page.waitForFunction(() => (document.querySelector('.volume-view') as HTMLElement).dataset.slice === '2');
    await page.mouse.wheel(0, -100);
    await page.waitForFunction(() => (document.querySelector('.volume-view') as HTMLElement).dataset.slice === '1');
    await page.click('.dice-bar[data-slice="3"]');
    expect(await currentSlice(page)).toBe(3);
    expect(await page.inputValue('.volume-slider')).toBe('3');
    expect(await page.textContent('.volume-slice-label')).toContain('slice 4 / 4 · Dice 0');
  });

  it('reads out a voxel under the mouse in voxels and mm, with both labels', async () => {
    await setAxis(page, 'axial');
    await page.click('.dice-bar[data-slice="2"]');
    // Voxel (2, 1) of slice z 2: in both boxes. Voxel (4, 3): ground truth only on this slice.
    let text = await hoverVoxel(page, 6, 5, 2, 1);
    expect(text).toContain('voxel (2, 1, 2)');
    expect(text).toContain('2, 2, 6 mm (RAS)');
    expect(text).toContain('ground truth foreground (1)');
    expect(text).toContain('prediction 0.9 → foreground (1)');
    text = await hoverVoxel(page, 6, 5, 4, 3);
    expect(text).toContain('voxel (4, 3, 2)');
    expect(text).toContain('4, 6, 6 mm');
    expect(text).toContain('prediction 0.1 → background (0)');
    await page.screenshot({ path: join(ARTIFACTS, 'volume-axial.png') });
    // The overlay at voxel centres: (1, 1) is TP, (4, 1) FN, (0, 0) outside both masks (transparent).
    const colour = (x: number, y: number) =>
      page.$eval('.volume-canvas', (c, [vx, vy]) => {
        const cv = c as HTMLCanvasElement;
        const px = Math.floor(((vx + 0.5) / 6) * cv.width);
        const py = Math.floor(((vy + 0.5) / 5) * cv.height);
        return Array.from((cv.getContext('2d') as CanvasRenderingContext2D).getImageData(px, py, 1, 1).data);
      }, [x, y] as const);
    expect((await colour(1, 1)).slice(0, 3)).toEqual([...TP]);
    expect((await colour(4, 1)).slice(0, 3)).toEqual([...FN]);
    expect((await colour(0, 0))[3]).toBe(0);
  });

  it('shows the core’s whole-volume numbers, computed in the viewer with the NIfTI spacing', async () => {
    const want = core(volume);
    expect(await page.getAttribute('.volume-status', 'data-numbers')).toBe('engine');
    for (const id of ['dice', 'iou', 'hd', 'hd95', 'assd', 'nsd']) expect(await cell(page, 'metric', id), id).toBe(formatTagged(want.metrics[id]));
    for (const id of ['ce', 'focal', 'dice', 'tversky', 'hausdorff-dt', 'boundary']) expect(await cell(page, 'loss', id), id).toBe(formatTagged(want.losses[id]));
    // The anisotropic voxels count: HD with unit spacing would differ.
    expect(want.metrics.hd).not.toEqual(computePair(inputOf(volume), { spacing: [1, 1, 1] }).metrics.hd);
    // The host hears the viewer's numbers (it computes none of its own for a volume the viewer takes).
    const results = (await sent(page)).filter((m) => m.type === 'volumeResults');
    expect(results.length).toBeGreaterThan(0);
    const last = parseFromWebview(results.at(-1));
    expect(last).toEqual({ type: 'volumeResults', key: 'vol', values: JSON.parse(JSON.stringify(want)) });
  });

  it('re-sums on a parameter change (and tells the host), and follows a settings change', async () => {
    await recomputed(page, async () => {
      await page.fill('.volume-side [data-param-value="focal.gamma"]', '4');
      await page.dispatchEvent('.volume-side [data-param-value="focal.gamma"]', 'change');
    });
    const params = { focal: { gamma: 4 } };
    expect(await cell(page, 'loss', 'focal')).toBe(formatTagged(core(volume, { params }).losses.focal));
    expect(await cell(page, 'loss', 'focal')).not.toBe(formatTagged(core(volume).losses.focal));
    const changed = (await sent(page)).filter((m) => m.type === 'optionsChanged').at(-1);
    expect(changed).toMatchObject({ key: 'vol', options: { params } });
    expect(parseFromWebview(changed)).toEqual(changed);
    // A new threshold from the settings: every prediction (0.9) is below it, so the Dice strip and the numbers drop.
    await recomputed(page, () => send(page, { type: 'options', options: { threshold: 0.95, preset: 'medpy' } }));
    expect(await cell(page, 'metric', 'dice')).toBe(formatTagged(core(volume, { threshold: 0.95, preset: 'medpy', params }).metrics.dice));
    await setAxis(page, 'axial');
    expect(await bars(page)).toEqual(['0', '0', '0', '0']);
    await recomputed(page, () => send(page, { type: 'options', options: { threshold: 0.5, preset: 'paper' } }));
    expect((await bars(page)).map(Number)).toEqual([1, 1, 2 / 3, 0]);
    expect(await cell(page, 'metric', 'dice')).toBe(formatTagged(core(volume, { params }).metrics.dice));
  });

  it('colours the slice by the ground truth’s signed distance (exact 3-D, in mm) and reads it out', async () => {
    await setAxis(page, 'axial');
    await select(page, 'overlay', 'sdf');
    expect(await page.getAttribute('.volume-canvas', 'data-colours')).toBe('sdf');
    expect(await page.isVisible('.volume-canvas-host .colour-scale')).toBe(true);
    // Diverging scale: blue inside the ground truth (negative), red outside.
    const inside = await colourAt(page, 6, 5, 2, 2);
    const outside = await colourAt(page, 6, 5, 0, 0);
    expect(inside[2]).toBeGreaterThan(inside[0]);
    expect(outside[0]).toBeGreaterThan(outside[2]);
    // (0, 0) is 1 voxel left of and 1 row above the box's corner (1, 1): √(1² + 2²) mm with 1 × 2 mm voxels.
    expect(await hoverVoxel(page, 6, 5, 0, 0)).toContain(`signed distance to the ground truth ${formatNumber(Math.sqrt(5))} mm`);
    expect(await hoverVoxel(page, 6, 5, 2, 2)).toContain(`signed distance to the ground truth -${formatNumber(2)} mm`);
    await page.screenshot({ path: join(ARTIFACTS, 'volume-sdf.png') });
  });

  it('shows a loss’s per-voxel heat map when its name is clicked, with each voxel’s contribution on hover', async () => {
    await page.click('.volume-side tr[data-loss="focal"] td.name');
    expect(await page.getAttribute('.volume-canvas', 'data-colours')).toBe('heat');
    expect(await page.textContent('.volume-canvas-host .scale-label')).toContain('Focal');
    const o = resolveOptions({ spacing: SPACING, params: { focal: { gamma: 4 } } });
    const map = new VolumeEngine(inputOf(volume), SPACING).heatMap('focal', 1, o);
    const z = await currentSlice(page);
    // (4, 1) is a false negative on slice 2 (p = 0.1 on the ground truth): a large contribution.
    expect(await hoverVoxel(page, 6, 5, 4, 1)).toContain(`per voxel ${formatNumber(map[(z * 5 + 1) * 6 + 4]!)}`);
    await page.screenshot({ path: join(ARTIFACTS, 'volume-heat.png') });
    await select(page, 'overlay', 'confusion');
  });

  it('lists the Hausdorff witnesses; a click goes to the witness’s slice in the current direction and marks it', async () => {
    const [hd] = new VolumeEngine(inputOf(volume), SPACING).witnesses(1, resolveOptions({ spacing: SPACING }));
    expect(await page.textContent('.volume-witnesses li[data-witness="hd"]')).toContain(`HD ${formatTagged(core(volume).metrics.hd)} mm`);
    expect(await page.textContent('.volume-witnesses li[data-witness="hd"]')).toContain(`(${hd!.from.join(', ')}) → nearest`);
    expect(await page.isVisible('.volume-witnesses li[data-witness="hd95"]')).toBe(true);
    const [x, y, z] = hd!.from;
    for (const [axis, slice, col, row, cols, rows] of [['axial', z, x, y, 6, 5], ['coronal', y, x, z, 6, 4], ['sagittal', x, y, z, 5, 4]] as const) {
      await setAxis(page, axis);
      await page.click('.volume-witnesses li[data-witness="hd"]');
      expect(await currentSlice(page), axis).toBe(slice);
      expect(await page.getAttribute('.volume-canvas', 'data-marks'), axis).toContain('from');
      expect((await colourAt(page, cols, rows, col, row)).slice(0, 3), axis).toEqual([...WITNESS]);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'volume-witness.png') });
    await setAxis(page, 'axial');
  });

  it('shows a multi-class pair class by class: values, witnesses and heat map of the class chosen', async () => {
    const v = threeClassPair();
    expect(v.predictedLabels).toBe(true);
    expect(new Float32Array(v.prob!).length).toBe(3 * 6 * 5 * 4); // channel-major, one-hot
    await recomputed(page, () => sendVolume(page, v, READY));
    expect(await page.isVisible('.volume-controls .volume-class')).toBe(true);
    const want = computePair(inputOf(v), { spacing: SPACING });
    expect(await cell(page, 'metric', 'dice')).toBe(formatTagged(want.metrics.dice));
    // Class 1 is predicted exactly: its HD is 0, and so is its witness.
    expect(await page.textContent('.volume-side tr[data-metric="hd"] td.class-value')).toBe('0');
    expect(await page.textContent('.volume-witnesses li[data-witness="hd"]')).toContain('HD 0 mm');
    await recomputed(page, () => select(page, 'class', '2'));
    expect(await page.textContent('.volume-side tr[data-metric="hd"] td.class-value')).toBe(formatTagged(want.perClass!['2']!.metrics.hd));
    const [hd] = new VolumeEngine(inputOf(v), SPACING).witnesses(2, resolveOptions({ spacing: SPACING }));
    expect(hd!.distance).toBeGreaterThan(0);
    expect(await page.textContent('.volume-witnesses li[data-witness="hd"]')).toContain(`(${hd!.from.join(', ')}) → nearest`);
    // A label-map prediction reads out as its class, without a probability; the heat map is class 2's.
    await setAxis(page, 'axial');
    await page.click('.dice-bar[data-slice="0"]');
    await select(page, 'overlay', 'heat');
    await select(page, 'mapLoss', 'ce');
    const map = new VolumeEngine(inputOf(v), SPACING).heatMap('ce', 2, resolveOptions({ spacing: SPACING }));
    const text = await hoverVoxel(page, 6, 5, 3, 2);
    expect(text).toContain('ground truth class 0 (0) · prediction class 2 (2) ·');
    expect(text).toContain(`per voxel ${formatNumber(map[2 * 6 + 3]!)}`);
    await select(page, 'overlay', 'confusion');
  });

  it('reads out the world position (RAS mm) from the ground truth’s qform: rotated 90° about z, qfac −1', async () => {
    const s = Math.SQRT1_2;
    const qform = { quatern: [0, 0, s] as [number, number, number], offset: [-5, 7, 1] as [number, number, number], qfac: -1 as const };
    const gt = niftiFile({ dims: DIMS, type: 'uint8', spacing: SPACING, qform, values: volumeValues(DIMS, (x, y) => (inGt(x, y) ? 1 : 0)) });
    const pred = niftiFile({ dims: DIMS, type: 'float32', spacing: SPACING, values: volumeValues(DIMS, (x, y, z) => (inPred(x, y, z) ? 0.9 : 0.1)) });
    const shown = panelPayload({ gtBytes: gt, gtName: 'gtq.nii', predBytes: pred, predName: 'predq.nii' }, { key: 'volq' }, 0.5);
    if (shown.kind !== 'volume') throw new Error('not read as a volume');
    await recomputed(page, () => sendVolume(page, shown.volume, READY));
    await setAxis(page, 'axial');
    await page.click('.dice-bar[data-slice="2"]');
    // Voxel (2, 1, 2), 1 × 2 × 3 mm: R = [[0, −1, 0], [1, 0, 0], [0, 0, 1]], third axis flipped by qfac:
    // x = −(1·2) − 5, y = 1·2 + 7, z = −(3·2) + 1.
    const text = await hoverVoxel(page, 6, 5, 2, 1);
    expect(text).toContain('voxel (2, 1, 2) · -7, 9, -5 mm (RAS) ·');
    expect(await page.textContent('.volume-notes')).toContain('NIfTI qform');
    // The distances stay in voxel sizes: the witnesses and numbers are the unrotated pair's.
    expect(await page.textContent('.volume-witnesses li[data-witness="hd"]')).toContain(`HD ${formatTagged(core(volume).metrics.hd)} mm`);
  });

  it('shows the host’s numbers for a volume sent without probabilities (too large for the viewer), and breaks no CSP rule', async () => {
    await sendVolume(page, { ...volume, key: 'big', prob: undefined }, READY);
    expect(await page.getAttribute('.volume-status', 'data-numbers')).toBe('pending');
    const msg: ToWebview = { type: 'volumeValues', result: { key: 'big', values: { metrics: { dice: { status: 'ok', value: 0.8125 }, hd: { status: 'infinite', value: null } }, losses: {} } } };
    await send(page, msg);
    expect(await page.getAttribute('.volume-status', 'data-numbers')).toBe('host');
    expect(await cell(page, 'metric', 'dice')).toBe('0.8125');
    expect(await cell(page, 'metric', 'hd')).toBe('∞');
    expect(await page.textContent('.volume-witnesses')).toContain('Not available');
    // The image view's engine probes WebAssembly (refused by the CSP, as in webview.test.ts): the only one allowed.
    const violations = await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
    expect(violations.filter((v) => v !== 'script-src wasm-eval')).toEqual([]);
  });

  it('gives the page back to the image view when an image pair or an error comes', async () => {
    await send(page, { type: 'hostError', message: 'gt.png: unreadable' });
    expect(await page.isHidden('.volume-view')).toBe(true);
    expect(await page.isVisible('#app')).toBe(true);
  });
});
