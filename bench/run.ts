/**
 * `npm run bench`: figures, not assertions. Sections: the engine per pair size, and further
 * sections as the CLI and the webview add theirs.
 */
import os from 'node:os';
import { join } from 'node:path';
import { cliBench } from './cli';
import { engineBench, engineChild } from './engine';

const [mode, ...args] = process.argv.slice(2);
if (mode === 'engine-child') {
  engineChild(Number(args[0]), args[1] === 'float');
} else {
  console.log(`# Mask Inspector benchmark\n\n${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load ${os.loadavg()[0].toFixed(2)}`);
  engineBench(__filename);
  void cliBench(join(__dirname, 'cli.js'));
}
