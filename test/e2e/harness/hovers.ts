/** Hovers: workbench tooltips and the editor's hover, read as rendered text. */
import type { Locator, Page } from 'playwright-core';
import { waitFor } from './wait';

const VISIBLE_HOVER = '.monaco-hover:not(.hidden)';

async function waitForNoHover(page: Page): Promise<void> {
  // Park the mouse on the empty left end of the title bar, which has no tooltip.
  await page.mouse.move(2, 2);
  try {
    await waitFor('hovers to close', 3_000, async () => ((await page.locator(VISIBLE_HOVER).count()) === 0 ? true : undefined), 100);
  } catch {
    await page.keyboard.press('Escape'); // sticky hover; Escape closes it
  }
}

async function readVisibleHover(page: Page, timeoutMs: number): Promise<string> {
  return waitFor('a hover to show', timeoutMs, async () => {
    const texts = await page.locator(VISIBLE_HOVER).evaluateAll((els) =>
      els.filter((e) => (e as HTMLElement).offsetHeight > 0).map((e) => (e as HTMLElement).innerText.trim()),
    );
    const t = texts.filter(Boolean).pop();
    return t || undefined;
  }, 100);
}

/**
 * Hovers the target (tree row, button, status bar item, ...) and returns the text of the hover
 * that appears (workbench tooltips and editor hovers alike; markdown comes back as rendered text).
 */
export async function hoverText(page: Page, target: Locator, opts: { timeoutMs?: number } = {}): Promise<string> {
  await waitForNoHover(page);
  await target.hover();
  return readVisibleHover(page, opts.timeoutMs ?? 10_000);
}

/**
 * Moves the mouse onto `text` in the active editor (the n-th occurrence in the rendered lines,
 * default 0) and returns the text of the editor hover. Only rendered (visible) lines count.
 */
export async function hoverEditorText(page: Page, text: string, opts: { timeoutMs?: number; occurrence?: number } = {}): Promise<string> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  await waitForNoHover(page);
  const point = await waitFor(`"${text}" in the active editor`, timeoutMs, () =>
    page.evaluate(
      ({ text, occurrence }) => {
        const editor =
          document.querySelector('.editor-group-container.active .monaco-editor .view-lines') ??
          document.querySelector('.monaco-editor .view-lines');
        if (!editor) return undefined;
        const lines = [...editor.querySelectorAll<HTMLElement>('.view-line')].sort(
          (a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top,
        );
        let seen = 0;
        for (const line of lines) {
          const nodes: Text[] = [];
          const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) nodes.push(walker.currentNode as Text);
          const full = nodes.map((n) => n.data).join('').replace(/\u00a0/g, ' ');
          let at = full.indexOf(text);
          while (at >= 0) {
            if (seen++ === occurrence) {
              const locate = (offset: number, isEnd: boolean): [Text, number] => {
                let acc = 0;
                for (const n of nodes) {
                  if (offset < acc + n.data.length || (isEnd && offset === acc + n.data.length)) return [n, offset - acc];
                  acc += n.data.length;
                }
                const last = nodes[nodes.length - 1]!;
                return [last, last.data.length];
              };
              const range = document.createRange();
              range.setStart(...locate(at, false));
              range.setEnd(...locate(at + text.length, true));
              const r = range.getBoundingClientRect();
              return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
            }
            at = full.indexOf(text, at + 1);
          }
        }
        return undefined;
      },
      { text, occurrence: opts.occurrence ?? 0 },
    ),
  );
  // Two moves: the editor shows its hover on mousemove over the word.
  await page.mouse.move(point.x - 1, point.y);
  await page.mouse.move(point.x, point.y);
  return readVisibleHover(page, timeoutMs);
}
