/**
 * What the extension's end-to-end tests share: a build of the extension when there is none, a staged
 * copy of the extension as it is packaged (package.json, dist bundles, media), and a workspace.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './harness/codeServer';

const BUNDLES = ['extension.js', 'worker.js', 'webview.js', 'webview.css', 'report.js', 'cli.js'];

/** `npm test` builds before vitest; a lone `vitest run` of this file builds here if a bundle is missing. */
export function ensureBuilt(): void {
  if (BUNDLES.every((b) => existsSync(join(REPO_ROOT, 'dist', b)))) return;
  execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, stdio: 'inherit' });
}

/** The extension as the .vsix holds it, in a folder of its own (never the repository itself). */
export function stageExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'miext-'));
  cpSync(join(REPO_ROOT, 'package.json'), join(dir, 'package.json'));
  cpSync(join(REPO_ROOT, 'media'), join(dir, 'media'), { recursive: true });
  mkdirSync(join(dir, 'dist'));
  for (const b of BUNDLES) cpSync(join(REPO_ROOT, 'dist', b), join(dir, 'dist', b));
  return dir;
}
