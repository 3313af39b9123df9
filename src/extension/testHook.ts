/**
 * Runs the extension's mocha suite inside this extension host when `MASK_INSPECTOR_TESTS` names its
 * compiled entry — the code-server counterpart of @vscode/test-electron's `extensionTestsPath`,
 * which code-server lacks. Writes {passed, failed, failures} to `MASK_INSPECTOR_TEST_RESULT`.
 */
import { renameSync, writeFileSync } from 'node:fs';

interface SuiteResult {
  passed: number;
  failed: number;
  failures: { title: string; error: string }[];
}

export function runTestsFromEnvironment(): void {
  const entry = process.env.MASK_INSPECTOR_TESTS;
  const resultFile = process.env.MASK_INSPECTOR_TEST_RESULT;
  if (!entry || !resultFile) return;
  const write = (r: SuiteResult) => {
    // Written whole, then renamed: the waiting test never reads half a file.
    writeFileSync(`${resultFile}.tmp`, JSON.stringify(r, null, 2));
    renameSync(`${resultFile}.tmp`, resultFile);
  };
  // Node's own require at run time (the bundler leaves a non-literal path alone), so the suite gets
  // `vscode` through the extension host's module loader.
  Promise.resolve()
    .then(() => (require(entry) as { run(): Promise<SuiteResult> }).run())
    .then(write, (e: unknown) => write({ passed: 0, failed: 1, failures: [{ title: 'test entry', error: String((e as Error)?.stack ?? e) }] }));
}
