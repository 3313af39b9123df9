/**
 * `npm run bench`: figures, not assertions. The engine per pair size, the CLI in batch, and the
 * webview's engines (WebGL and its CPU fallback) in Chromium. `npm run bench -- engine cli` runs
 * only the sections named; `--shard-pairs N` sizes the shard section (default 2000).
 */
import os from 'node:os';
import { join } from 'node:path';
import { cliBench } from './cli';
import { engineBench, engineChild } from './engine';
import { objectsBench } from './objects';
import { shardBench } from './shard';
import { volumeBench, volumeChild } from './volume';
import { webviewBench } from './webview';

async function main(): Promise<void> {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === 'engine-child') return engineChild(Number(args[0]), args[1] === 'float');
  if (mode === 'volume-child') return volumeChild();
  console.log(`# Mask Inspector benchmark\n\n${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load ${os.loadavg()[0].toFixed(2)}`);
  const words = [mode, ...args].filter(Boolean);
  const flag = words.indexOf('--shard-pairs');
  const shardPairs = flag >= 0 ? Number(words.splice(flag, 2)[1]) : 2000;
  if (!Number.isInteger(shardPairs) || shardPairs < 4) throw new Error('--shard-pairs needs an integer >= 4');
  const only = new Set(words);
  const wanted = (section: string) => only.size === 0 || only.has(section);
  if (wanted('engine')) engineBench(__filename);
  if (wanted('volume')) volumeBench(__filename);
  if (wanted('objects')) objectsBench();
  if (wanted('cli')) await cliBench(join(__dirname, 'cli.js'));
  if (wanted('shard')) await shardBench(join(__dirname, 'cli.js'), shardPairs);
  if (wanted('webview')) await webviewBench();
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
});
