/** Where the end-to-end prerequisites live (code-server in .cache/, Debian's Chromium), and the check that they are set up. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const CODE_SERVER_DIR = path.join(REPO_ROOT, '.cache', 'code-server');
export const CODE_SERVER_BIN = path.join(CODE_SERVER_DIR, 'node_modules', '.bin', 'code-server');
export const CODE_SERVER_MARKER = path.join(CODE_SERVER_DIR, '.setup-complete');
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'test-artifacts', 'e2e');
export const CHROMIUM_PATH = process.env.E2E_CHROMIUM || '/usr/bin/chromium';

/** Throws an error saying which set-up script to run when code-server or Chromium is missing. */
export function assertE2EPrerequisites(): void {
  const problems: string[] = [];
  if (!fs.existsSync(CODE_SERVER_MARKER) || !fs.existsSync(CODE_SERVER_BIN)) {
    problems.push(`code-server is not set up in ${CODE_SERVER_DIR}: run scripts/setup-code-server.sh`);
  }
  if (!fs.existsSync(CHROMIUM_PATH)) {
    problems.push(`Chromium not found at ${CHROMIUM_PATH}: run scripts/setup-browser.sh (or set E2E_CHROMIUM)`);
  }
  if (problems.length) {
    throw new Error(`End-to-end tests cannot run:\n  - ${problems.join('\n  - ')}`);
  }
}
