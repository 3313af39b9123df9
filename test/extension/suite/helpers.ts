/** Shared by the suites: the running extension, the workspace, and the numbers the core computes directly. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { computePairJob } from '../../../src/core/report/pairJob';
import type { PairReport } from '../../../src/core/report/schema';
import type { MaskInspectorApi } from '../../../src/extension/extension';
import { jobSettings, readSettings } from '../../../src/extension/settingsModel';
import { nodeInflate } from '../../../src/node/inflate';

export const EXTENSION_ID = 'mask-inspector.mask-inspector';

export function workspaceDir(): string {
  const f = vscode.workspace.workspaceFolders?.[0];
  if (!f) throw new Error('the tests need a workspace folder (a copy of samples/)');
  return f.uri.fsPath;
}

export const wsUri = (rel: string): vscode.Uri => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, rel);

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let ready: Promise<MaskInspectorApi> | undefined;

/**
 * The activated extension with the samples' setting (void label 255, as `npm run samples` uses),
 * every pair computed. Set once for all suites.
 */
export function extensionApi(): Promise<MaskInspectorApi> {
  ready ??= (async () => {
    const ext = vscode.extensions.getExtension<MaskInspectorApi | undefined>(EXTENSION_ID);
    if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed`);
    const api = await ext.activate();
    if (!api) throw new Error(`${EXTENSION_ID} returned no API: run it under test (test-electron) or with MASK_INSPECTOR_TEST_API=1`);
    await vscode.workspace.getConfiguration('maskInspector').update('ignoreIndex', 255, vscode.ConfigurationTarget.Global);
    await waitFor('the setting to apply', () => api.masks.index.pairs.length > 0 && api.results.progress.total > 0);
    await api.whenIdle();
    return api;
  })();
  return ready;
}

/** Sets a user setting and waits until every pair is computed with it. */
export async function withSetting(api: MaskInspectorApi, key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('maskInspector').update(key, value, vscode.ConfigurationTarget.Global);
  await new Promise((r) => setTimeout(r, 300));
  await api.whenIdle();
}

/** The report of one pair straight from the core on this thread: no worker, no cache, no vscode.fs. */
export function directReport(gt: string, pred: string): PairReport {
  const config = vscode.workspace.getConfiguration('maskInspector');
  const { settings } = readSettings((k) => config.get(k));
  const dir = workspaceDir();
  return computePairJob({ root: dir, gt, pred, dataset: '', model: '' }, readFileSync(join(dir, gt)), readFileSync(join(dir, pred)), jobSettings(settings), { inflate: nodeInflate });
}
