import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import type { MaskInspectorApi } from '../../../src/extension/extension';
import { extensionApi, waitFor, wsUri } from './helpers';

suite('file watcher', () => {
  let api: MaskInspectorApi;
  suiteSetup(async () => {
    api = await extensionApi();
  });

  const find = (pred: string) => api.masks.index.pairs.find((p) => p.job.pred === pred);

  test('a new pair appears, is computed, follows a change of content, and goes when deleted', async () => {
    const fs = vscode.workspace.fs;
    await fs.copy(wsUri('lesions/case1_gt.png'), wsUri('lesions/case9_gt.png'), { overwrite: true });
    await fs.copy(wsUri('lesions/case1_prob.png'), wsUri('lesions/case9_prob.png'), { overwrite: true });
    try {
      const pair = await waitFor('the new pair', () => find('lesions/case9_prob.png'));
      await waitFor('its numbers', () => api.results.get(pair));
      const case1 = api.results.get(find('lesions/case1_prob.png')!)!;
      assert.deepEqual(api.results.get(pair)!.metrics, case1.metrics);

      // New content under the same name: the watcher drops the cached numbers and they are recomputed.
      await fs.writeFile(wsUri('lesions/case9_prob.png'), await fs.readFile(wsUri('lesions/case2_gt.png')));
      const changed = await waitFor('recomputed numbers', () => {
        const r = api.results.get(find('lesions/case9_prob.png')!);
        return r && r.metrics.dice?.value !== case1.metrics.dice?.value ? r : undefined;
      });
      assert.equal(changed.error, null);
    } finally {
      await fs.delete(wsUri('lesions/case9_gt.png'));
      await fs.delete(wsUri('lesions/case9_prob.png'));
    }
    await waitFor('the pair to go', () => find('lesions/case9_prob.png') === undefined);
    await api.whenIdle();
    assert.equal(api.masks.index.pairs.length, 17);
  });
});
