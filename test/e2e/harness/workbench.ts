/** The workbench itself: screenshots, the command palette, notifications. */
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { ARTIFACTS_DIR } from './setup';
import { DEFAULT_UI_TIMEOUT_MS } from './wait';

/** Saves test-artifacts/e2e/<name>.png (name may contain "/") and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await fsp.mkdir(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file });
  return file;
}

export interface RunCommandOptions {
  /**
   * Text typed after ">" to filter the palette. Default: the title itself. Needed with a
   * RegExp title, because the palette list is virtualised (only visible rows exist).
   */
  filter?: string;
  timeoutMs?: number;
}

/**
 * Runs a command by its palette label ("Category: Title", as shown in the palette) via F1.
 * A string must equal the label; a RegExp is tested against it.
 */
export async function runCommand(page: Page, title: string | RegExp, opts: RunCommandOptions = {}): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const filter = opts.filter ?? (typeof title === 'string' ? title : undefined);
  if (filter === undefined) throw new Error('runCommand with a RegExp title needs opts.filter');
  const matches = (label: string) => (typeof title === 'string' ? label.trim() === title : title.test(label.trim()));
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('.quick-input-box input.input');
  const rows = widget.locator('.quick-input-list .monaco-list-row');

  // F1 goes to the focused frame; webviews forward key presses to the workbench, so this also
  // works with focus inside a webview. If a palette/quick pick is already open, F1 re-opens it
  // in command mode.
  await page.keyboard.press('F1');
  await input.waitFor({ state: 'visible', timeout: DEFAULT_UI_TIMEOUT_MS });

  const deadline = Date.now() + timeoutMs;
  let index = -1;
  for (let attempt = 0; index < 0; attempt++) {
    // Re-type each round: an open palette does not pick up commands registered after it opened
    // (contributed commands appear only once the extension host has reported its extensions).
    await input.fill('>');
    await input.fill(`>${filter}`);
    const roundEnd = Math.min(deadline, Date.now() + (attempt === 0 ? 1_500 : 3_000));
    while (Date.now() < roundEnd && index < 0) {
      const labels = await rows.evaluateAll((els) =>
        els.map((el) => ({ i: el.getAttribute('data-index'), label: el.querySelector('.label-name')?.textContent ?? '' })),
      );
      const hit = labels.find((l) => matches(l.label));
      if (hit) index = Number(hit.i);
      else await page.waitForTimeout(100);
    }
    if (index < 0 && Date.now() >= deadline) {
      const seen = await rows.evaluateAll((els) => els.map((el) => el.querySelector('.label-name')?.textContent ?? ''));
      await page.keyboard.press('Escape');
      throw new Error(`Command ${String(title)} not found in the palette within ${timeoutMs} ms (filter "${filter}"; rows: ${JSON.stringify(seen)})`);
    }
  }
  await widget.locator(`.quick-input-list .monaco-list-row[data-index="${index}"]`).click();
  // Done when the palette closed or switched to another prompt (a command may open a quick pick).
  await page.waitForFunction(
    (typed) => {
      const w = document.querySelector('.quick-input-widget') as HTMLElement | null;
      const i = w?.querySelector('.quick-input-box input.input') as HTMLInputElement | null;
      return !w || w.style.display === 'none' || !i || i.value !== typed;
    },
    `>${filter}`,
    { timeout: DEFAULT_UI_TIMEOUT_MS },
  );
}

export interface Notification {
  text: string;
  locator: Locator;
}

/**
 * Waits for a notification toast containing the text (string: substring; RegExp: tested).
 * Seen in headless Chromium: toasts do NOT hide by themselves (presumably because VS Code
 * auto-hides them only while the window has focus), so an older toast with the same text still matches: wait for
 * text that is specific to this step, or call clearNotifications() before the action. (With a
 * focused, headed window, info toasts hide after some seconds.)
 */
export async function waitForNotification(page: Page, text: string | RegExp, opts: { timeoutMs?: number } = {}): Promise<Notification> {
  const locator = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  await locator.waitFor({ state: 'visible', timeout: opts.timeoutMs ?? DEFAULT_UI_TIMEOUT_MS });
  const message = locator.locator('.notification-list-item-message').first();
  const t = (await message.count()) ? await message.innerText() : await locator.innerText();
  return { text: t.trim(), locator };
}

/** Closes all notifications (toasts and centre). */
export async function clearNotifications(page: Page): Promise<void> {
  await runCommand(page, 'Notifications: Clear All Notifications');
}
