/** Mocha suites inside the extension host, through the test-only suite-runner extension (suite-runner/). */
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { startVsCode } from './launch';
import { REPO_ROOT } from './setup';
import { waitFor } from './wait';

/** The test-only extension that runs a mocha suite in the extension host (runMochaSuiteInVsCode). */
const SUITE_RUNNER_DIR = path.join(REPO_ROOT, 'test', 'e2e', 'harness', 'suite-runner');

export interface MochaSuiteResult {
  passed: number;
  failed: number;
  failures: { title: string; error: string }[];
}

export interface RunMochaSuiteOptions {
  extensionDir: string | string[];
  workspaceDir: string;
  /** Absolute path of a JS file exporting run(): Promise<...> (loaded with require()). */
  testsEntry: string;
  /** Where the extension writes {passed, failed, failures}. Deleted before the run. */
  resultFile: string;
  env?: Record<string, string | undefined>;
  settings?: Record<string, unknown>;
  name?: string;
  installMode?: 'symlink' | 'copy';
  /** For the whole run after start-up. Default 10 min. */
  timeoutMs?: number;
  startTimeoutMs?: number;
}

/**
 * Runs a mocha suite inside the real extension host (the code-server counterpart of
 * @vscode/test-electron's extensionTestsPath): starts code-server with the extensions under test
 * and the test-only suite-runner extension (suite-runner/), with MASK_INSPECTOR_TESTS=<testsEntry>
 * and MASK_INSPECTOR_TEST_RESULT=<resultFile>, opens the workbench so the extension host starts,
 * and waits for the result file the runner writes ({passed, failed, failures:[{title, error}]}).
 * The tests entry and its test files must be CommonJS: `require('vscode')` works only through
 * require() (VS Code intercepts the CommonJS loader), not through ESM import.
 */
export async function runMochaSuiteInVsCode(opts: RunMochaSuiteOptions): Promise<MochaSuiteResult> {
  const testsEntry = path.resolve(opts.testsEntry);
  const resultFile = path.resolve(opts.resultFile);
  if (!fs.existsSync(testsEntry)) throw new Error(`tests entry ${testsEntry} does not exist (compile it first)`);
  await fsp.rm(resultFile, { force: true });
  await fsp.mkdir(path.dirname(resultFile), { recursive: true });
  const session = await startVsCode({
    extensionDir: [...[opts.extensionDir].flat(), SUITE_RUNNER_DIR],
    workspaceDir: opts.workspaceDir,
    settings: opts.settings,
    name: opts.name ?? 'mocha-suite',
    installMode: opts.installMode,
    startTimeoutMs: opts.startTimeoutMs,
    env: { ...(opts.env ?? {}), MASK_INSPECTOR_TESTS: testsEntry, MASK_INSPECTOR_TEST_RESULT: resultFile },
  });
  try {
    const exited = () => (session.server.exitCode !== null ? `code-server exited\n${session.serverLog()}` : undefined);
    const raw = await waitFor(`the test result file ${resultFile}`, opts.timeoutMs ?? 600_000, async () => {
      if (!fs.existsSync(resultFile)) return undefined;
      return JSON.parse(await fsp.readFile(resultFile, 'utf8')) as unknown; // re-polls while incomplete
    }, 500, exited);
    const r = raw as Partial<MochaSuiteResult>;
    if (typeof r.passed !== 'number' || typeof r.failed !== 'number' || !Array.isArray(r.failures)) {
      throw new Error(`Malformed test result in ${resultFile}: ${JSON.stringify(raw)}`);
    }
    return { passed: r.passed, failed: r.failed, failures: r.failures };
  } catch (err) {
    await session.screenshot(`${opts.name ?? 'mocha-suite'}-failure`).catch(() => {});
    throw err;
  } finally {
    await session.close();
  }
}
