import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import type { MaskInspectorApi } from '../../../src/extension/extension';
import type { TreeNode } from '../../../src/extension/pairsTree';
import { niftiFile, volumeValues } from '../../helpers/volumeWriter';
import { directReport, extensionApi, waitFor, wsUri } from './helpers';

const label = (item: vscode.TreeItem): string => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));

suite('volumes', () => {
  let api: MaskInspectorApi;
  suiteSetup(async () => {
    api = await extensionApi();
  });

  test('a NIfTI pair in an nnU-Net layout is found, computed with its voxel size, shown in the tree and in the slice viewer', async () => {
    const dims: [number, number, number] = [20, 16, 10];
    const spacing: [number, number, number] = [0.8, 0.8, 2.5];
    const gt = volumeValues(dims, (x, y, z) => (Math.hypot((x - 9) / 6, (y - 8) / 5, (z - 5) / 3) < 1 ? 1 : 0));
    const prob = volumeValues(dims, (x, y, z) => 1 / (1 + Math.exp(6 * (Math.hypot((x - 10) / 6, (y - 8) / 5, (z - 5) / 3) - 1))));
    const fs = vscode.workspace.fs;
    const gtPath = 'volumes/labelsTs/vol_001.nii.gz';
    const predPath = 'volumes/predictions/vol_001.nii.gz';
    await fs.writeFile(wsUri(gtPath), niftiFile({ dims, values: gt, type: 'uint8', spacing, gzip: true }));
    await fs.writeFile(wsUri(predPath), niftiFile({ dims, values: prob, type: 'float32', spacing, gzip: true }));
    try {
      const pair = await waitFor('the volume pair', () => api.masks.index.pairs.find((p) => p.job.pred === predPath));
      const r = await waitFor('its numbers', () => api.results.get(pair));
      assert.equal(r.error, null);
      assert.deepEqual([r.width, r.height, r.depth], dims);
      assert.deepEqual(r.spacing, spacing);
      const expected = directReport(gtPath, predPath);
      assert.deepEqual(r.metrics, expected.metrics);
      assert.deepEqual(r.losses, expected.losses);
      const root = (await api.tree.getChildren()) ?? [];
      const group = root.find((n) => label(api.tree.getTreeItem(n) as vscode.TreeItem) === 'volumes') as TreeNode | undefined;
      assert.ok(group, 'no "volumes" group in the tree');
      const pairs = (await api.tree.getChildren(group)) ?? [];
      assert.deepEqual(pairs.map((n) => label(api.tree.getTreeItem(n) as vscode.TreeItem)), ['vol_001']);
      // Compare Masks opens the slice viewer (not an "images only" message); its numbers are its own
      // engine's, the tree's (the CLI's), and the compute worker does not compute them a second time.
      await vscode.commands.executeCommand('maskInspector.compare', wsUri(predPath), [wsUri(predPath), wsUri(gtPath)]);
      const panel = await waitFor('the slice viewer and its numbers', () => api.views().panels.find((p) => p.volume?.numbers), 60_000);
      assert.equal(panel.error, undefined);
      assert.deepEqual(panel.volume!.slices, [dims[2], dims[1], dims[0]]);
      assert.equal(panel.volume!.numbers, 'viewer');
      assert.equal(panel.volume!.hostAsked, false);
      const shown = panel.volume!.viewerValues!;
      for (const [group, want] of [['metrics', expected.metrics], ['losses', expected.losses]] as const) {
        for (const [id, t] of Object.entries(want)) {
          const got = shown[group][id];
          assert.ok(got, `the viewer shows no ${id}`);
          assert.equal(got.status, t.status, id);
          if (t.value !== null) assert.ok(Math.abs((got.value ?? NaN) - t.value) <= 1e-9 * Math.max(1, Math.abs(t.value)), `${id}: viewer ${got.value}, CLI ${t.value}`);
        }
      }
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await fs.delete(wsUri('volumes'), { recursive: true });
    }
    await waitFor('the pair to go', () => api.masks.index.pairs.every((p) => p.job.pred !== predPath) || undefined);
    await api.whenIdle();
  });
});
