/** Webview content frames, two iframes deep in the workbench. */
import type { Frame, Page } from 'playwright-core';
import { DEFAULT_UI_TIMEOUT_MS, waitFor } from './wait';

export type FramePredicate = (frame: Frame) => boolean | Promise<boolean>;

/**
 * The content frames of all webviews: VS Code puts `iframe.webview` (pre/index.html) into the
 * workbench and the extension's HTML into a frame inside that (pre/fake.html).
 */
export function webviewContentFrames(page: Page): Frame[] {
  return page.frames().filter((f) => /\/webview\/browser\/pre\/fake\.html/.test(f.url()) && !f.isDetached());
}

/**
 * Waits for a webview content frame for which the predicate holds (default: any). Errors the
 * predicate throws (frames detach while a webview reloads) count as "no".
 */
export async function findWebviewFrame(page: Page, predicate: FramePredicate = () => true, opts: { timeoutMs?: number } = {}): Promise<Frame> {
  return waitFor('a webview frame matching the predicate', opts.timeoutMs ?? DEFAULT_UI_TIMEOUT_MS, async () => {
    for (const f of webviewContentFrames(page)) {
      try {
        if (await predicate(f)) return f;
      } catch {
        /* detached or navigating */
      }
    }
    return undefined;
  });
}

/** Webview content frame containing an element matching the CSS selector. */
export function findWebviewFrameWith(page: Page, selector: string, opts: { timeoutMs?: number } = {}): Promise<Frame> {
  return findWebviewFrame(page, async (f) => (await f.locator(selector).count()) > 0, opts);
}
