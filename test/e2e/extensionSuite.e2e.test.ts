/**
 * Runs the extension's mocha suite (test/extension/suite/, the same files @vscode/test-electron runs)
 * inside the extension host of a real VS Code 1.99.3 (code-server), through the harness's
 * runMochaSuiteInVsCode. Needs scripts/setup-browser.sh and scripts/setup-code-server.sh.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { bundleSuite } from '../extension/bundleSuite';
import { makeTestWorkspace } from '../extension/workspace';
import { REPO_ROOT, assertE2EPrerequisites, runMochaSuiteInVsCode } from './harness/codeServer';
import { ensureBuilt, stageExtension } from './stage';

const cleanup: string[] = [];
afterAll(() => cleanup.forEach((d) => rmSync(d, { recursive: true, force: true })));

it('passes the extension test suite inside VS Code (code-server)', async () => {
  assertE2EPrerequisites();
  ensureBuilt();
  const { entry } = await bundleSuite(REPO_ROOT);
  const extensionDir = stageExtension();
  const workspaceDir = makeTestWorkspace(REPO_ROOT);
  const out = mkdtempSync(join(tmpdir(), 'mires-'));
  cleanup.push(extensionDir, workspaceDir, out);
  const result = await runMochaSuiteInVsCode({
    name: 'extension-suite',
    extensionDir,
    workspaceDir,
    testsEntry: entry,
    resultFile: join(out, 'result.json'),
    timeoutMs: 420_000,
    // code-server has no test mode: this asks the extension for its test API.
    env: { MASK_INSPECTOR_TEST_API: '1' },
  });
  console.info(`extension suite in code-server: ${result.passed} passed, ${result.failed} failed`);
  expect(result.failures).toEqual([]);
  // Every test of the suite ran and passed: none is skipped in the browser.
  expect(result.passed).toBe(30);
}, 720_000);
