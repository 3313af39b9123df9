// Bundles each part for where it runs: the extension host and its worker (Node, `vscode` external),
// the command-line tool and benchmarks (Node), and the two webview pages (browser, no eval under their CSP):
// the comparison view and the loss report.
import { build } from 'esbuild';

const production = process.argv.includes('--production');
const common = { bundle: true, sourcemap: production ? false : 'linked', minify: production, logLevel: 'warning', legalComments: 'none' };
const node = { ...common, platform: 'node', target: 'node20', format: 'cjs' };

const targets = [
  { ...node, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...node, entryPoints: ['src/extension/worker/computeWorker.ts'], outfile: 'dist/worker.js' },
  { ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The webview bench drives Chromium: playwright-core stays a runtime require.
  { ...node, entryPoints: ['bench/run.ts'], outfile: 'dist/bench.js', external: ['playwright-core'] },
  { ...common, platform: 'browser', target: 'chrome120', format: 'iife', entryPoints: ['webview/main.ts'], outfile: 'dist/webview.js' },
  { ...common, platform: 'browser', target: 'chrome120', entryPoints: ['webview/style.css'], outfile: 'dist/webview.css' },
  { ...common, platform: 'browser', target: 'chrome120', format: 'iife', entryPoints: ['webview/report/main.ts'], outfile: 'dist/report.js' },
];

await Promise.all(targets.map((t) => build(t)));
