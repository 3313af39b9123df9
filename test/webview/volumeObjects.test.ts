/**
 * The slice viewer's object list in Chromium: the 3-D objects of a NIfTI pair (the core's evaluation of
 * the decoded volumes), and a click on an object going to the slice through it.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { panelPayload } from '../../src/extension/webview/pairMessage';
import { DEFAULT_VIEW_OPTIONS, type VolumePayload } from '../../src/shared/protocol';
import { niftiFile, volumeValues } from '../helpers/volumeWriter';
import { launch, openPage, startHarness, type Harness } from './harness';

const DIMS: [number, number, number] = [8, 6, 10];
/*
 * Ground truth: A, the box x 1…3, y 1…3 on slices z 1…2 (18 voxels), and B, one voxel (6, 4, 7).
 * Prediction: A exactly, and an extra 2×2 at (5…6, 1…2) on slice 4. B is missed.
 */
const inA = (x: number, y: number, z: number) => x >= 1 && x <= 3 && y >= 1 && y <= 3 && z >= 1 && z <= 2;
const gt = niftiFile({ dims: DIMS, type: 'uint8', values: volumeValues(DIMS, (x, y, z) => (inA(x, y, z) || (x === 6 && y === 4 && z === 7) ? 1 : 0)) });
const pred = niftiFile({ dims: DIMS, type: 'uint8', values: volumeValues(DIMS, (x, y, z) => (inA(x, y, z) || (x >= 5 && x <= 6 && y >= 1 && y <= 2 && z === 4) ? 1 : 0)) });

function volumePair(): VolumePayload {
  const shown = panelPayload({ gtBytes: gt, gtName: 'gt.nii', predBytes: pred, predName: 'pred.nii' }, { key: 'vol-objects' }, 0.5);
  if (shown.kind !== 'volume') throw new Error('not read as a volume');
  return shown.volume;
}

async function sendVolume(page: Page, volume: VolumePayload): Promise<void> {
  const b64 = (b: ArrayBuffer | undefined) => b && Buffer.from(b).toString('base64');
  const encoded = { ...volume, labels: b64(volume.labels), predicted: b64(volume.predicted), prob: b64(volume.prob) };
  await page.evaluate(
    ([v, options]) => {
      const fromB64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0)).buffer;
      const vol = { ...v, labels: fromB64(v.labels as string), predicted: fromB64(v.predicted as string), prob: v.prob ? fromB64(v.prob as string) : undefined };
      (window as unknown as { __post(m: unknown): void }).__post({ type: 'loadVolume', requestId: 1, volume: vol, options });
    },
    [encoded, DEFAULT_VIEW_OPTIONS] as const,
  );
  await page.waitForSelector('.volume-view:not([hidden]) .volume-objects .object-rows li');
}

let harness: Harness;
let browser: Browser;
let page: Page;
beforeAll(async () => {
  harness = await startHarness();
  browser = await launch(false);
  page = await openPage(browser, harness.url);
  await sendVolume(page, volumePair());
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
