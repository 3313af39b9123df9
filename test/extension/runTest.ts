/**
 * Runs the extension's mocha suite in VS Code desktop with @vscode/test-electron (mocha inside the
 * extension host, the real `vscode` API). It downloads VS Code unless VSCODE_EXECUTABLE_PATH names an
 * installed one. The same suite runs in code-server in test/e2e/extensionSuite.e2e.test.ts.
 *
 *   node scripts/build.mjs
 *   npx esbuild test/extension/runTest.ts --bundle --platform=node --packages=external --outfile=out/runTest.js && node out/runTest.js
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { bundleSuite } from './bundleSuite';
import { makeTestWorkspace } from './workspace';

async function main(): Promise<void> {
  const repo = resolve(process.env.MASK_INSPECTOR_REPO ?? process.cwd());
  const { electronEntry } = await bundleSuite(repo);
  const workspace = makeTestWorkspace(repo);
  const userData = mkdtempSync(join(tmpdir(), 'mi-vscode-'));
  try {
    await runTests({
      extensionDevelopmentPath: repo,
      extensionTestsPath: electronEntry,
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH || undefined,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--user-data-dir', userData],
    });
  } finally {
    rmSync(workspace, { recursive: true, force: true });
    rmSync(userData, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
