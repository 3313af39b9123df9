/** The Explorer: rows by path, multi-selection and its context menu. */
import type { Locator, Page } from 'playwright-core';
import { cssString, escapeRegExp } from './selectors';
import { DEFAULT_UI_TIMEOUT_MS, waitFor } from './wait';
import { runCommand } from './workbench';

const EXPLORER = '.explorer-folders-view';

/** Opens the Explorer view (no-op if it is showing). */
export async function showExplorer(page: Page): Promise<void> {
  if (await page.locator(EXPLORER).isVisible()) return;
  await runCommand(page, 'View: Show Explorer');
  await page.locator(EXPLORER).waitFor({ state: 'visible', timeout: DEFAULT_UI_TIMEOUT_MS });
}

/**
 * CSS selector of the explorer row of a file or folder, by path relative to the (single)
 * workspace folder, e.g. "sub/a.png"; expands the folders on the way (clicking the twistie,
 * which neither selects nor opens). Top-level entries have aria-level 1.
 *
 * Rows are recycled DOM elements (the list re-binds them when the tree re-renders, e.g. after a
 * file-watcher refresh), so never hold on to an element handle: use the selector/locator, which
 * Playwright re-resolves on every action.
 */
export async function explorerRowSelector(page: Page, relPath: string, opts: { timeoutMs?: number } = {}): Promise<string> {
  const timeout = opts.timeoutMs ?? DEFAULT_UI_TIMEOUT_MS;
  await showExplorer(page);
  const parts = relPath.split(/[\\/]+/).filter(Boolean);
  if (parts.length === 0) throw new Error(`empty explorer path "${relPath}"`);
  let selector = '';
  for (let level = 1; level <= parts.length; level++) {
    selector = `${EXPLORER} .monaco-list-row[aria-level="${level}"][aria-label=${cssString(parts[level - 1]!)}]`;
    const row = page.locator(selector).first();
    await row.waitFor({ state: 'visible', timeout });
    if (level < parts.length && (await row.getAttribute('aria-expanded')) !== 'true') {
      await row.locator('.monaco-tl-twistie').click();
      await page.locator(`${selector}[aria-expanded="true"]`).first().waitFor({ state: 'visible', timeout });
    }
  }
  return selector;
}

/** Locator of an explorer row (see explorerRowSelector). */
export async function explorerRow(page: Page, relPath: string, opts: { timeoutMs?: number } = {}): Promise<Locator> {
  return page.locator(await explorerRowSelector(page, relPath, opts)).first();
}

export interface ExplorerContextMenuOptions {
  /** Select the range first..last with shift-click instead of ctrl-clicking each. */
  range?: boolean;
  timeoutMs?: number;
}

/**
 * Selects the files in the explorer (click the first, ctrl-click the others, or shift-click the
 * last with range: true), right-clicks the last one and picks the context-menu entry whose label
 * equals itemLabel. Note: the plain click on the first file also opens it (VS Code's default
 * single-click open); set "workbench.list.openMode": "doubleClick" to avoid that.
 */
export async function explorerContextMenu(
  page: Page,
  files: string[],
  itemLabel: string,
  opts: ExplorerContextMenuOptions = {},
): Promise<void> {
  if (files.length === 0) throw new Error('explorerContextMenu needs at least one file');
  const timeout = opts.timeoutMs ?? DEFAULT_UI_TIMEOUT_MS;
  const selectors: string[] = [];
  for (const f of files) selectors.push(await explorerRowSelector(page, f, { timeoutMs: timeout }));
  const row = (sel: string) => page.locator(sel).first();
  const mustBeSelected = opts.range && selectors.length > 1 ? [selectors[0]!, selectors[selectors.length - 1]!] : selectors;
  const allSelected = async () => {
    for (const sel of mustBeSelected) if (!(await page.locator(`${sel}[aria-selected="true"]`).count())) return false;
    return true;
  };
  // Clicks can get lost while the tree is still settling right after start-up (it re-renders
  // when the file watcher reports); check the selection and redo the clicks if needed.
  for (let attempt = 1; ; attempt++) {
    await row(selectors[0]!).click();
    if (opts.range && selectors.length > 1) {
      await row(selectors[selectors.length - 1]!).click({ modifiers: ['Shift'] });
    } else {
      for (const sel of selectors.slice(1)) await row(sel).click({ modifiers: ['Control'] });
    }
    try {
      await waitFor('the explorer selection', 3_000, async () => ((await allSelected()) ? true : undefined), 100);
      break;
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
  // Right-clicking a row that is part of the selection keeps the whole selection.
  await row(selectors[selectors.length - 1]!).click({ button: 'right' });
  await clickContextMenuItem(page, itemLabel, { timeoutMs: timeout });
}

/** Clicks an entry of the open VS Code context menu by its exact label. */
export async function clickContextMenuItem(page: Page, itemLabel: string, opts: { timeoutMs?: number } = {}): Promise<void> {
  const timeout = opts.timeoutMs ?? DEFAULT_UI_TIMEOUT_MS;
  const menu = page.locator('.context-view .monaco-menu').first();
  await menu.waitFor({ state: 'visible', timeout });
  const item = menu
    .locator('.action-item:not(.disabled) a.action-menu-item')
    .filter({ has: page.locator('.action-label', { hasText: new RegExp(`^\\s*${escapeRegExp(itemLabel)}\\s*$`) }) })
    .first();
  try {
    await item.waitFor({ state: 'visible', timeout: Math.min(timeout, 5_000) });
  } catch {
    const labels = (await menu.locator('.action-item .action-label').allInnerTexts()).filter((l) => l.trim());
    await page.keyboard.press('Escape');
    throw new Error(`Context menu has no enabled entry "${itemLabel}"; entries: ${JSON.stringify(labels)}`);
  }
  // The click is occasionally swallowed on a slow machine (seen once: menu stayed open with the
  // entry visible). VS Code hides the menu before it runs the action, so a menu that is still
  // open means the action did not run and the click can safely be repeated.
  for (let attempt = 1; ; attempt++) {
    await item.click();
    try {
      await menu.waitFor({ state: 'hidden', timeout: 5_000 });
      return;
    } catch (e) {
      if (attempt >= 3 || !(await item.isVisible())) throw e;
      console.warn(`[e2e harness] context menu still open after clicking "${itemLabel}"; clicking again`);
    }
  }
}
