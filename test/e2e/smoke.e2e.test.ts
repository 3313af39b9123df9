/**
 * Smoke test of the end-to-end harness (test/e2e/harness/codeServer.ts): runs the throwaway
 * probe extension (test/e2e/harness/probe-extension/) in a real VS Code 1.99.3 (code-server)
 * driven by Chromium, and exercises every harness helper once.
 *
 * Needs scripts/setup-browser.sh and scripts/setup-code-server.sh to have run; fails (does not
 * skip) otherwise. Builds nothing. Run: npx vitest run test/e2e/smoke.e2e.test.ts
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  REPO_ROOT,
  assertE2EPrerequisites,
  runMochaSuiteInVsCode,
  startVsCode,
  type VsCodeSession,
} from './harness/codeServer';

const PROBE_DIR = path.join(REPO_ROOT, 'test', 'e2e', 'harness', 'probe-extension');
const START_TIMEOUT = 240_000;
const TEST_TIMEOUT = 180_000;

function makeWorkspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mie2e-ws-'));
  fs.writeFileSync(path.join(dir, 'a.txt'), 'hello world\nsecond line\n');
  fs.writeFileSync(path.join(dir, 'b.txt'), 'b\n');
  fs.writeFileSync(path.join(dir, 'c.txt'), 'c\n');
  fs.mkdirSync(path.join(dir, 'sub'));
  fs.writeFileSync(path.join(dir, 'sub', 'd.txt'), 'd\n');
  fs.writeFileSync(path.join(dir, 'sub', 'e.txt'), 'e\n');
  return dir;
}

describe('e2e harness smoke (code-server + Chromium)', () => {
  let vs: VsCodeSession | undefined;
  let workspace = '';
  let outDir = '';

  beforeAll(async () => {
    assertE2EPrerequisites(); // throws with the set-up command to run
    workspace = makeWorkspace();
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mie2e-out-'));
    vs = await startVsCode({
      name: 'smoke',
      extensionDir: PROBE_DIR,
      workspaceDir: workspace,
      env: {
        PROBE_OUT: path.join(outDir, 'info.json'),
        PROBE_SELECTION_OUT: path.join(outDir, 'selection.json'),
        PROBE_ENV_VALUE: 'env-reaches-extension-host',
      },
      settings: { 'editor.hover.delay': 100 },
    });
  }, START_TIMEOUT);

  afterAll(async () => {
    await vs?.close();
    for (const d of [workspace, outDir]) if (d) fs.rmSync(d, { recursive: true, force: true });
  }, 60_000);

  const session = (): VsCodeSession => {
    if (!vs) throw new Error('VS Code did not start (see beforeAll)');
    return vs;
  };

  it('runs a contributed command from the palette; env reaches the extension host', async () => {
    const s = session();
    const toast = s.runCommand('E2E Probe: Write Info').then(() => s.waitForNotification('E2E probe wrote info'));
    expect((await toast).text).toBe('E2E probe wrote info');
    const info = JSON.parse(fs.readFileSync(path.join(outDir, 'info.json'), 'utf8'));
    expect(info.version).toBe('1.99.3');
    expect(info.folders).toEqual([workspace]);
    expect(info.probeEnv).toBe('env-reaches-extension-host');
    expect(info.commandCount).toBeGreaterThan(1000);
  }, TEST_TIMEOUT);

  it('finds the webview content frame (iframe in iframe) and WebGL2 works in it', async () => {
    const s = session();
    await s.runCommand('E2E Probe: Open Webview');
    const frame = await s.findWebviewFrame(async (f) => (await f.locator('body[data-ready="yes"]').count()) > 0);
    expect(await frame.locator('#probe-title').innerText()).toBe('Hello from the probe webview');
    expect(await frame.locator('#probe-version').innerText()).toBe('1.99.3');
    expect(frame.parentFrame()?.url()).toMatch(/\/webview\/browser\/pre\/index\.html/);
    const data = await frame.evaluate(() => ({ ...document.body.dataset }));
    expect(data.webgl2).toBe('yes');
    expect(data.floatTargets).toBe('yes');
    await s.screenshot('smoke/webview');
    // The palette still works with focus inside the webview (it forwards F1 to the workbench).
    await frame.locator('#probe-title').click();
    await s.runCommand('View: Close All Editors');
  }, TEST_TIMEOUT);

  it('multi-selects files in the explorer and runs a context-menu entry', async () => {
    const s = session();
    await s.explorerContextMenu(['a.txt', 'c.txt', 'sub/e.txt'], 'E2E Probe: Show Selection');
    const note = await s.waitForNotification('E2E probe selection');
    expect(note.text).toBe('E2E probe selection: a.txt, c.txt, e.txt');
    expect(JSON.parse(fs.readFileSync(path.join(outDir, 'selection.json'), 'utf8'))).toEqual(['a.txt', 'c.txt', 'e.txt']);

    await s.clearNotifications();
    await s.explorerContextMenu(['a.txt', 'c.txt'], 'E2E Probe: Show Selection', { range: true });
    const range = await s.waitForNotification('E2E probe selection: a.txt, b.txt, c.txt');
    expect(range.text).toBe('E2E probe selection: a.txt, b.txt, c.txt');
    await s.screenshot('smoke/explorer');
  }, TEST_TIMEOUT);

  it('reads a tree view and the tooltip of one of its items', async () => {
    const s = session();
    const items = await s.readTreeItems('Probe Tree', { minCount: 2 });
    expect(items.map((i) => [i.label, i.description])).toEqual([
      ['alpha', 'first item'],
      ['beta', 'second item'],
    ]);
    expect(await s.hoverText(s.treeItem('Probe Tree', 'beta'))).toBe('Tooltip of beta');
  }, TEST_TIMEOUT);

  it('reads an editor hover from a hover provider', async () => {
    const s = session();
    await s.runCommand('View: Close All Editors');
    // Open a.txt (single click in the explorer opens it as a preview editor).
    await s.page.locator('.explorer-folders-view .monaco-list-row[aria-label="a.txt"]').click();
    await s.page.locator('.editor-group-container.active .monaco-editor .view-line').first().waitFor();
    expect(await s.hoverEditorText('world')).toBe('Probe hover for world');
    expect(await s.hoverEditorText('second')).toBe('Probe hover for second');
    await s.screenshot('smoke/hover');
  }, TEST_TIMEOUT);
});

describe('mocha suite inside the extension host (runMochaSuiteInVsCode)', () => {
  it('runs the probe tests entry and reports passes and the deliberate failure', async () => {
    assertE2EPrerequisites();
    const workspace = makeWorkspace();
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mie2e-out-'));
    try {
      const result = await runMochaSuiteInVsCode({
        name: 'smoke-mocha',
        extensionDir: PROBE_DIR,
        installMode: 'copy', // the other describe uses the default, a symlink
        workspaceDir: workspace,
        testsEntry: path.join(PROBE_DIR, 'tests', 'index.js'),
        resultFile: path.join(outDir, 'result.json'),
        env: { PROBE_EXPECTED_FOLDER: workspace },
        timeoutMs: 120_000,
      });
      expect(result.passed).toBe(3);
      expect(result.failed).toBe(1);
      expect(result.failures[0]!.title).toBe('probe suite deliberately fails');
      expect(result.failures[0]!.error).toContain('this failure is expected');
    } finally {
      fs.rmSync(workspace, { recursive: true, force: true });
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  }, START_TIMEOUT + 120_000);
});
