import { describe, expect, it } from 'vitest';
import { REPORT_SCHEMA, type PairReport, type Report } from '../../../src/core/report/schema';
import { SummaryBuilder } from '../../../src/core/report/summary';
import { reportHtml } from '../../../src/extension/report/reportHtml';
import { classBreakdown } from '../../../src/extension/report/reportModel';
import { parseFromReport } from '../../../src/shared/reportProtocol';

const ok = (value: number) => ({ value, status: 'ok' as const });
const pair = (gt: string, dice: number, perClass?: PairReport['perClass']): PairReport => ({
  root: '/w', gt, pred: gt.replace('gt', 'pred'), dataset: 'd', model: '', width: 2, height: 2, mode: perClass ? 'multiclass' : 'binary', classes: perClass ? 3 : 2,
  losses: { dice: ok(1 - dice) }, metrics: { dice: ok(dice), hd: { value: null, status: 'infinite' } }, warnings: [], error: null, ...(perClass ? { perClass } : {}),
});

function report(pairs: PairReport[]): Report {
  const s = new SummaryBuilder();
  pairs.forEach((p) => s.add(p));
  return { schema: REPORT_SCHEMA, tool: { name: 'mask-inspector', version: '0' }, preset: 'paper', settings: { threshold: 0.5, spacing: [1, 1], nsdTolerance: 1, ignoreIndex: 255, params: {} }, pairs, unpaired: [{ path: 'x_gt.png', reason: 'no partner' }], summary: s.build() };
}

describe('loss report', () => {
  const mc = { '0': { losses: {}, metrics: { dice: ok(0.9) } }, '1': { losses: {}, metrics: { dice: ok(0.5) } }, '2': { losses: {}, metrics: { dice: ok(0.7) } } };
  const r = report([pair('gt/a.png', 0.8), pair('gt/<b>.png', 0.6, mc), { ...pair('gt/c.png', 0), error: { code: 'corrupt-png', message: 'c.png: bad CRC' }, losses: {}, metrics: {} }]);

  it('breaks multi-class pairs down per class', () => {
    const classes = classBreakdown(r.pairs);
    expect(classes.map((c) => [c.index, c.pairs, c.metrics.dice?.mean])).toEqual([[0, 1, 0.9], [1, 1, 0.5], [2, 1, 0.7]]);
  });

  it('renders summary, sortable pairs, classes and unpaired files under a strict CSP', () => {
    const html = reportHtml({ report: r, columns: { losses: ['dice'], metrics: ['dice', 'hd'] }, classes: classBreakdown(r.pairs), classNames: ['bg', 'road'], classColors: ['#000000'], cspSource: 'vscode-resource:', nonce: 'N0nce', scriptUri: 'vscode-resource:/dist/report.js' });
    expect(html).toContain(`content="default-src 'none'; style-src vscode-resource: 'nonce-N0nce'; script-src 'nonce-N0nce'"`);
    expect(html).toContain('<script nonce="N0nce" src="vscode-resource:/dist/report.js"></script>');
    expect(html).not.toMatch(/ style="/);
    expect(html).toContain('gt/&lt;b&gt;.png'); // escaped
    expect(html).toContain('<td class="num metric" data-v="0.8" title="0.8">0.8</td>');
    expect(html).toContain('<td class="num metric" data-v="Infinity">infinite</td>');
    expect(html).toContain('<td class="error" colspan="3">c.png: bad CRC</td>');
    expect(html).toMatch(/<th scope="row"><span class="swatch" data-colour="#000000"><\/span>bg<\/th>/);
    expect(html).toContain('<th scope="row">road</th>');
    expect(html).toContain('<code>x_gt.png</code>: no partner');
    expect((html.match(/<tr class="pair/g) ?? []).length).toBe(3);
  });

  it('accepts only well-formed messages from the page', () => {
    expect(parseFromReport({ type: 'export', format: 'csv' })).toEqual({ type: 'export', format: 'csv' });
    expect(parseFromReport({ type: 'export', format: 'exe' })).toBeUndefined();
    expect(parseFromReport({ type: 'open', index: 2 })).toEqual({ type: 'open', index: 2 });
    expect(parseFromReport({ type: 'open', index: -1 })).toBeUndefined();
    expect(parseFromReport('open')).toBeUndefined();
  });
});
