import { describe, expect, it } from 'vitest';
import { REPORT_SCHEMA, type PairReport, type Report } from '../../../src/core/report/schema';
import { SummaryBuilder } from '../../../src/core/report/summary';
import { pooledSection, topConfusions } from '../../../src/extension/report/pooledView';
import { reportHtml } from '../../../src/extension/report/reportHtml';
import { classBreakdown } from '../../../src/extension/report/reportModel';
import { jobSettings, readSettings, reportSettings } from '../../../src/extension/settingsModel';

const ok = (value: number) => ({ value, status: 'ok' as const });
const pair = (gt: string, confusion: number[][]): PairReport => ({
  root: '/w', gt, pred: gt.replace('gt', 'pred'), dataset: 'd', model: '', width: 4, height: 4, mode: 'multiclass', classes: confusion.length,
  losses: {}, metrics: { iou: ok(0.5), dice: ok(0.6), hd: { value: null, status: 'infinite' } }, confusion, warnings: [], error: null,
});

function report(pairs: PairReport[]): Report {
  const s = new SummaryBuilder({ spacing: [1, 1] });
  pairs.forEach((p) => s.add(p));
  return { schema: REPORT_SCHEMA, tool: { name: 'mask-inspector', version: '0' }, preset: 'paper', settings: { threshold: 0.5, spacing: [1, 1], nsdTolerance: 1, ignoreIndex: null, params: {} }, pairs, unpaired: [], summary: s.build() };
}

describe('loss report: pooled metrics and confusion matrix', () => {
  // Summed: [[10, 0, 2], [3, 5, 0], [0, 0, 0]]; class 2 is predicted (2 pixels) but never in the ground truth.
  const r = report([pair('gt/a.png', [[6, 0, 2], [1, 5, 0], [0, 0, 0]]), pair('gt/b.png', [[4, 0, 0], [2, 0, 0], [0, 0, 0]])]);
  const html = reportHtml({ report: r, columns: { losses: [], metrics: ['iou', 'hd'] }, classes: classBreakdown(r.pairs), classNames: ['bg', 'road', 'car'], classColors: [], cspSource: 'vscode-resource:', nonce: 'N0nce', scriptUri: 'vscode-resource:/dist/report.js' });

  it('per-class table of pooled IoU and Dice from the summed counts', () => {
    // road: tp 5, fp 0, fn 3 → IoU 5/8, Dice 10/13; car: tp 0, fp 2, fn 0 → IoU 0.
    expect(html).toContain('<tr data-class="1"><th scope="row">road</th><td class="num">1</td><td class="num">0.625</td><td class="num">0.7692</td><td class="num">5</td><td class="num">0</td><td class="num">3</td></tr>');
    expect(html).toMatch(/<tr class="mean"><th scope="row">Mean \(foreground\)<\/th><td><\/td><td class="num">0\.3125<\/td>/);
  });

  it('confusion matrix: row-normalised shares, counts in the title, the pairs behind each cell', () => {
    expect(html).toContain('<td class="num cm-cell" data-cell="1,0" data-frac="0.3750" title="ground truth road → predicted bg: 3 pixels (37.5% of the row)" tabindex="0">3</td>');
    expect(html).toContain('<td class="num cm-cell diag" data-cell="2,2" data-frac="0.0000" title="ground truth car → predicted car: 0 pixels">0</td>');
    // Most road-as-background pixels in b (2), then a (1).
    expect(html).toMatch(/<div class="cm-pairs" data-cell="1,0" hidden><p>Pairs with most road predicted as bg:<\/p><ol><li data-index="1" tabindex="0">gt\/b\.png <span class="muted">2 pixels<\/span><\/li><li data-index="0" tabindex="0">gt\/a\.png/);
    expect(topConfusions(r.pairs, 1, 0)).toEqual([{ index: 1, pixels: 2 }, { index: 0, pixels: 1 }]);
    expect(html).not.toMatch(/ style="/);
  });

  it('summary rows count infinite and undefined values, with the worst-case mean of distances', () => {
    // hd is infinite in both 4×4 pairs: worst case = the diagonal √32.
    expect(html).toContain('<th scope="col">Undefined</th>');
    expect(html).toMatch(new RegExp(`<td class="num">0</td><td class="num">2</td><td class="num">0</td><td class="num" data-v="${Math.sqrt(32)}" title="${Math.sqrt(32)}">5\\.657</td></tr>`));
  });

  it('no section without a computed pair', () => {
    expect(pooledSection(report([]), [])).toBe('');
  });

  it('multi-label pairs: the per-channel table of summed counts, and no confusion matrix (channels overlap)', () => {
    const counts = (tp: number, fp: number, fn: number) => ({ counts: { tp, fp, fn, tn: 16 - tp - fp - fn }, losses: {}, metrics: { iou: ok(0) } });
    const ml = (gt: string, c: Array<[number, number, number]>): PairReport => ({
      ...pair(gt, []), mode: 'multilabel', classes: c.length, confusion: undefined, perClass: Object.fromEntries(c.map((x, k) => [String(k), counts(...x)])),
    });
    const section = pooledSection(report([ml('gt/a.npy', [[2, 0, 1], [1, 1, 0]]), ml('gt/b.npy', [[3, 1, 0], [0, 0, 2]])]), ['WT', 'TC']);
    // WT: tp 5, fp 1, fn 1 → IoU 5/7; TC: tp 1, fp 1, fn 2 → IoU 1/4; mean over both channels.
    expect(section).toContain('<tr data-class="0"><th scope="row">WT</th><td class="num">0</td><td class="num">0.7143</td>');
    expect(section).toMatch(/Mean \(all classes\)<\/th><td><\/td><td class="num">0\.4821<\/td>/);
    expect(section).not.toContain('id="confusion"');
  });
});

describe('settings of dataset-level evaluation', () => {
  const values: Record<string, unknown> = { meanOver: 'all', activation: 'none', includeBackground: 'false', hdPercentile: 90 };
  const { settings, problems } = readSettings((k) => values[k]);

  it('are read, checked and passed to the engine and the report', () => {
    expect(problems).toEqual([]);
    expect(settings).toMatchObject({ meanOver: 'all', activation: 'none', includeBackground: false, hdPercentile: 90 });
    const job = jobSettings(settings);
    expect(job.activation).toBe('none');
    expect(job.engine).toMatchObject({ hdPercentile: 90, includeBackground: false });
    expect(reportSettings(settings)).toMatchObject({ meanOver: 'all', activation: 'none', hdPercentile: 90, includeBackground: false });
  });

  it('a bad value falls back to the default with one line', () => {
    const bad = readSettings((k) => ({ meanOver: 'some', hdPercentile: 120 })[k as 'meanOver']);
    expect(bad.settings).toMatchObject({ meanOver: 'foreground', hdPercentile: 95, activation: 'auto', includeBackground: undefined });
    expect(bad.problems).toEqual([
      'maskInspector.hdPercentile: 120 is not a number in [0, 100]; using the default',
      'maskInspector.meanOver: "some" is not one of foreground, all; using the default',
    ]);
  });
});

describe('the label map setting', () => {
  it('maps raw ids to train ids in the jobs, with ignore index 255 unless set', () => {
    const { settings, problems } = readSettings((k) => (k === 'labelMap' ? { 0: 255, 7: 0, 8: 1 } : undefined));
    expect(problems).toEqual([]);
    expect(jobSettings(settings)).toMatchObject({ labelMap: { 0: null, 7: 0, 8: 1 }, ignoreIndex: 255 });
    expect(reportSettings(settings)).toMatchObject({ labelMap: { 0: null, 7: 0, 8: 1 }, ignoreIndex: 255 });
    expect(jobSettings(readSettings(() => undefined).settings).labelMap).toBeUndefined();
  });

  it('a bad map is one line and no map', () => {
    const { settings, problems } = readSettings((k) => (k === 'labelMap' ? { road: 1 } : undefined));
    expect(settings.labelMap).toBeUndefined();
    expect(problems).toEqual(["maskInspector.labelMap: entry 'road': raw id must be an integer 0..65535; using the default"]);
  });
});
