/**
 * The webview's layout and controls in Chromium, as a new user meets them: the Inspector side view at
 * 300 px, a read-out that does not move the panel, labelled value columns, parameter controls that
 * follow their special value and reach 1e-5, the Swap button, and host errors that offer their fix.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computePair } from '../../src/core/engine';
import type { FromWebview } from '../../src/shared/protocol';
import { referencePair } from './fixtures';
import { ARTIFACTS, launch, loadPair, nextResults, openPage, pixelOnScreen, send, sent, startHarness, type Harness } from './harness';

type Box = { x: number; y: number; width: number; height: number };

/** Bounding boxes of the side column's parts, in page coordinates. */
const sideBoxes = (page: Page): Promise<Box[]> =>
  page.evaluate(() =>
    [...document.querySelectorAll('.side section, .side section h2, .values, .witnesses')].map((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.x + window.scrollX, y: r.y + window.scrollY, width: r.width, height: r.height };
    }),
  );

let harness: Harness;
let browser: Browser;
beforeAll(async () => {
  harness = await startHarness();
  browser = await launch();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

describe('the Inspector side view at 300 px', () => {
  let page: Page;
  beforeAll(async () => {
    page = await openPage(browser, harness.url);
    await page.setViewportSize({ width: 300, height: 500 });
    await loadPair(page, referencePair('multiclass-3').payload);
  }, 60_000);
  afterAll(async () => page?.close());

  it('is no wider than the view', async () => {
    const overflow = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
      wider: [...document.querySelectorAll('#app *')]
        .filter((e) => e.getClientRects().length && e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
        .map((e) => `${e.tagName.toLowerCase()}.${e.className}`)
        .slice(0, 5),
    }));
    expect(overflow.wider).toEqual([]);
    expect(overflow.scroll).toBeLessThanOrEqual(overflow.client);
  });

  it('gives the image and every section its room, the page scrolling to the values', async () => {
    const sizes = await page.evaluate(() => {
      const box = (sel: string) => document.querySelector(sel) as HTMLElement;
      const side = box('.side');
      return {
        canvas: box('.canvas-host').getBoundingClientRect().height,
        side: side.getBoundingClientRect().height,
        sideScrolls: side.scrollHeight > side.clientHeight + 1,
        values: box('.values').getBoundingClientRect().height,
      };
    });
    expect(sizes.canvas).toBeGreaterThanOrEqual(200);
    // The side column is not squeezed into what is left of the view (a scroll box a few pixels high):
    // it has its natural height, every value row in it, and the page scrolls.
    expect(sizes.sideScrolls).toBe(false);
    expect(sizes.side).toBeGreaterThan(sizes.values);
    expect(sizes.values).toBeGreaterThan(1000);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const box = await page.locator('tr[data-metric="hd95"] td.value').boundingBox();
    expect(box && box.y >= 0 && box.y + box.height <= 500).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/inspector-300px.png`, fullPage: true });
  });

  it('fits a host error and its fix too', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await send(page, { type: 'hostError', message: 'street/pred/frame_0001.npy: prediction has 4 channels but ground truth street/gt/frame_0001.png has class 255. If 255 marks void (unlabelled) pixels, set maskInspector.ignoreIndex to 255.', fix: { ignoreIndex: 255 } });
    await page.waitForSelector('.message [data-action="set-ignore-index"]');
    const fits = await page.evaluate(() =>
      [...document.querySelectorAll('.message, .message *')].every((e) => e.getBoundingClientRect().right <= document.documentElement.clientWidth + 0.5),
    );
    expect(fits).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/inspector-300px-error.png` });
  });
});

describe('comparison panel controls', () => {
  let page: Page;
  beforeAll(async () => {
    page = await openPage(browser, harness.url);
  }, 60_000);
  afterAll(async () => page?.close());

  it('reserves the read-out\'s space: hovering a pixel moves nothing in the side column', async () => {
    const f = referencePair('ignore-void-255');
    await loadPair(page, f.payload);
    const before = await sideBoxes(page);
    const w = f.input.width;
    const inside = f.input.labels.findIndex((l) => l === 1);
    const ignored = f.input.labels.findIndex((l) => l === 255);
    for (const i of [inside, ignored]) {
      const pos = await pixelOnScreen(page, i % w, Math.floor(i / w));
      await page.mouse.move(pos.x, pos.y);
      await page.waitForFunction((xy) => document.querySelector('.readout[data-pixel] [data-field="xy"]')?.textContent === xy, `x ${i % w}, y ${Math.floor(i / w)}`);
      expect(await sideBoxes(page)).toEqual(before);
    }
    expect(await page.textContent('.readout [data-field="label"]')).toBe('ignored (255)');
    await page.mouse.move(1, 1);
    await page.waitForFunction(() => !document.querySelector('.readout[data-pixel]'));
    expect(await sideBoxes(page)).toEqual(before);
  });

  it('labels the two value columns of a multi-class pair', async () => {
    const f = referencePair('multiclass-3');
    const r = await loadPair(page, f.payload);
    const heads = await page.evaluate(() =>
      [...document.querySelectorAll('vscode-collapsible[data-category="region"] thead th')].map((th) => ({ text: th.textContent, visible: (th as HTMLElement).offsetWidth > 0 })),
    );
    expect(heads.slice(1)).toEqual([{ text: 'All classes', visible: true }, { text: `Class ${r.classIndex}`, visible: true }]);
    // Each head sits over its column.
    const columnOf = (sel: string) => page.evaluate((s) => {
      const r = (document.querySelector(s) as HTMLElement).getBoundingClientRect();
      return [Math.round(r.left), Math.round(r.right)];
    }, sel);
    expect(await columnOf('vscode-collapsible[data-category="region"] th[data-head="all"]')).toEqual(await columnOf('tr[data-loss="dice"] td.value'));
    expect(await columnOf('vscode-collapsible[data-category="region"] th[data-head="class"]')).toEqual(await columnOf('tr[data-loss="dice"] td.class-value'));
    // A binary pair has one column, a value.
    await loadPair(page, referencePair('circle-shifted').payload);
    expect(await page.textContent('vscode-collapsible[data-category="region"] th[data-head="all"]')).toBe('Value');
    expect(await page.isVisible('vscode-collapsible[data-category="region"] th[data-head="class"]')).toBe(false);
  });

  it('turns a parameter\'s slider and value off while its special value is ticked', async () => {
    const f = referencePair('circle-shifted');
    await loadPair(page, { ...f.payload, key: 'special' });
    const disabled = () => page.evaluate(() => [
      (document.querySelector('input[data-param="weighted-ce.beta"]') as HTMLInputElement).disabled,
      (document.querySelector('input[data-param-value="weighted-ce.beta"]') as HTMLInputElement).disabled,
    ]);
    // The default of β is 'auto'.
    expect(await disabled()).toEqual([true, true]);
    const before = (await sent(page)).length;
    await page.evaluate(() => {
      const box = document.querySelector('vscode-checkbox[data-special="weighted-ce.beta"]') as HTMLElement & { checked: boolean };
      box.checked = false;
      box.dispatchEvent(new Event('change'));
    });
    await nextResults(page, before);
    expect(await disabled()).toEqual([false, false]);
    const b2 = (await sent(page)).length;
    await page.evaluate(() => {
      const box = document.querySelector('vscode-checkbox[data-special="focal.alpha"]') as HTMLElement & { checked: boolean };
      box.checked = true;
      box.dispatchEvent(new Event('change'));
    });
    await nextResults(page, b2);
    expect(await page.evaluate(() => (document.querySelector('input[data-param="focal.alpha"]') as HTMLInputElement).disabled)).toBe(true);
  });

  it('sets a smoothing of 1e-5: logarithmic slider and an exact value input', async () => {
    const f = referencePair('gt-empty');
    await loadPair(page, { ...f.payload, key: 'smooth' });
    expect(await page.getAttribute('input[data-param="dice.smooth"]', 'data-scale')).toBe('log');
    // Typed.
    let before = (await sent(page)).length;
    await page.fill('input[data-param-value="dice.smooth"]', '1e-5');
    await page.press('input[data-param-value="dice.smooth"]', 'Enter');
    let r = await nextResults(page, before);
    const changed = (await sent(page)).slice(before).find((m): m is Extract<FromWebview, { type: 'optionsChanged' }> => m.type === 'optionsChanged');
    expect(changed?.options.params.dice?.smooth).toBe(1e-5);
    const dice = computePair(f.input, { params: { dice: { smooth: 1e-5 } } }).losses.dice.value as number;
    expect(dice).not.toBeCloseTo(computePair(f.input).losses.dice.value as number, 3);
    expect(r.values.losses.dice.value).toBeCloseTo(dice, 5);
    // The slider followed, and dragging it from the right end down to 1e-5 reaches exactly 1e-5.
    const position = Number(await page.inputValue('input[data-param="dice.smooth"]'));
    await page.fill('input[data-param-value="dice.smooth"]', '100');
    await page.press('input[data-param-value="dice.smooth"]', 'Enter');
    before = (await sent(page)).length;
    await page.evaluate((p) => {
      const range = document.querySelector('input[data-param="dice.smooth"]') as HTMLInputElement;
      range.value = String(p);
      range.dispatchEvent(new Event('input'));
    }, position);
    r = await nextResults(page, before);
    expect(await page.inputValue('input[data-param-value="dice.smooth"]')).toBe('0.00001');
    expect(r.values.losses.dice.value).toBeCloseTo(dice, 5);
    // Out of range: refused, nothing sent.
    before = (await sent(page)).length;
    await page.fill('input[data-param-value="dice.smooth"]', '1000');
    await page.press('input[data-param-value="dice.smooth"]', 'Enter');
    expect(await page.evaluate(() => (document.querySelector('input[data-param-value="dice.smooth"]') as HTMLInputElement).validity.valid)).toBe(false);
    expect((await sent(page)).slice(before).filter((m) => m.type === 'optionsChanged')).toEqual([]);
  });

  it('offers Swap only for two label maps, and says why not', async () => {
    const soft = referencePair('circle-shifted').payload;
    expect(soft.swapBlocked).toMatch(/^Swap needs two label maps: pred\.png holds probabilities/);
    await loadPair(page, { ...soft, key: 'soft' });
    expect(await page.getAttribute('[data-action="swap"]', 'disabled')).not.toBeNull();
    expect(await page.getAttribute('[data-action="swap"]', 'title')).toBe(soft.swapBlocked);
    const hard = referencePair('odd-size-hard').payload;
    expect(hard.swapBlocked).toBeUndefined();
    await loadPair(page, { ...hard, key: 'hard', title: 'a.png — unet vs gt' });
    expect(await page.getAttribute('[data-action="swap"]', 'disabled')).toBeNull();
    expect(await page.textContent('.pair-title')).toBe('a.png — unet vs gt');
    const before = (await sent(page)).length;
    await page.click('[data-action="swap"]');
    await page.waitForFunction((n) => (window as unknown as { __sent: FromWebview[] }).__sent.slice(n).some((m) => m.type === 'swap'), before);
    // A refused swap is a notice; the pair shown stays.
    await send(page, { type: 'notice', message: 'Not swapped: gt/a.png: not a PNG file' });
    expect(await page.textContent('[data-notice="host"]')).toBe('Not swapped: gt/a.png: not a PNG file');
    expect(await page.isVisible('.message')).toBe(false);
    expect(await page.textContent('tr[data-metric="dice"] td.value')).not.toBe('');
  });

  it('shows a host error with the setting that fixes it', async () => {
    const message = 'street/pred/frame_0001.npy: prediction has 4 channels but ground truth street/gt/frame_0001.png has class 255. If 255 marks void (unlabelled) pixels, set maskInspector.ignoreIndex to 255.';
    await send(page, { type: 'hostError', requestId: 9, message, fix: { ignoreIndex: 255 } });
    await page.waitForSelector('.message [data-action="set-ignore-index"]');
    expect(await page.textContent('.message .message-text')).toBe(message);
    expect(await page.textContent('.message [data-action="set-ignore-index"]')).toBe('Set maskInspector.ignoreIndex to 255');
    const before = (await sent(page)).length;
    await page.click('.message [data-action="set-ignore-index"]');
    await page.click('.message [data-action="open-setting"]');
    await page.waitForFunction((n) => (window as unknown as { __sent: FromWebview[] }).__sent.length >= n + 2, before);
    expect((await sent(page)).slice(before)).toEqual([{ type: 'setIgnoreIndex', value: 255 }, { type: 'openSetting', setting: 'maskInspector.ignoreIndex' }]);
    await page.screenshot({ path: `${ARTIFACTS}/host-error-fix.png` });
  });
});
