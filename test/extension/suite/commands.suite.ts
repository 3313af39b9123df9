import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup, suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import type { Report } from '../../../src/core/report/schema';
import type { MaskInspectorApi } from '../../../src/extension/extension';
import type { ShownReport } from '../../../src/extension/report/lossReport';
import { directReport, extensionApi, waitFor, withSetting, wsUri } from './helpers';

const webviewTabs = (viewType: string) =>
  vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(viewType));

suite('commands', () => {
  let api: MaskInspectorApi;
  suiteSetup(async () => {
    api = await extensionApi();
  });
  setup(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Compare Masks with two explorer files opens the comparison, ground truth inferred', async () => {
    const gt = wsUri('cells/gt/img_002.png');
    const pred = wsUri('cells/pred/unet/img_002.png');
    // Explorer passes (clicked, selection); the prediction first, to show the roles are inferred.
    await vscode.commands.executeCommand('maskInspector.compare', pred, [pred, gt]);
    const tab = await waitFor('the comparison panel', () => webviewTabs('maskInspector.compare')[0]);
    assert.equal(tab.label, 'img_002.png — unet vs gt');
  });

  test('Compare with Matching Mask finds the partner of one file', async () => {
    await vscode.commands.executeCommand('maskInspector.compareWithMatching', wsUri('lesions/case1_gt.png'));
    const tab = await waitFor('the comparison panel', () => webviewTabs('maskInspector.compare')[0]);
    assert.equal(tab.label, 'case1_prob.png vs case1_gt.png');
  });

  test('the open link of a hover opens the comparison it names', async () => {
    await vscode.commands.executeCommand('maskInspector.openPair', { gt: wsUri('street/gt/frame_0003.png').toString(), pred: wsUri('street/pred/frame_0003.npy').toString() });
    const tab = await waitFor('the comparison panel', () => webviewTabs('maskInspector.compare')[0]);
    assert.equal(tab.label, 'frame_0003.npy — pred vs gt');
  });

  test('Copy Values as JSON puts the pair\'s report on the clipboard', async () => {
    const pair = api.masks.index.pairs.find((p) => p.job.pred === 'lesions/case2_prob.png')!;
    const copied = await vscode.commands.executeCommand<string>('maskInspector.copyValues', { kind: 'pair', id: `pair:${pair.id}`, pair });
    const values = JSON.parse(copied) as { gt: string; metrics: Record<string, unknown> };
    assert.equal(values.gt, 'lesions/case2_gt.png');
    assert.deepEqual(values.metrics, directReport('lesions/case2_gt.png', 'lesions/case2_prob.png').metrics);
    // A desktop VS Code reads it back; a headless browser page has no clipboard to read from.
    if (vscode.env.uiKind === vscode.UIKind.Desktop) assert.equal(await vscode.env.clipboard.readText(), copied);
  });

  test('Loss Report computes every pair and shows the report; export writes the CLI schema', async () => {
    const shown = await vscode.commands.executeCommand<ShownReport>('maskInspector.lossReport');
    assert.equal(shown.report.pairs.length, 17);
    assert.equal(shown.report.summary.pairs, 17);
    assert.equal(shown.report.summary.failed, 0);
    assert.ok(shown.report.summary.models, 'cells has two models');
    await waitFor('the report panel', () => webviewTabs('maskInspector.report')[0]);
    for (const p of shown.report.pairs) assert.deepEqual(p.metrics, directReport(p.gt, p.pred).metrics, p.pred);

    const dir = mkdtempSync(join(tmpdir(), 'mi-export-'));
    const json = await vscode.commands.executeCommand<vscode.Uri>('maskInspector.exportReport', 'json', vscode.Uri.file(join(dir, 'r.json')));
    const written = JSON.parse(readFileSync(json.fsPath, 'utf8')) as Report;
    assert.equal(written.schema, 'mask-inspector/report@1');
    assert.equal(written.settings.ignoreIndex, 255);
    assert.deepEqual(written.pairs, shown.report.pairs);
    assert.deepEqual(written.summary, shown.report.summary);
    const csv = await vscode.commands.executeCommand<vscode.Uri>('maskInspector.exportReport', 'csv', vscode.Uri.file(join(dir, 'r.csv')));
    const lines = readFileSync(csv.fsPath, 'utf8').trim().split('\n');
    assert.equal(lines.length, 18);
    assert.match(lines[0]!, /^root,gt,pred,dataset,model,width,height,mode,classes,error,loss:ce,/);
    const md = await vscode.commands.executeCommand<vscode.Uri>('maskInspector.exportReport', 'markdown', vscode.Uri.file(join(dir, 'r.md')));
    assert.match(readFileSync(md.fsPath, 'utf8'), /^# Mask Inspector report/);
  });

  test('settings apply without a reload: a new threshold recomputes the tree', async () => {
    const pair = api.masks.index.pairs.find((p) => p.job.pred === 'lesions/case1_prob.png')!;
    const before = api.results.get(pair)!.metrics.dice;
    try {
      await withSetting(api, 'threshold', 0.9);
      const after = api.results.get(pair)!.metrics.dice;
      assert.notDeepEqual(after, before);
      assert.deepEqual(after, directReport('lesions/case1_gt.png', 'lesions/case1_prob.png').metrics.dice);
    } finally {
      await withSetting(api, 'threshold', undefined);
    }
    assert.deepEqual(api.results.get(pair)!.metrics.dice, before);
  });
});
