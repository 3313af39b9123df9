/**
 * What fuzzing and a new user found in the extension: files that are not files, hostile file names in
 * tooltips, command links to files outside the workspace, panels and the report that did not follow
 * the settings, and the street sample's void label without a word on how to fix it.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { setup, suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { MaskInspectorApi } from '../../../src/extension/extension';
import type { TreeNode } from '../../../src/extension/pairsTree';
import { extensionApi, waitFor, withSetting, workspaceDir, wsUri } from './helpers';

const panels = (api: MaskInspectorApi) => api.views().panels;

/** The tooltip of a pair's tree row, as VS Code resolves it on hover. */
async function tooltipOf(api: MaskInspectorApi, pred: string): Promise<string> {
  const pair = api.masks.index.pairs.find((p) => p.job.pred === pred);
  assert.ok(pair, `no pair with ${pred}`);
  const node: TreeNode = { kind: 'pair', id: `pair:${pair.id}`, pair };
  const cts = new vscode.CancellationTokenSource();
  const item = await api.tree.resolveTreeItem(api.tree.getTreeItem(node), node, cts.token);
  const md = item.tooltip as vscode.MarkdownString;
  assert.ok(md instanceof vscode.MarkdownString);
  return md.value;
}

suite('hardening', () => {
  let api: MaskInspectorApi;
  suiteSetup(async () => {
    api = await extensionApi();
  });
  setup(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a FIFO and a link to /dev/zero are refused at once, naming the file; nothing hangs', async () => {
    const dir = join(workspaceDir(), 'hang');
    mkdirSync(dir, { recursive: true });
    execFileSync('mkfifo', [join(dir, 'a_gt.png')]);
    symlinkSync('/dev/zero', join(dir, 'a_pred.png'));
    try {
      await vscode.commands.executeCommand('maskInspector.compare', wsUri('hang/a_gt.png'), [wsUri('hang/a_gt.png'), wsUri('hang/a_pred.png')]);
      const shown = await waitFor('the panel\'s error', () => panels(api).find((p) => p.error)?.error, 10_000);
      assert.match(shown, /^hang\/a_(gt|pred)\.png: not a regular file \(a pipe, device or socket\); not read$/);
      // The watcher reports both: the tree computes the pair and fails it the same way.
      const pair = await waitFor('the pair from the watcher', () => api.masks.index.pairs.find((p) => p.job.gt === 'hang/a_gt.png'));
      const result = await waitFor('its result', () => api.results.get(pair));
      assert.equal(result.error?.code, 'unreadable');
      assert.match(result.error!.message, /^hang\/a_(gt|pred)\.png: not a regular file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await waitFor('the pair to go', () => api.masks.index.pairs.every((p) => !p.job.gt.startsWith('hang/')));
    await api.whenIdle();
  });

  test('a file name with a blank line, HTML and a command link is text in the tooltip', async () => {
    const name = 'x\n\n<img src=x onerror=alert(1)>[open](command:maskInspector.openPair?%5B%7B%22gt%22%3A%22file%3A%2F%2F%2Fetc%2Fa.png%22%7D%5D) $(zap) `y`.png';
    const fs = vscode.workspace.fs;
    await fs.copy(wsUri('lesions/case1_gt.png'), wsUri(`evil/gt/${name}`), { overwrite: true });
    await fs.copy(wsUri('lesions/case1_prob.png'), wsUri(`evil/pred/${name}`), { overwrite: true });
    try {
      await waitFor('the pair from the watcher', () => api.masks.index.pairs.find((p) => p.job.pred === `evil/pred/${name}`));
      const md = await tooltipOf(api, `evil/pred/${name}`);
      const html = await vscode.commands.executeCommand<string>('markdown.api.render', md);
      // The one link is ours, to this pair; the one image is the thumbnail.
      const links = [...html.matchAll(/<a\b[^>]*href="([^"]*)"/g)].map((m) => decodeURIComponent(m[1]!.replace(/&amp;/g, '&')));
      assert.equal(links.length, 1, html);
      const pair = api.masks.index.pairs.find((p) => p.job.pred === `evil/pred/${name}`)!;
      assert.equal(links[0], `command:maskInspector.openPair?${JSON.stringify([{ gt: pair.gt.toString(), pred: pair.pred.toString() }])}`);
      assert.deepEqual([...html.matchAll(/<img\b[^>]*src="([^"]{0,22})/g)].map((m) => m[1]), ['data:image/png;base64,']);
      assert.ok(html.includes('␊␊&lt;img src=x onerror=alert(1)&gt;[open](command:maskInspector.openPair'), html);
    } finally {
      await fs.delete(wsUri('evil'), { recursive: true });
    }
    await waitFor('the pair to go', () => api.masks.index.pairs.every((p) => !p.job.gt.startsWith('evil/')));
    await api.whenIdle();
  });

  test('the open link opens only mask files inside the workspace', async () => {
    const outside = [
      { gt: 'file:///etc/a.png', pred: 'file:///etc/b.png' },
      { gt: wsUri('lesions/case1_gt.png').toString(), pred: `${wsUri('lesions').toString()}/../../../../etc/x.png` },
      { gt: wsUri('lesions/case1_gt.png').toString(), pred: wsUri('files.csv').toString() },
    ];
    for (const args of outside) await vscode.commands.executeCommand('maskInspector.openPair', args);
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(panels(api), []);
    await vscode.commands.executeCommand('maskInspector.openPair', { gt: wsUri('lesions/case1_gt.png').toString(), pred: wsUri('lesions/case1_prob.png').toString() });
    await waitFor('the panel', () => panels(api).length === 1);
  });

  test('the title says which model; a panel follows the ignore index and says how to fix the street sample', async () => {
    await vscode.commands.executeCommand('maskInspector.openPair', { gt: wsUri('cells/gt/img_003.png').toString(), pred: wsUri('cells/pred/unet/img_003.png').toString() });
    await waitFor('the panel', () => panels(api)[0]);
    assert.equal(panels(api)[0]!.panelTitle, 'img_003.png — unet vs gt');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    await vscode.commands.executeCommand('maskInspector.openPair', { gt: wsUri('street/gt/frame_0001.png').toString(), pred: wsUri('street/pred/frame_0001.npy').toString() });
    const first = await waitFor('the webview\'s results', () => panels(api)[0]?.results, 90_000);
    assert.equal(first.values.mode, 'multiclass');
    try {
      await withSetting(api, 'ignoreIndex', null);
      const error = await waitFor('the panel to read the pair again', () => panels(api)[0]?.error);
      assert.match(error, /frame_0001.*class 255/);
      assert.match(error, /maskInspector\.ignoreIndex/);
      // The tree's tooltip says it too, with a link to the setting.
      const md = await tooltipOf(api, 'street/pred/frame_0001.npy');
      assert.match(md, /maskInspector\\\.ignoreIndex/);
      assert.ok(md.includes(`command:workbench.action.openSettings?${encodeURIComponent(JSON.stringify(['maskInspector.ignoreIndex']))}`), md);
    } finally {
      await withSetting(api, 'ignoreIndex', 255);
    }
    // Set again: the same panel recovers.
    const again = await waitFor('results after the fix', () => {
      const p = panels(api)[0];
      return p && !p.error && p.results ? p.results : undefined;
    }, 90_000);
    assert.deepEqual(again.values.metrics.dice, first.values.metrics.dice);
  });

  test('the report says when it is out of date', async () => {
    await vscode.commands.executeCommand('maskInspector.lossReport');
    assert.deepEqual(api.reports.staleReasons, []);
    try {
      await withSetting(api, 'preset', 'monai');
      await waitFor('the notice', () => api.reports.staleReasons.length > 0);
      assert.deepEqual(api.reports.staleReasons, ['preset paper → monai']);
    } finally {
      await withSetting(api, 'preset', undefined);
    }
    await waitFor('the notice to go', () => api.reports.staleReasons.length === 0);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
