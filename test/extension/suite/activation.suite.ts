import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import type { MaskInspectorApi } from '../../../src/extension/extension';
import { EXTENSION_ID, extensionApi } from './helpers';

suite('activation', () => {
  let api: MaskInspectorApi;
  suiteSetup(async () => {
    api = await extensionApi();
  });

  test('activates in a workspace with masks', () => {
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
  });

  test('registers every command it contributes', async () => {
    const contributed = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands.map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((c) => !registered.has(c)), []);
    assert.ok(contributed.length >= 12);
  });

  test('pairs the samples the way the CLI does: 17 pairs, none unpaired', () => {
    const pairs = api.masks.index.pairs;
    assert.equal(pairs.length, 17);
    assert.equal(api.masks.index.unpaired.length, 0);
    assert.deepEqual([...new Set(pairs.map((p) => `${p.job.dataset}/${p.job.model}`))], ['cells/threshold', 'cells/unet', 'lesions/', 'street/']);
    const first = pairs[0]!;
    assert.equal(first.job.gt, 'cells/gt/img_001.png');
    assert.equal(first.job.pred, 'cells/pred/threshold/img_001.png');
  });

  test('computes every pair in the worker, with no failures', () => {
    assert.deepEqual(api.results.progress, { done: 17, total: 17 });
    for (const p of api.masks.index.pairs) assert.equal(api.results.get(p)?.error, null, p.job.pred);
  });
});
