/**
 * The extension end to end in a real VS Code 1.99.3 (code-server) driven by Chromium: the Mask Pairs
 * tree and its tooltips, Compare Masks from the explorer, the loss report from the palette and a hover
 * over a mask path, each checked against the CLI's JSON for the same files (`dist/cli.js report
 * <workspace> --ignore-index 255 --format json`). Screenshots of each step: test-artifacts/e2e/extension/.
 * Needs scripts/setup-browser.sh and scripts/setup-code-server.sh.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PairReport, Report } from '../../src/core/report/schema';
import type { Tagged } from '../../src/core/types';
import { makeTestWorkspace } from '../extension/workspace';
import { REPO_ROOT, assertE2EPrerequisites, startVsCode, type VsCodeSession } from './harness/codeServer';
import { ensureBuilt, stageExtension } from './stage';

const START_TIMEOUT = 240_000;
const STEP_TIMEOUT = 180_000;

/** The tree and hovers show 4 significant digits; the webview 5. */
function expectClose(shown: string, expected: Tagged | undefined, digits: number, what: string): void {
  expect(expected, what).toBeDefined();
  if (expected!.status !== 'ok') {
    expect(shown, what).toMatch(expected!.status === 'infinite' ? /infinite|∞/ : /undefined|—/);
    return;
  }
  const x = expected!.value as number;
  expect(Math.abs(Number(shown) - x), `${what}: shown ${shown}, CLI ${x}`).toBeLessThanOrEqual(Math.abs(x) * 0.6 * 10 ** (1 - digits) + 1e-12);
}

/** The text of the visible hover once it holds `text` (a tooltip says "Loading..." while it resolves). */
async function visibleHover(s: VsCodeSession, text: string): Promise<string> {
  const hover = s.page.locator('.monaco-hover:not(.hidden)', { hasText: text }).last();
  await hover.waitFor({ state: 'visible', timeout: 30_000 });
  return hover.innerText();
}

describe('Mask Inspector in VS Code (code-server)', () => {
  let vs: VsCodeSession | undefined;
  let workspace = '';
  let extensionDir = '';
  let cli: Report;
  const cliPair = (gt: string, pred: string): PairReport => {
    const p = cli.pairs.find((q) => q.gt === gt && q.pred === pred);
    if (!p) throw new Error(`the CLI report has no pair ${gt} ↔ ${pred}`);
    return p;
  };
  const session = (): VsCodeSession => {
    if (!vs) throw new Error('VS Code did not start (see beforeAll)');
    return vs;
  };
  const shot = (name: string) => session().screenshot(`extension/${name}`);

  beforeAll(async () => {
    assertE2EPrerequisites();
    ensureBuilt();
    extensionDir = stageExtension();
    workspace = makeTestWorkspace(REPO_ROOT);
    const json = execFileSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), 'report', workspace, '--ignore-index', '255', '--format', 'json'], { encoding: 'utf8' });
    cli = JSON.parse(json) as Report;
    expect(cli.pairs).toHaveLength(17);
    vs = await startVsCode({
      name: 'extension',
      extensionDir,
      workspaceDir: workspace,
      // Double-click to open: a click only selects, so selecting two masks opens no image previews.
      settings: { 'maskInspector.ignoreIndex': 255, 'editor.hover.delay': 150, 'workbench.hover.delay': 150, 'workbench.list.openMode': 'doubleClick' },
    });
  }, START_TIMEOUT);

  afterAll(async () => {
    await vs?.close();
    for (const d of [workspace, extensionDir]) if (d) rmSync(d, { recursive: true, force: true });
  }, 60_000);

  it('shows the pairs in the Mask Pairs view, worst first, with the CLI\'s numbers', async () => {
    const s = session();
    const roots = await s.readTreeItems('Mask Pairs', { minCount: 3, timeoutMs: 60_000 });
    expect(roots.filter((r) => r.level === 1).map((r) => r.label)).toEqual(['cells', 'lesions', 'street']);
    // Datasets start expanded; wait until lesions' two pairs have their numbers.
    const lesionsPairs = async () => (await s.readTreeItems('Mask Pairs')).filter((r) => r.label === 'case1' || r.label === 'case2');
    await expect.poll(async () => (await lesionsPairs()).every((r) => r.description.startsWith('Dice ')), { timeout: 60_000 }).toBe(true);
    const [first, second] = await lesionsPairs();
    // Worst first: case2 has the lower Dice.
    expect([first!.label, second!.label]).toEqual(['case2', 'case1']);
    expectClose(first!.description.replace('Dice ', ''), cliPair('lesions/case2_gt.png', 'lesions/case2_prob.png').metrics.dice, 4, 'case2 Dice');

    // Room for the pair's values: fold the other datasets, then open case1 (its Metrics open with it).
    for (const dataset of ['cells', 'street']) await s.treeItem('Mask Pairs', dataset).locator('.monaco-tl-twistie').click();
    await s.treeItem('Mask Pairs', 'case1').locator('.monaco-tl-twistie').click();
    await expect.poll(async () => (await s.readTreeItems('Mask Pairs')).some((r) => r.label === 'HD95'), { timeout: 30_000 }).toBe(true);
    const rows = await s.readTreeItems('Mask Pairs');
    const expected = cliPair('lesions/case1_gt.png', 'lesions/case1_prob.png').metrics;
    const names: Record<string, string> = { Dice: 'dice', IoU: 'iou', Precision: 'precision', Recall: 'recall', HD95: 'hd95', ASSD: 'assd' };
    for (const [label, id] of Object.entries(names)) {
      const row = rows.find((r) => r.label === label);
      expect(row, label).toBeDefined();
      expectClose(row!.description, expected[id], 4, `tree ${label}`);
    }
    // The objects case1's prediction misses and adds, and its PQ, as the CLI counts them.
    const objects = cliPair('lesions/case1_gt.png', 'lesions/case1_prob.png').objects!;
    const objectsRow = rows.find((r) => r.label === 'Objects');
    const [missed, extra, pq] = (objectsRow?.description ?? '').split(' · ');
    expect([missed, extra]).toEqual([`${objects.counts.fn}/${objects.counts.gt} missed`, `${objects.counts.fp} extra`]);
    expectClose(pq!.replace('PQ ', ''), objects.metrics.pq, 4, 'tree PQ');
    await shot('01-tree');
    // Fold case1 again, so the next step finds case2 without scrolling a list taller than the view.
    await s.treeItem('Mask Pairs', 'case1').locator('.monaco-tl-twistie').click();
  }, STEP_TIMEOUT);

  it('shows a pair\'s error overlay and numbers in its tooltip', async () => {
    const s = session();
    await s.hoverText(s.treeItem('Mask Pairs', 'case2'), { timeoutMs: 20_000 });
    const text = await visibleHover(s, 'Open comparison');
    const expected = cliPair('lesions/case2_gt.png', 'lesions/case2_prob.png').metrics;
    const cells = text.split(/\s+/);
    const diceAt = cells.indexOf('Dice');
    expect(diceAt).toBeGreaterThanOrEqual(0);
    // The table reads "Dice IoU Precision Recall HD95 ASSD" then the six values.
    expectClose(cells[diceAt + 6]!, expected.dice, 4, 'tooltip Dice');
    expectClose(cells[diceAt + 10]!, expected.hd95, 4, 'tooltip HD95');
    const img = s.page.locator('.monaco-hover:not(.hidden) img[src^="data:image/png;base64,"]');
    await expect.poll(() => img.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await img.first().evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(50);
    await shot('02-tree-tooltip');
    await s.page.mouse.move(2, 2);
  }, STEP_TIMEOUT);

  it('compares two files right-clicked in the explorer', async () => {
    const s = session();
    // The prediction is clicked first: the roles come from the names, not the order.
    await s.explorerContextMenu(['lesions/case2_prob.png', 'lesions/case2_gt.png'], 'Compare Masks');
    const dice = async (f: Frame) => (await f.locator('#app tr[data-metric="dice"] td.value').first().textContent())?.trim() ?? '';
    const frame = await s.findWebviewFrame(async (f) => (await dice(f)) !== '', { timeoutMs: 90_000 });
    expectClose(await dice(frame), cliPair('lesions/case2_gt.png', 'lesions/case2_prob.png').metrics.dice, 5, 'webview Dice');
    const tab = s.page.locator('.tabs-container .tab.active');
    expect(await tab.getAttribute('aria-label')).toContain('case2_prob.png vs case2_gt.png');
    // A probability map cannot become the ground truth: Swap is off and says why, naming the file.
    const swap = frame.locator('[data-action="swap"]');
    expect(await swap.getAttribute('disabled')).not.toBeNull();
    expect(await swap.getAttribute('title')).toContain('lesions/case2_prob.png holds probabilities');
    await shot('03-compare');
    await s.runCommand('View: Close All Editors');
  }, STEP_TIMEOUT);

  it('swaps two label maps and back; the title names the model', async () => {
    const s = session();
    await s.explorerContextMenu(['cells/pred/threshold/img_001.png', 'cells/gt/img_001.png'], 'Compare Masks');
    const title = async (f: Frame) => (await f.locator('.pair-title').textContent()) ?? '';
    const dice = async (f: Frame) => (await f.locator('#app tr[data-metric="dice"] td.value').first().textContent())?.trim() ?? '';
    const frame = await s.findWebviewFrame(async (f) => (await dice(f)) !== '' && (await title(f)) === 'img_001.png — threshold vs gt', { timeoutMs: 90_000 });
    const before = await dice(frame);
    const tab = s.page.locator('.tabs-container .tab.active');
    expect(await tab.getAttribute('aria-label')).toContain('img_001.png — threshold vs gt');
    for (const [want, label] of [['img_001.png — gt vs threshold', 'swapped'], ['img_001.png — threshold vs gt', 'swapped back']] as const) {
      await frame.locator('[data-action="swap"]').click();
      await expect.poll(() => title(frame), { timeout: 60_000, message: label }).toBe(want);
      await expect.poll(() => dice(frame), { timeout: 60_000 }).not.toBe('');
      await expect.poll(() => tab.getAttribute('aria-label'), { timeout: 10_000 }).toContain(want);
      expect(await dice(frame), `Dice is symmetric (${label})`).toBe(before);
    }
    expectClose(before, cliPair('cells/gt/img_001.png', 'cells/pred/threshold/img_001.png').metrics.dice, 5, 'webview Dice');
    await shot('03b-swap');
    await s.runCommand('View: Close All Editors');
  }, STEP_TIMEOUT);

  /** Runs the loss report from the palette and checks every value of its table against a CLI report. */
  async function checkLossReport(expected: Report): Promise<Frame> {
    const s = session();
    // A settings change reaches the extension host asynchronously: run again until the report has its preset.
    let frame: Frame | undefined;
    for (let attempt = 0; !frame; attempt++) {
      await s.runCommand('Mask Inspector: Loss Report');
      const shown = await s.findWebviewFrame(async (f) => (await f.locator('#report #pairs tbody tr').count()) > 0, { timeoutMs: 120_000 });
      if ((await shown.locator('#report').getAttribute('data-preset')) === expected.preset) frame = shown;
      else if (attempt >= 5) throw new Error(`the loss report does not use preset ${expected.preset}`);
      else await s.page.waitForTimeout(1000);
    }
    const table = await frame.evaluate(() => {
      const heads = [...document.querySelectorAll('#pairs thead th')].map((th) => th.getAttribute('data-id') ?? '');
      return [...document.querySelectorAll('#pairs tbody tr')].map((tr) => {
        const cells = [...(tr as HTMLTableRowElement).cells];
        return { gt: cells[3]!.textContent!, pred: cells[4]!.textContent!, values: Object.fromEntries(cells.map((c, i) => [heads[i], c.getAttribute('data-v')]).filter(([h]) => h)) };
      });
    });
    expect(table).toHaveLength(expected.pairs.length);
    const sortValue = (v: Tagged) => (v.status === 'ok' ? String(v.value) : v.status === 'infinite' ? 'Infinity' : '');
    for (const row of table) {
      const p = expected.pairs.find((q) => q.gt === row.gt && q.pred === row.pred);
      expect(p, `${row.gt} ↔ ${row.pred} in the CLI report`).toBeDefined();
      for (const [id, v] of Object.entries(p!.metrics)) expect(row.values[`metric:${id}`], `${row.pred} ${id}`).toBe(sortValue(v));
      for (const [id, v] of Object.entries(p!.losses)) expect(row.values[`loss:${id}`], `${row.pred} loss ${id}`).toBe(sortValue(v));
    }
    return frame;
  }

  it('runs the loss report from the palette: every pair with the CLI\'s numbers', async () => {
    const s = session();
    const frame = await checkLossReport(cli);
    const summary = await frame.locator('#summary tbody tr.metric[data-id="dice"] td').first().getAttribute('data-v');
    expect(Number(summary)).toBeCloseTo(cli.summary.metrics.dice!.mean!, 12);
    // Sorting by a column puts the worst Dice first.
    await frame.locator('#pairs thead th[data-id="metric:dice"]').click();
    const firstPred = await frame.locator('#pairs tbody tr').first().locator('td').nth(4).textContent();
    const worst = [...cli.pairs].sort((a, b) => (a.metrics.dice!.value ?? 2) - (b.metrics.dice!.value ?? 2))[0]!;
    expect(firstPred).toBe(worst.pred);
    await expect.poll(() => frame.locator('#classes tbody tr').count()).toBe(4); // street: 4 classes
    await shot('04-loss-report');
    await s.runCommand('View: Close All Editors');
  }, STEP_TIMEOUT);

  it('opens the loss report\'s confusion matrix: the CLI\'s pooled counts; a cell lists its pairs, one opens', async () => {
    const s = session();
    const frame = await checkLossReport(cli);
    const pooled = cli.summary.pooled!;
    const cells = await frame.locator('#confusion td.cm-cell').evaluateAll((tds) => tds.map((td) => [(td as HTMLElement).dataset.cell, Number(td.textContent)]));
    expect(cells).toEqual(pooled.confusion!.flatMap((row, g) => row.map((n, p) => [`${g},${p}`, n])));
    for (const [k, c] of Object.entries(pooled.perClass)) {
      const iou = (await frame.locator(`#pooled-classes tr[data-class="${k}"] td`).nth(1).textContent()) ?? '';
      expectClose(iou.trim(), c.metrics.iou, 4, `pooled IoU of class ${k}`);
    }
    // The largest confusion off the diagonal: its cell lists the pairs with most of it, the first opens.
    let [g, p, most] = [0, 0, -1];
    pooled.confusion!.forEach((row, i) => row.forEach((n, j) => i !== j && n > most && ([g, p, most] = [i, j, n])));
    await frame.locator(`#confusion td.cm-cell[data-cell="${g},${p}"]`).click();
    const list = frame.locator(`.cm-pairs[data-cell="${g},${p}"]`);
    await expect.poll(() => list.isVisible(), { timeout: 30_000 }).toBe(true);
    const countOf = (q: PairReport) => (q.confusion ?? (q.counts && [[q.counts.tn, q.counts.fp], [q.counts.fn, q.counts.tp]]))?.[g]?.[p] ?? 0;
    const top = Math.max(...cli.pairs.map(countOf));
    const first = ((await list.locator('li').first().textContent()) ?? '').trim();
    expect(cli.pairs.filter((q) => countOf(q) === top).some((q) => first.startsWith(`${q.gt} `)), `${first} has the most ${g}→${p}`).toBe(true);
    await shot('05-confusion-matrix');
    await list.locator('li').first().click();
    const dice = async (f: Frame) => (await f.locator('#app tr[data-metric="dice"] td.value').first().textContent())?.trim() ?? '';
    expect(await s.findWebviewFrame(async (f) => (await dice(f)) !== '', { timeoutMs: 90_000 })).toBeDefined();
    await s.runCommand('View: Close All Editors');
  }, STEP_TIMEOUT);

  it('shows a pair\'s panel when hovering a mask path in a CSV file', async () => {
    const s = session();
    await s.page.locator('.explorer-folders-view .monaco-list-row[aria-label="files.csv"]').dblclick();
    await s.page.locator('.editor-group-container.active .monaco-editor .view-line').first().waitFor();
    await s.hoverEditorText('cells/pred/unet/img_003.png', { timeoutMs: 30_000 });
    const text = await visibleHover(s, 'Open comparison');
    expect(text).toContain('img_003');
    const cells = text.split(/\s+/);
    expectClose(cells[cells.indexOf('Dice') + 6]!, cliPair('cells/gt/img_003.png', 'cells/pred/unet/img_003.png').metrics.dice, 4, 'editor hover Dice');
    await shot('05-editor-hover');
    // The hover's link opens the comparison.
    await s.page.locator('.monaco-hover:not(.hidden) a', { hasText: 'Open comparison' }).first().click();
    const frame = await s.findWebviewFrame(async (f) => ((await f.locator('#app tr[data-metric="dice"] td.value').first().textContent()) ?? '').trim() !== '', { timeoutMs: 90_000 });
    expect(frame).toBeDefined();
    await shot('06-hover-link-compare');
    await s.runCommand('View: Close All Editors');
  }, STEP_TIMEOUT);

  it('switches the preset from the palette; the numbers follow without a reload', async () => {
    const s = session();
    await s.runCommand('Mask Inspector: Select Preset');
    const input = s.page.locator('.quick-input-widget .quick-input-box input');
    await input.fill('monai');
    await s.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'monai' }).first().waitFor();
    await s.page.keyboard.press('Enter');
    const monai = JSON.parse(execFileSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), 'report', workspace, '--ignore-index', '255', '--preset', 'monai', '--format', 'json'], { encoding: 'utf8' })) as Report;
    await checkLossReport(monai);
    await shot('08-preset-monai-report');
    await s.runCommand('View: Close All Editors');
  }, STEP_TIMEOUT);

  it('summarises the workspace in the status bar', async () => {
    const s = session();
    const item = s.page.locator('.statusbar-item', { hasText: '17 pairs' });
    await item.waitFor({ timeout: 30_000 });
    expect(await item.innerText()).toMatch(/17 pairs · Dice 0\.\d+/);
    await shot('07-status-bar');
  }, STEP_TIMEOUT);
});
