/** The import-boundary checker that `npm run lint` runs: what it refuses, what it lets through, and the repository passing. */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { specifiers, violations } from '../../scripts/check-boundaries.mjs';

describe('import boundaries', () => {
  it('finds static, re-exported, dynamic and required specifiers, not those in comments', () => {
    const src = `import a from './a';\nimport type { B } from "../b";\nexport * from './c';\nimport './d';\nconst e = await import('./e');\nconst f = require('f');\n// import g from 'g';\n/* import h from 'h'; */`;
    expect(specifiers(src).sort()).toEqual(['../b', './a', './c', './d', './e', 'f']);
  });

  it.each([
    ['src/core/io/x.ts', "import { readFileSync } from 'node:fs';", 'Node built-in'],
    ['src/core/io/x.ts', "import * as path from 'path';", 'Node built-in'],
    ['src/core/x.ts', "import * as vscode from 'vscode';", 'vscode'],
    ['src/core/x.ts', "import { nodeInflate } from '../node/inflate';", 'outside'],
    ['src/shared/x.ts', "import { thing } from '../../webview/app';", 'outside'],
    ['webview/ui/x.ts', "import { channel } from '../../src/extension/webview/channel';", 'must not depend on src/extension'],
    ['webview/x.ts', "import { Worker } from 'node:worker_threads';", 'Node built-in'],
    ['webview/gpu/x.ts', "import { SUM_TERMS } from '../../src/core/stats/terms/sums';", 'reaches src/core/stats only through src/core/backend.ts'],
    ['src/extension/worker/x.ts', "import { TP } from '../../../webview/render/colours';", 'must not depend on webview'],
    ['src/cli/x.ts', "import * as vscode from 'vscode';", 'vscode'],
  ])('refuses %s: %s', (file, src, why) => {
    expect(violations(file, src).join('\n')).toContain(why);
  });

  it.each([
    ['src/core/x.ts', "import pako from 'pako';\nimport { ok } from './values';\nimport type { Rgb } from '../shared/colours';"],
    ['webview/x.ts', "import { computePair } from '../src/core/engine';\nimport { TP } from '../src/shared/colours';"],
    ['webview/gpu/x.ts', "import { SUM_TERMS } from '../../src/core/backend';"],
    ['src/extension/x.ts', "import * as vscode from 'vscode';\nimport { readFile } from 'node:fs/promises';\nimport { TP } from '../shared/colours';"],
  ])('allows %s', (file, src) => {
    expect(violations(file, src)).toEqual([]);
  });

  it('holds for the repository', () => {
    expect(execFileSync(process.execPath, ['scripts/check-boundaries.mjs'], { encoding: 'utf8' })).toContain('ok');
  });
});
