/** Tree views: showing a view, reading its rendered rows, a row by label. */
import type { Locator, Page } from 'playwright-core';
import { cssString, escapeRegExp } from './selectors';
import { DEFAULT_UI_TIMEOUT_MS, waitFor } from './wait';
import { runCommand } from './workbench';

export interface TreeItemInfo {
  label: string;
  description: string;
  ariaLabel: string;
  level: number;
  /** undefined for leaves. */
  expanded: boolean | undefined;
  selected: boolean;
}

export interface ReadTreeItemsOptions {
  /** Wait until at least this many rows are rendered. Default 1; 0 returns what is there. */
  minCount?: number;
  timeoutMs?: number;
}

function paneHeader(page: Page, viewTitle: string): Locator {
  return page.locator(`.pane-header[aria-label=${cssString(`${viewTitle} Section`)}]`).first();
}

/** Makes the view visible and expanded: runs "<Container>: Focus on <viewTitle> View" if needed. */
export async function showView(page: Page, viewTitle: string, opts: { timeoutMs?: number } = {}): Promise<Locator> {
  const timeout = opts.timeoutMs ?? DEFAULT_UI_TIMEOUT_MS;
  const header = paneHeader(page, viewTitle);
  if (!(await header.count()) || !(await paneOf(page, header).isVisible())) {
    await runCommand(page, new RegExp(`: Focus on ${escapeRegExp(viewTitle)} View$`), { filter: `Focus on ${viewTitle} View`, timeoutMs: timeout });
    await header.waitFor({ state: 'attached', timeout });
  }
  // A lone view in a container hides its header; then it cannot be (and need not be) expanded.
  if ((await header.isVisible()) && (await header.getAttribute('aria-expanded')) === 'false') {
    await header.click();
    await page.locator(`.pane-header[aria-label=${cssString(`${viewTitle} Section`)}][aria-expanded="true"]`).first().waitFor({ timeout });
  }
  return paneOf(page, header);
}

function paneOf(page: Page, header: Locator): Locator {
  return page.locator('.pane').filter({ has: header }).first();
}

/** Rows currently rendered in a view (lists are virtualised: scrolled-out rows are missing). */
export async function readTreeItems(page: Page, viewTitle: string, opts: ReadTreeItemsOptions = {}): Promise<TreeItemInfo[]> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_UI_TIMEOUT_MS;
  const pane = await showView(page, viewTitle, { timeoutMs });
  const rows = pane.locator('.pane-body .monaco-list-row');
  const minCount = opts.minCount ?? 1;
  await waitFor(`${minCount} row(s) in view "${viewTitle}"`, timeoutMs, async () => ((await rows.count()) >= minCount ? true : undefined));
  return rows.evaluateAll((els) =>
    els
      .map((el) => ({
        index: Number(el.getAttribute('data-index')),
        label: el.querySelector('.label-name')?.textContent ?? '',
        description: el.querySelector('.label-description')?.textContent ?? '',
        ariaLabel: el.getAttribute('aria-label') ?? '',
        level: Number(el.getAttribute('aria-level') ?? '1'),
        expanded: el.hasAttribute('aria-expanded') ? el.getAttribute('aria-expanded') === 'true' : undefined,
        selected: el.getAttribute('aria-selected') === 'true',
      }))
      .sort((a, b) => a.index - b.index)
      .map(({ index: _index, ...rest }) => rest),
  );
}

/** Locator of a rendered row of a view by its exact label (call readTreeItems/showView first). */
export function treeItem(page: Page, viewTitle: string, label: string): Locator {
  return paneOf(page, paneHeader(page, viewTitle))
    .locator('.pane-body .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) })
    .first();
}
