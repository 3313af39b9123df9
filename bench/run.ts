/**
 * `npm run bench`: figures, not assertions. The engine per pair size, the CLI in batch, and the
 * webview's engines (WebGL and its CPU fallback) in Chromium. `npm run bench -- engine cli` runs
 * only the sections named.
 */
import os from 'node:os';
import { join } from 'node:path';
import { cliBench } from './cli';
import { engineBench, engineChild } from './engine';
import { webviewBench } from './webview';

async function main(): Promise<void> {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === 'engine-child') return engineChild(Number(args[0]), args[1] === 'float');
  console.log(`# Mask Inspector benchmark\n\n${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load ${os.loadavg()[0].toFixed(2)}`);
  const only = new Set([mode, ...args].filter(Boolean));
  const wanted = (section: string) => only.size === 0 || only.has(section);
  if (wanted('engine')) engineBench(__filename);
  if (wanted('cli')) await cliBench(join(__dirname, 'cli.js'));
  if (wanted('webview')) await webviewBench();
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
});
