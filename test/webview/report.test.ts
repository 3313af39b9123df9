/**
 * The loss report page in Chromium as VS Code shows it: the host's HTML and CSP (reportHtml) with the
 * bundled page script (dist/report.js), `acquireVsCodeApi` stubbed so the test sees what the page asks
 * of the host over the report's channel.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_SCHEMA, type PairReport, type Report } from '../../src/core/report/schema';
import { SummaryBuilder } from '../../src/core/report/summary';
import { reportHtml } from '../../src/extension/report/reportHtml';
import { classBreakdown } from '../../src/extension/report/reportModel';
import type { FromReport } from '../../src/shared/reportProtocol';
import { launch } from './harness';

const ok = (value: number) => ({ value, status: 'ok' as const });
const pair = (gt: string, dice: number, confusion: number[][]): PairReport => ({
  root: '/w', gt, pred: gt.replace('gt', 'pred'), dataset: 'd', model: '', width: 4, height: 4, mode: 'multiclass', classes: 2,
  losses: { dice: ok(1 - dice) }, metrics: { dice: ok(dice) }, confusion, warnings: [], error: null,
});

function report(): Report {
  const pairs = [pair('gt/a.png', 0.5, [[8, 2], [1, 5]]), pair('gt/b.png', 0.9, [[9, 0], [3, 4]]), pair('gt/c.png', 0.7, [[10, 1], [0, 5]])];
  const s = new SummaryBuilder({ spacing: [1, 1] });
  pairs.forEach((p) => s.add(p));
  return { schema: REPORT_SCHEMA, tool: { name: 'mask-inspector', version: '0' }, preset: 'paper', settings: { threshold: 0.5, spacing: [1, 1], nsdTolerance: 1, ignoreIndex: null, params: {} }, pairs, unpaired: [], summary: s.build() };
}

const STUB = `
window.__sent = []; window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
window.acquireVsCodeApi = () => ({
  postMessage: (m) => window.__sent.push(m),
  getState: () => JSON.parse(sessionStorage.getItem('state') ?? 'null') ?? undefined,
  setState: (s) => sessionStorage.setItem('state', JSON.stringify(s)),
});`;

describe('loss report page', () => {
  let server: Server;
  let url: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const r = report();
    server = createServer((req, res) => {
      if (req.url === '/report.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' });
        res.end(readFileSync(join(process.cwd(), 'dist', 'report.js')));
        return;
      }
      const origin = `http://${req.headers.host}`;
      const nonce = 'N0nce';
      const html = reportHtml({ report: r, columns: { losses: ['dice'], metrics: ['dice'] }, classes: classBreakdown(r.pairs), classNames: ['bg', 'road'], classColors: [], cspSource: origin, nonce, scriptUri: '/report.js', stale: ['preset paper → monai'] });
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(html.replace('<script nonce=', `<script nonce="${nonce}">${STUB}</script>\n<script nonce=`));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    browser = await launch(false);
    page = await browser.newPage();
    page.on('pageerror', (e) => console.error('report page error:', e.message));
    await page.goto(url);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((done) => server?.close(done));
  });

  const sent = (): Promise<FromReport[]> => page.evaluate(() => (window as unknown as { __sent: FromReport[] }).__sent);
  const order = (): Promise<string[]> => page.$$eval('#pairs tbody tr', (rows) => rows.map((r) => (r as HTMLElement).dataset.index ?? ''));

  it('sorts by a column, each click reversing it, and keeps the sort across a reload', async () => {
    await page.click('#pairs th[data-id="metric:dice"]');
    expect(await order()).toEqual(['0', '2', '1']);
    expect(await page.getAttribute('#pairs th[data-id="metric:dice"]', 'aria-sort')).toBe('ascending');
    await page.click('#pairs th[data-id="metric:dice"]');
    expect(await order()).toEqual(['1', '2', '0']);
    await page.reload();
    expect(await order()).toEqual(['1', '2', '0']);
  });

  it('asks the host to open a clicked pair, export, and re-run; nothing else', async () => {
    await page.click('#pairs tbody tr[data-index="2"]');
    await page.click('button[data-export="markdown"]');
    await page.click('button[data-rerun]');
    expect(await sent()).toEqual([{ type: 'open', index: 2 }, { type: 'export', format: 'markdown' }, { type: 'rerun' }]);
  });

  it('filters pairs by path and hides the loss columns', async () => {
    await page.fill('#filter', 'b.png');
    expect(await page.$$eval('#pairs tbody tr', (rows) => rows.filter((r) => !(r as HTMLElement).hidden).map((r) => (r as HTMLElement).dataset.index))).toEqual(['1']);
    await page.uncheck('#show-losses');
    expect(await page.isVisible('#pairs th.loss')).toBe(false);
  });

  it('lists the pairs behind a confusion cell; one opens', async () => {
    // road predicted as bg: 3 pixels in b, 1 in a.
    await page.click('td.cm-cell[data-cell="1,0"]');
    expect(await page.isVisible('.cm-pairs[data-cell="1,0"]')).toBe(true);
    const before = (await sent()).length;
    await page.click('.cm-pairs[data-cell="1,0"] li[data-index="1"]');
    expect((await sent()).slice(before)).toEqual([{ type: 'open', index: 1 }]);
  });

  it('runs under the strict CSP', async () => {
    expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
  });
});
