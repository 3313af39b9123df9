/**
 * Runs the built webview (dist/webview.js) in Chromium the way VS Code does: the production HTML and
 * CSP from src/extension/webview/html.ts, served over http, with `acquireVsCodeApi` stubbed so the
 * test holds the other end of the typed message channel.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { newNonce, webviewHtml } from '../../src/extension/webview/html';
import type { FromWebview, PairPayload, ToWebview, ViewOptions } from '../../src/shared/protocol';

/** The repository root (tests and `npm run bench` run there). */
const ROOT = process.cwd();
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'webview');

/** A dark theme's variables, so screenshots look like VS Code (served as a file: the CSP allows no inline style). */
const THEME = `body {
  --vscode-foreground: #cccccc; --vscode-editor-background: #1e1e1e; --vscode-font-family: system-ui, sans-serif;
  --vscode-font-size: 13px; --vscode-descriptionForeground: #9d9d9d; --vscode-panel-border: #2b2b2b;
  --vscode-button-background: #0078d4; --vscode-focusBorder: #0078d4; --vscode-editorWidget-background: #202020;
  --vscode-textLink-foreground: #4daafc; --vscode-list-hoverBackground: #2a2d2e; --vscode-textBlockQuote-background: #2b2b2b;
}`;

/** Stubbed VS Code API: messages to the host collect in `__sent`; `__post` delivers one to the webview. */
const stub = (state: unknown) => `
window.__sent = []; window.__state = ${JSON.stringify(state ?? null)} ?? undefined; window.__violations = [];
window.__waiters = [];
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
window.acquireVsCodeApi = () => ({
  postMessage: (m) => { window.__sent.push(m); for (const w of window.__waiters.splice(0)) w(); },
  getState: () => window.__state,
  setState: (s) => { window.__state = JSON.parse(JSON.stringify(s)); },
});
window.__post = (m) => window.dispatchEvent(new MessageEvent('message', { data: m }));
window.__nextSent = () => new Promise((r) => window.__waiters.push(r));
`;

export interface Harness {
  url: string;
  /** The URL of a page that starts with this saved view state (getState). */
  urlWithState(state: unknown): string;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const states = new Map<string, unknown>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const file = { '/webview.js': 'webview.js', '/webview.css': 'webview.css' }[url.pathname];
    if (file) {
      res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/css' });
      res.end(readFileSync(join(ROOT, 'dist', file)));
      return;
    }
    if (url.pathname === '/theme.css') {
      res.writeHead(200, { 'content-type': 'text/css' });
      res.end(THEME);
      return;
    }
    if (url.pathname !== '/') {
      res.writeHead(404).end();
      return;
    }
    const origin = `http://${req.headers.host}`;
    const nonce = newNonce();
    const page = webviewHtml({ cspSource: origin, scriptUri: '/webview.js', styleUri: '/webview.css', nonce, title: 'harness' })
      .replace('</head>', `<link rel="stylesheet" href="/theme.css">\n</head>`)
      .replace(`<script nonce="${nonce}" src=`, `<script nonce="${nonce}">${stub(states.get(url.searchParams.get('state') ?? ''))}</script>\n<script nonce="${nonce}" src=`);
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(page);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    urlWithState(state: unknown) {
      const id = String(states.size + 1);
      states.set(id, state);
      return `${url}?state=${id}`;
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}

const BASE = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--headless=new'];
const WEBGL = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'];
// `--disable-webgl` alone leaves WebGL2 on OffscreenCanvas (which tfjs uses); no GPU and no software
// rasteriser is the set-up of a VS Code whose GPU is blocklisted.
const NO_WEBGL = ['--disable-webgl', '--disable-gpu', '--disable-software-rasterizer'];

/** Debian's Chromium; WebGL2 runs on SwiftShader. `webgl: false` starts it without any WebGL. */
export function launch(webgl = true): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: [...BASE, ...(webgl ? WEBGL : NO_WEBGL)] });
}

/**
 * The page reports its WebGL renderer as hardware: the view computes on the CPU engine when WebGL runs
 * on SwiftShader (as it does here), so the tests of the GPU engine in the view need this. The shaders
 * still run on SwiftShader; only the name the view reads is changed.
 */
const HARDWARE_RENDERER = `(() => {
  for (const C of [WebGLRenderingContext, WebGL2RenderingContext]) {
    const get = C.prototype.getParameter;
    C.prototype.getParameter = function (p) { return p === 0x9246 || p === 0x1f01 ? 'Harness GPU (hardware)' : get.call(this, p); };
  }
})();`;

export interface PageOptions {
  /** Report the WebGL renderer as it is (SwiftShader here): the view then picks the CPU engine. Default: as hardware. */
  rendererAsIs?: boolean;
}

export async function openPage(browser: Browser, url: string, options: PageOptions = {}): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  if (!options.rendererAsIs) await page.addInitScript(HARDWARE_RENDERER);
  page.on('pageerror', (e) => console.error('webview error:', e.message));
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __sent: FromWebview[] }).__sent.some((m) => m.type === 'ready'));
  return page;
}

type Results = Extract<FromWebview, { type: 'results' }>;

/** Sends a message; ArrayBuffers cross into the page as base64 (as VS Code, the test transfers bytes). */
export async function send(page: Page, msg: ToWebview): Promise<void> {
  const toB64 = (b: ArrayBuffer) => Buffer.from(b).toString('base64');
  const encoded = msg.type === 'load' ? { ...msg, pair: encodePair(msg.pair, toB64) } : msg;
  await page.evaluate((m) => {
    const fromB64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0)).buffer;
    const w = window as unknown as { __post(m: unknown): void };
    if (m.type === 'load') {
      const p = m.pair as Record<string, unknown> & { probCodes?: Record<string, unknown>; instanceIds?: Record<string, unknown> };
      p.labels = fromB64(p.labels as string);
      p.prob = fromB64(p.prob as string);
      if (p.probCodes) p.probCodes.values = fromB64(p.probCodes.values as string);
      if (p.instanceIds) p.instanceIds = { gt: fromB64(p.instanceIds.gt as string), pred: fromB64(p.instanceIds.pred as string) };
    }
    w.__post(m);
  }, encoded as unknown as Record<string, unknown> & { type: string; pair?: unknown });
}

function encodePair(p: PairPayload, toB64: (b: ArrayBuffer) => string): Record<string, unknown> {
  return {
    ...p, labels: toB64(p.labels), prob: toB64(p.prob),
    ...(p.probCodes ? { probCodes: { ...p.probCodes, values: toB64(p.probCodes.values) } } : {}),
    ...(p.instanceIds ? { instanceIds: { gt: toB64(p.instanceIds.gt), pred: toB64(p.instanceIds.pred) } } : {}),
  };
}

export const sent = (page: Page): Promise<FromWebview[]> => page.evaluate(() => (window as unknown as { __sent: FromWebview[] }).__sent);

/** The next results message after `count` messages were sent (by default: after the ones so far). */
export async function nextResults(page: Page, count?: number, timeout = 120_000): Promise<Results> {
  const from = count ?? (await sent(page)).length;
  const handle = await page.waitForFunction(
    (n) => (window as unknown as { __sent: FromWebview[] }).__sent.slice(n).find((m) => m.type === 'results'),
    from,
    { timeout, polling: 20 },
  );
  return (await handle.jsonValue()) as Results;
}

/** Loads a pair and waits for its first results. */
export async function loadPair(page: Page, pair: PairPayload, options: Partial<ViewOptions> = {}, requestId = 1): Promise<Results> {
  const before = (await sent(page)).length;
  const full: ViewOptions = { preset: 'paper', threshold: 0.5, spacing: [1, 1], nsdTolerance: 1, params: {}, ...options };
  await send(page, { type: 'load', requestId, pair, options: full });
  return nextResults(page, before);
}

/** The colour the view canvas shows at the centre of an image pixel. */
export async function pixelColour(page: Page, x: number, y: number): Promise<[number, number, number, number]> {
  return page.evaluate(
    ([px, py]) => {
      const c = document.querySelector('canvas.view-canvas') as HTMLCanvasElement;
      const t = JSON.parse(c.dataset.transform as string) as { zoom: number; tx: number; ty: number };
      const dpr = window.devicePixelRatio || 1;
      const sx = Math.floor(((px + 0.5) * t.zoom + t.tx) * dpr);
      const sy = Math.floor(((py + 0.5) * t.zoom + t.ty) * dpr);
      return Array.from((c.getContext('2d') as CanvasRenderingContext2D).getImageData(sx, sy, 1, 1).data) as [number, number, number, number];
    },
    [x, y],
  );
}

/** Screen position (page coordinates) of an image pixel's centre, for the mouse. */
export async function pixelOnScreen(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([px, py]) => {
      const c = document.querySelector('canvas.view-canvas') as HTMLCanvasElement;
      const t = JSON.parse(c.dataset.transform as string) as { zoom: number; tx: number; ty: number };
      const r = c.getBoundingClientRect();
      return { x: r.left + (px + 0.5) * t.zoom + t.tx, y: r.top + (py + 0.5) * t.zoom + t.ty };
    },
    [x, y],
  );
}

/** Turns a layer on or off and sets its opacity through its controls, as a user would. */
export async function setLayer(page: Page, id: string, on: boolean, opacity = 1): Promise<Results> {
  const before = (await sent(page)).length;
  await page.evaluate(
    ([layer, show, alpha]) => {
      const box = document.querySelector(`vscode-checkbox[data-layer="${layer}"]`) as HTMLElement & { checked: boolean };
      box.checked = show as boolean;
      box.dispatchEvent(new Event('change'));
      const range = document.querySelector(`input[data-opacity="${layer}"]`) as HTMLInputElement;
      range.value = String(alpha);
      range.dispatchEvent(new Event('input'));
    },
    [id, on, opacity] as const,
  );
  return nextResults(page, before);
}

/** Moves a range input (a parameter or the threshold) as a user would. */
export async function moveSlider(page: Page, selector: string, value: number): Promise<void> {
  await page.evaluate(
    ([sel, v]) => {
      const range = document.querySelector(sel as string) as HTMLInputElement;
      range.value = String(v);
      range.dispatchEvent(new Event('input'));
    },
    [selector, value] as const,
  );
}
