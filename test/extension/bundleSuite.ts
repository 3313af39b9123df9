/**
 * Bundles the extension's mocha suite (test/extension/suite/) into out/extension-tests/, one file per
 * entry: `index.js` (the code-server harness's protocol: run() resolves to counts), `electron.js`
 * (@vscode/test-electron's: run() rejects on a failure) and one `*.suite.js` per test file. `vscode`
 * and `mocha` stay external: the extension host provides the first, the repository the second.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

export interface SuiteBundle {
  /** Entry for runMochaSuiteInVsCode (MASK_INSPECTOR_TESTS). */
  entry: string;
  /** Entry for @vscode/test-electron's extensionTestsPath. */
  electronEntry: string;
}

export async function bundleSuite(repo: string): Promise<SuiteBundle> {
  const suiteDir = join(repo, 'test', 'extension', 'suite');
  const outdir = join(repo, 'out', 'extension-tests');
  const suites = readdirSync(suiteDir).filter((f) => f.endsWith('.suite.ts'));
  await build({
    entryPoints: ['index.ts', 'electron.ts', ...suites].map((f) => join(suiteDir, f)),
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return { entry: join(outdir, 'index.js'), electronEntry: join(outdir, 'electron.js') };
}
