/** Runs every `*.suite.js` next to this bundle with mocha, collecting passes and failures. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export interface SuiteResult {
  passed: number;
  failed: number;
  failures: { title: string; error: string }[];
}

export function runSuite(): Promise<SuiteResult> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  for (const f of readdirSync(__dirname).filter((f) => f.endsWith('.suite.js')).sort()) mocha.addFile(join(__dirname, f));
  return new Promise((resolve, reject) => {
    const result: SuiteResult = { passed: 0, failed: 0, failures: [] };
    try {
      const runner = mocha.run(() => resolve(result));
      runner.on('pass', () => result.passed++);
      runner.on('fail', (test, err: Error) => {
        result.failed++;
        result.failures.push({ title: test.fullTitle(), error: String(err?.stack ?? err) });
      });
    } catch (e) {
      reject(e);
    }
  });
}
