/** Entry for @vscode/test-electron (extensionTestsPath): a failure must reject. */
import { runSuite } from './runSuite';

export async function run(): Promise<void> {
  const r = await runSuite();
  if (r.failed > 0) throw new Error(`${r.failed} of ${r.passed + r.failed} tests failed:\n${r.failures.map((f) => `- ${f.title}: ${f.error}`).join('\n')}`);
}
