/** A shown loss report says when the settings changed since it was computed, and offers to re-run. */
import { describe, expect, it } from 'vitest';
import { REPORT_SCHEMA, type PairReport, type Report } from '../../../src/core/report/schema';
import { SummaryBuilder } from '../../../src/core/report/summary';
import { reportHtml } from '../../../src/extension/report/reportHtml';
import { parseFromReport } from '../../../src/shared/reportProtocol';
import { basisChanges, type ReportBasis } from '../../../src/extension/report/staleness';

const basis: ReportBasis = {
  preset: 'paper',
  settings: { threshold: 0.5, spacing: [1, 1], nsdTolerance: 1, ignoreIndex: 255, params: {} },
  columns: { losses: ['dice'], metrics: ['dice'] },
  maxPixels: 100,
};

describe('report staleness', () => {
  it('names each setting that changed', () => {
    expect(basisChanges(basis, basis)).toEqual([]);
    expect(basisChanges(basis, { ...basis, preset: 'monai', settings: { ...basis.settings, ignoreIndex: null } })).toEqual(['preset paper → monai', 'ignore index 255 → none']);
    expect(basisChanges(basis, { ...basis, settings: { ...basis.settings, params: { dice: { smooth: 0 } } }, columns: { losses: [], metrics: ['dice'] } })).toEqual(['loss parameters', 'losses or metrics shown']);
  });

  it('renders an out-of-date notice with a Re-run button, whose message the host accepts', () => {
    const failed: PairReport = {
      root: '/w', gt: 'street/gt/f.png', pred: 'street/pred/f.npy', dataset: 'street', model: '', width: null, height: null, mode: null, classes: null, losses: {}, metrics: {}, warnings: [],
      error: { code: 'class-mismatch', message: 'street/pred/f.npy: prediction has 4 channels but ground truth street/gt/f.png has class 255' },
    } as unknown as PairReport;
    const s = new SummaryBuilder();
    s.add(failed);
    const report: Report = { schema: REPORT_SCHEMA, tool: { name: 'm', version: '0' }, preset: 'paper', settings: basis.settings, pairs: [failed], unpaired: [], summary: s.build() };
    const page = { report, columns: basis.columns, classes: [], classNames: [], classColors: [], cspSource: 'x:', nonce: 'n', scriptUri: 'x:/report.js' };
    expect(reportHtml(page)).not.toContain('id="stale"');
    const html = reportHtml({ ...page, stale: ['preset paper → monai'] });
    expect(html).toContain('<div class="stale" id="stale" role="status">Out of date: settings changed since this report was computed (preset paper → monai). <button data-rerun>Re-run</button></div>');
    expect(parseFromReport({ type: 'rerun' })).toEqual({ type: 'rerun' });
    // A failed pair says which setting would fix it.
    expect(html).toContain('has class 255. If 255 marks void (unlabelled) pixels, set maskInspector.ignoreIndex to 255.</td>');
  });
});
