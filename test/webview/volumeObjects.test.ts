/**
 * The slice viewer's object list in Chromium: the 3-D objects of a NIfTI pair (the core's evaluation of
 * the decoded volumes), a click on an object going to the slice through it, and the objects outlined
 * where the slice cuts them (also across anisotropic voxels).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { panelPayload } from '../../src/extension/webview/pairMessage';
import type { VolumePayload } from '../../src/shared/protocol';
import { OBJECT_EXTRA, OBJECT_MATCHED, OBJECT_MISSED, type Rgb } from '../../src/shared/colours';
import { niftiFile, volumeValues } from '../helpers/volumeWriter';
import { sendVolume } from './volumeHarness';
import { ARTIFACTS, launch, openPage, startHarness, type Harness } from './harness';

const READY = '.volume-view:not([hidden]) .volume-objects .object-rows li';

const DIMS: [number, number, number] = [8, 6, 10];
/** Slices 2 mm apart: a coronal or sagittal slice's voxels are twice as tall as wide. */
const SPACING: [number, number, number] = [1, 1, 2];
/*
 * Ground truth: A, the box x 1…3, y 1…3 on slices z 1…2 (18 voxels), and B, one voxel (6, 4, 7).
 * Prediction: A exactly, and an extra 2×2 at (5…6, 1…2) on slice 4. B is missed.
 */
const inA = (x: number, y: number, z: number) => x >= 1 && x <= 3 && y >= 1 && y <= 3 && z >= 1 && z <= 2;
const gt = niftiFile({ dims: DIMS, spacing: SPACING, type: 'uint8', values: volumeValues(DIMS, (x, y, z) => (inA(x, y, z) || (x === 6 && y === 4 && z === 7) ? 1 : 0)) });
const pred = niftiFile({ dims: DIMS, spacing: SPACING, type: 'uint8', values: volumeValues(DIMS, (x, y, z) => (inA(x, y, z) || (x >= 5 && x <= 6 && y >= 1 && y <= 2 && z === 4) ? 1 : 0)) });

function volumePair(): VolumePayload {
  const shown = panelPayload({ gtBytes: gt, gtName: 'gt.nii', predBytes: pred, predName: 'pred.nii' }, { key: 'vol-objects' }, 0.5);
  if (shown.kind !== 'volume') throw new Error('not read as a volume');
  return shown.volume;
}

/** Sets a vscode-single-select of the slice viewer and tells it so. */
async function choose(page: Page, control: string, value: string): Promise<void> {
  await page.evaluate(
    ([c, v]) => {
      const s = document.querySelector(`.volume-view vscode-single-select[data-control="${c}"]`) as HTMLElement & { value: string };
      s.value = v;
      s.dispatchEvent(new Event('change'));
    },
    [control, value] as const,
  );
}

async function goToSlice(page: Page, s: number): Promise<void> {
  await page.evaluate((v) => {
    const r = document.querySelector('.volume-slider') as HTMLInputElement;
    r.value = String(v);
    r.dispatchEvent(new Event('input'));
  }, s);
  expect(await page.getAttribute('.volume-view', 'data-slice')).toBe(String(s));
}

async function setOutlines(page: Page, on: boolean): Promise<void> {
  await page.evaluate((v) => {
    const box = document.querySelector('.volume-objects vscode-checkbox[data-control="objectOutlines"]') as HTMLElement & { checked: boolean };
    box.checked = v;
    box.dispatchEvent(new Event('change'));
  }, on);
}

/** Slice columns and rows of the two directions tested. */
const AXIAL = { cols: 8, rows: 6 };
const CORONAL = { cols: 8, rows: 10 };

/** The canvas's device pixel at slice column `col`, row `row` (voxel edges at whole numbers), moved by (dx, dy) device pixels. */
function colourAt(page: Page, grid: { cols: number; rows: number }, col: number, row: number, dx = 0, dy = 0): Promise<number[]> {
  return page.evaluate(
    ([g, c, r, ox, oy]) => {
      const canvas = document.querySelector('canvas.volume-canvas') as HTMLCanvasElement;
      const x = Math.floor((c * canvas.width) / g.cols + ox);
      const y = Math.floor((r * canvas.height) / g.rows + oy);
      return Array.from((canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(x, y, 1, 1).data);
    },
    [grid, col, row, dx, dy] as const,
  );
}

function isColour(got: number[], want: Rgb): boolean {
  return got[3] > 200 && [0, 1, 2].every((k) => Math.abs(got[k] - want[k]) <= 12);
}

function expectColour(got: number[], want: Rgb, what: string): void {
  expect(isColour(got, want), `${what}: got ${got.join(',')} want ${want.join(',')}`).toBe(true);
}

let harness: Harness;
let browser: Browser;
let page: Page;
beforeAll(async () => {
  harness = await startHarness();
  browser = await launch(false);
  page = await openPage(browser, harness.url);
  await sendVolume(page, volumePair(), READY);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

describe('slice viewer objects', () => {
  it('lists the 3-D objects: one matched, one missed, one extra', async () => {
    expect(await page.textContent('.volume-objects .object-summary')).toBe('2 ground truth · 2 predicted · 1 matched · 1 missed · 1 extra · PQ 0.5');
    const rows = await page.$$eval('.volume-objects .object-rows li', (lis) => lis.map((li) => li.textContent));
    expect(rows).toEqual(['GT 1 ↔ pred 1 · 18 voxels · IoU 1', 'pred 2 extra · 4 voxels', 'GT 2 missed · 1 voxel']);
  });

  it('goes to the slice through an object picked in the list, in the direction shown', async () => {
    const slice = () => page.getAttribute('.volume-view', 'data-slice');
    expect(await slice()).toBe('5'); // the middle slice on opening
    await page.click('.volume-objects li[data-kind="missed"]');
    expect(await slice()).toBe('7');
    await page.click('.volume-objects li[data-kind="extra"]');
    expect(await slice()).toBe('4');
    // Sagittal: the slice is the object's x.
    await page.evaluate(() => {
      const s = document.querySelector('.volume-view vscode-single-select[data-control="axis"]') as HTMLElement & { value: string };
      s.value = 'sagittal';
      s.dispatchEvent(new Event('change'));
    });
    await page.click('.volume-objects li[data-kind="missed"]');
    expect(await slice()).toBe('6');
  });
});

describe('slice viewer object outlines', () => {
  beforeAll(async () => {
    await choose(page, 'axis', 'axial');
    await setOutlines(page, false);
  });

  it('outlines where the slice cuts each object, in the colour of its outcome; another slice, other outlines', async () => {
    await goToSlice(page, 1);
    // A's left edge (x = 1) on slice 1: without the switch, the boundaries' colour; with it, matched.
    const edgeA = () => colourAt(page, AXIAL, 1, 2.5, 0.5);
    expect(isColour(await edgeA(), OBJECT_MATCHED)).toBe(false);
    await setOutlines(page, true);
    expectColour(await edgeA(), OBJECT_MATCHED, 'A, left edge, slice 1');
    expectColour(await colourAt(page, AXIAL, 2.5, 4, 0, -0.5), OBJECT_MATCHED, 'A, bottom edge, slice 1');
    // Slice 4 cuts only the extra prediction (dashed: the first dash starts at its corner); A is gone.
    await goToSlice(page, 4);
    expect((await edgeA())[3]).toBe(0);
    expectColour(await colourAt(page, AXIAL, 5, 1, 2, 0.5), OBJECT_EXTRA, 'extra, top edge, slice 4');
    expectColour(await colourAt(page, AXIAL, 5, 1.5, 0.5), OBJECT_EXTRA, 'extra, left edge, slice 4');
    // Slice 7: the missed voxel B (6, 4), outlined solid; nothing of the extra.
    await goToSlice(page, 7);
    expectColour(await colourAt(page, AXIAL, 6, 4.5, 0.5), OBJECT_MISSED, 'B, left edge, slice 7');
    expectColour(await colourAt(page, AXIAL, 7, 4.5, -0.5), OBJECT_MISSED, 'B, right edge, slice 7');
    expect(isColour(await colourAt(page, AXIAL, 5, 1, 2, 0.5), OBJECT_EXTRA)).toBe(false);
    await page.locator('canvas.volume-canvas').screenshot({ path: `${ARTIFACTS}/volume-objects.png` });
  });

  it('outlines along the edges of anisotropic voxels (coronal: 1 mm wide, 2 mm tall)', async () => {
    await choose(page, 'axis', 'coronal');
    await setOutlines(page, true);
    await goToSlice(page, 4); // y = 4: B at column 6, row (z) 7
    const box = await page.evaluate(() => {
      const c = document.querySelector('canvas.volume-canvas') as HTMLCanvasElement;
      return { kx: c.width / 8, ky: c.height / 10 };
    });
    expect(box.ky / box.kx).toBeCloseTo(2, 1);
    expectColour(await colourAt(page, CORONAL, 6, 7.5, 0.5), OBJECT_MISSED, 'B, left edge, coronal');
    expectColour(await colourAt(page, CORONAL, 6.5, 7, 0, 0.5), OBJECT_MISSED, 'B, top edge, coronal');
    expectColour(await colourAt(page, CORONAL, 6.5, 8, 0, -0.5), OBJECT_MISSED, 'B, bottom edge, coronal');
    // The line stays 2 device pixels wide across the taller rows (stretched with them it would be 4):
    // the pixel from 1.5 to 0.5 above the top edge is not on it.
    expect(isColour(await colourAt(page, CORONAL, 6.5, 7, 0, -1.5), OBJECT_MISSED)).toBe(false);
  });

  it('frames the object picked in the list on its slice, and turns the outlines on', async () => {
    await choose(page, 'axis', 'axial');
    await setOutlines(page, false);
    await page.click('.volume-objects li[data-kind="extra"]');
    expect(await page.getAttribute('.volume-view', 'data-slice')).toBe('4');
    expect(await page.evaluate(() => (document.querySelector('.volume-objects vscode-checkbox[data-control="objectOutlines"]') as HTMLElement & { checked: boolean }).checked)).toBe(true);
    // The frame: dashed white, 4 CSS px outside the box x 5…6, y 1…2 (its first dash from the top-left corner).
    const dpr = await page.evaluate(() => window.devicePixelRatio || 1);
    expectColour(await colourAt(page, AXIAL, 5, 1, -2 * dpr, -4 * dpr), [255, 255, 255], 'frame of the extra object');
    expectColour(await colourAt(page, AXIAL, 5, 1, 2, 0.5), OBJECT_EXTRA, 'extra, top edge, when picked');
  });
});
