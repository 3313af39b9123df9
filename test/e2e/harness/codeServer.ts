/**
 * End-to-end harness: runs extensions in a real VS Code (code-server 4.99.4 = VS Code 1.99.3,
 * server + web workbench) and drives the workbench with playwright-core and Debian's Chromium.
 *
 * Set-up (once per machine, both idempotent):
 *   scripts/setup-browser.sh        # apt: chromium + ripgrep
 *   scripts/setup-code-server.sh    # npm: code-server into .cache/code-server/
 *
 * Typical use from a vitest test (give every test/hook its own timeout, start-up takes 10-60 s
 * on a busy 2-core machine):
 *
 *   const vs = await startVsCode({ extensionDir: REPO_ROOT, workspaceDir, env: { FOO: '1' } });
 *   try {
 *     await vs.runCommand('Mask Inspector: Something');
 *     await vs.waitForNotification(/done/);
 *     const frame = await vs.findWebviewFrame(async (f) => (await f.locator('#root').count()) > 0);
 *   } finally {
 *     await vs.close();
 *   }
 *
 * Quirks of code-server/VS Code web found while building this (details next to the code):
 *  - Contributed commands show up in the command palette only after the remote extension host
 *    has reported its extensions, a few seconds after the workbench appears, and an open palette
 *    does not refresh its list: runCommand() re-types the filter until the entry appears.
 *  - Palette rows carry the full "Category: Title" in `.label-name`; their aria-label can have
 *    suffixes such as ", similar commands" or ", recently used", so match on `.label-name`.
 *  - Webviews are two iframes deep: the workbench page holds `iframe.webview` (.../pre/index.html),
 *    which holds the content frame (.../pre/fake.html) where the extension's HTML lives. Both show
 *    up in page.frames(); Playwright reaches into them although they are sandboxed.
 *  - Right-click in the explorer opens VS Code's own HTML context menu (`.context-view
 *    .monaco-menu`, not a native menu, no shadow DOM in the web build); its entries are
 *    `a.action-menu-item` with the text in `.action-label`, and a plain Playwright click on the
 *    entry runs it. Right-clicking an item that is already selected keeps a multi-selection.
 *  - Single click in the explorer opens a file (preview editor) by default; pass the setting
 *    `"workbench.list.openMode": "doubleClick"` if a test must select without opening.
 *  - Hovers: tooltips of tree items/buttons are `.monaco-hover.workbench-hover` elements that are
 *    removed when they close; the editor's hover widget is a `.monaco-hover` that stays in the DOM
 *    with class `hidden`. So "the visible hover" is `.monaco-hover:not(.hidden)`.
 *  - Editor lines are rendered as token spans with spaces as U+00A0; hoverEditorText() finds
 *    text across spans and points the mouse at its exact on-screen position.
 *  - Lists and trees are virtualised: only rows scrolled into view exist in the DOM, and row
 *    elements are recycled when a tree re-renders, so keep selectors/locators, never handles.
 *  - Right after start-up the explorer re-renders (file watcher), and a click can get lost;
 *    explorerContextMenu() checks aria-selected and redoes the clicks.
 *  - Notification toasts stay up in headless Chromium (no window focus), see waitForNotification.
 *  - Pane headers have aria-label "<View Name> Section"; their visible title is upper-cased
 *    by CSS (innerText gives "PROBE TREE"), so match on the aria-label.
 *  - Environment variables of the code-server process reach the extension host; inherited
 *    VSCODE_* variables are removed first (VSCODE_IPC_HOOK_CLI makes code-server hand the
 *    folder to an already running VS Code and exit), and PORT too (it overrides --bind-addr).
 *  - code-server writes a default config (with a password) to ~/.config/code-server unless
 *    --config names a file; the harness points it into its temporary folder.
 *  - The session socket lives in the user-data dir, and Unix socket paths are limited to 107
 *    bytes, so the temporary folder is kept short (os.tmpdir()/mie2e-XXXXXX).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Frame, type Locator, type Page } from 'playwright-core';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const CODE_SERVER_DIR = path.join(REPO_ROOT, '.cache', 'code-server');
export const CODE_SERVER_BIN = path.join(CODE_SERVER_DIR, 'node_modules', '.bin', 'code-server');
export const CODE_SERVER_MARKER = path.join(CODE_SERVER_DIR, '.setup-complete');
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'test-artifacts', 'e2e');
/** The test-only extension that runs a mocha suite in the extension host (runMochaSuiteInVsCode). */
const SUITE_RUNNER_DIR = path.join(REPO_ROOT, 'test', 'e2e', 'harness', 'suite-runner');
export const CHROMIUM_PATH = process.env.E2E_CHROMIUM || '/usr/bin/chromium';

/** Chromium flags: no sandbox (root in a container), nothing that phones home. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  // WebGL2 (with float render targets) already works through ANGLE/SwiftShader with Debian's
  // Chromium 150 without this; it keeps the software fallback allowed should Chromium drop it.
  '--enable-unsafe-swiftshader',
];

/** User settings written for every session (overridable through StartVsCodeOptions.settings). */
export const DEFAULT_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
};

const DEFAULT_START_TIMEOUT_MS = 180_000;
const DEFAULT_UI_TIMEOUT_MS = 30_000;

// ---------------------------------------------------------------------------------------------
// Prerequisites
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Starting and stopping
// ---------------------------------------------------------------------------------------------

export interface StartVsCodeOptions {
  /** Unpacked extension folder(s), each with a package.json (publisher, name, version). */
  extensionDir?: string | string[];
  /** Folder opened as the workspace. */
  workspaceDir: string;
  /** Extra environment for the code-server process; it reaches the extension host. */
  env?: Record<string, string | undefined>;
  /** User settings, merged over DEFAULT_SETTINGS. */
  settings?: Record<string, unknown>;
  /** Names the log artifacts (test-artifacts/e2e/logs/<name>/). Default "vscode". */
  name?: string;
  /**
   * How extension folders get into --extensions-dir: "symlink" (default; cheap even for a
   * folder with node_modules; VS Code follows it) or "copy" (a snapshot).
   */
  installMode?: 'symlink' | 'copy';
  viewport?: { width: number; height: number };
  /** Default true; E2E_HEADED=1 shows the browser (needs a display). */
  headless?: boolean;
  /** Extra Chromium flags. */
  browserArgs?: string[];
  /** Limit for server start + workbench + extension host. Default 180 s. */
  startTimeoutMs?: number;
  /** Wait until the extension host process has been launched. Default true. */
  waitForExtensionHost?: boolean;
}

export interface VsCodeSession {
  page: Page;
  browser: Browser;
  context: BrowserContext;
  url: string;
  port: number;
  workspaceDir: string;
  /** Temporary folder holding user data, extensions, config and the server log. */
  runDir: string;
  userDataDir: string;
  extensionsDir: string;
  server: ChildProcess;
  /** Everything code-server printed so far. */
  serverLog(): string;
  /** Browser console errors and uncaught page errors seen so far. */
  consoleErrors: string[];
  /** Closes browser and server, copies logs to test-artifacts/e2e/logs/<name>/. Idempotent. */
  close(): Promise<void>;
  screenshot(name: string): Promise<string>;
  runCommand(title: string | RegExp, opts?: RunCommandOptions): Promise<void>;
  waitForNotification(text: string | RegExp, opts?: { timeoutMs?: number }): Promise<Notification>;
  clearNotifications(): Promise<void>;
  findWebviewFrame(predicate?: FramePredicate, opts?: { timeoutMs?: number }): Promise<Frame>;
  explorerContextMenu(files: string[], itemLabel: string, opts?: ExplorerContextMenuOptions): Promise<void>;
  readTreeItems(viewTitle: string, opts?: ReadTreeItemsOptions): Promise<TreeItemInfo[]>;
  treeItem(viewTitle: string, label: string): Locator;
  hoverText(target: Locator, opts?: { timeoutMs?: number }): Promise<string>;
  hoverEditorText(text: string, opts?: { timeoutMs?: number; occurrence?: number }): Promise<string>;
}

const liveServers = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort if a test process dies without close(): kill the servers' process groups.
  process.on('exit', () => {
    for (const p of liveServers) killGroup(p, 'SIGKILL');
  });
}

function killGroup(p: ChildProcess, signal: NodeJS.Signals): void {
  if (p.pid === undefined) return;
  try {
    process.kill(-p.pid, signal); // detached: the server leads its own process group
  } catch {
    try {
      p.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

export async function getFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

interface ExtensionManifest {
  publisher: string;
  name: string;
  version: string;
}

async function readManifest(extensionDir: string): Promise<ExtensionManifest> {
  const file = path.join(extensionDir, 'package.json');
  const pkg = JSON.parse(await fsp.readFile(file, 'utf8')) as Partial<ExtensionManifest>;
  if (!pkg.publisher || !pkg.name || !pkg.version) {
    throw new Error(`${file} needs publisher, name and version to be installed as an extension`);
  }
  return { publisher: pkg.publisher, name: pkg.name, version: pkg.version };
}

/**
 * Puts an unpacked extension into an extensions folder as <publisher>.<name>-<version>, the
 * layout VS Code scans. (Swapping folders in a folder that VS Code already scanned also needs
 * its extensions.json deleted; the harness always starts from an empty folder.)
 */
export async function installUnpackedExtension(
  extensionDir: string,
  extensionsDir: string,
  mode: 'symlink' | 'copy' = 'symlink',
): Promise<string> {
  const src = path.resolve(extensionDir);
  const m = await readManifest(src);
  const dest = path.join(extensionsDir, `${m.publisher}.${m.name}-${m.version}`);
  await fsp.rm(dest, { recursive: true, force: true });
  await fsp.mkdir(extensionsDir, { recursive: true });
  if (mode === 'symlink') {
    await fsp.symlink(src, dest, 'dir');
  } else {
    await fsp.cp(src, dest, { recursive: true, dereference: true });
  }
  return dest;
}

function serverEnv(extra: Record<string, string | undefined> | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    // VSCODE_IPC_HOOK_CLI (set in VS Code terminals) makes code-server open the folder in that
    // other VS Code and exit; other VSCODE_* variables could confuse the server/extension host.
    // PORT overrides --bind-addr; PASSWORD/HASHED_PASSWORD are irrelevant with --auth none.
    if (k.startsWith('VSCODE_') || k === 'PORT' || k === 'PASSWORD' || k === 'HASHED_PASSWORD') continue;
    if (k === 'ELECTRON_RUN_AS_NODE') continue;
    env[k] = v;
  }
  for (const [k, v] of Object.entries(extra ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined> | T | undefined,
  intervalMs = 200,
  abort?: () => string | undefined,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    const reason = abort?.();
    if (reason) throw new Error(`${what}: ${reason}`);
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Starts code-server with the given extension(s) and workspace and opens it in Chromium. */
export async function startVsCode(opts: StartVsCodeOptions): Promise<VsCodeSession> {
  assertE2EPrerequisites();
  installExitHook();
  const started = Date.now();
  const startTimeoutMs = opts.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  const remaining = () => Math.max(1_000, startTimeoutMs - (Date.now() - started));
  const name = opts.name ?? 'vscode';
  const workspaceDir = path.resolve(opts.workspaceDir);
  if (!fs.statSync(workspaceDir).isDirectory()) throw new Error(`workspaceDir ${workspaceDir} is not a folder`);

  // Short path: the session socket <user-data-dir>/code-server-ipc.sock must fit in 107 bytes.
  const runDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'mie2e-'));
  const userDataDir = path.join(runDir, 'ud');
  const extensionsDir = path.join(runDir, 'ext');
  await fsp.mkdir(path.join(userDataDir, 'User'), { recursive: true });
  await fsp.mkdir(extensionsDir, { recursive: true });
  await fsp.writeFile(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_SETTINGS, ...(opts.settings ?? {}) }, null, 2),
  );
  const extDirs = opts.extensionDir === undefined ? [] : Array.isArray(opts.extensionDir) ? opts.extensionDir : [opts.extensionDir];
  for (const dir of extDirs) await installUnpackedExtension(dir, extensionsDir, opts.installMode ?? 'symlink');

  const port = await getFreePort();
  const args = [
    '--config', path.join(runDir, 'config.yaml'),
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    workspaceDir,
  ];
  const logFile = path.join(runDir, 'server.log');
  const logStream = fs.createWriteStream(logFile);
  let log = '';
  const server = spawn(CODE_SERVER_BIN, args, {
    cwd: workspaceDir,
    env: serverEnv(opts.env),
    detached: true, // own process group, so close() can kill the server and all its children
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  liveServers.add(server);
  let exited: string | undefined;
  server.on('exit', (code, signal) => {
    exited = `code-server exited (code ${code}, signal ${signal})`;
    liveServers.delete(server);
  });
  server.on('error', (err) => {
    exited = `code-server failed to start: ${err.message}`;
  });
  const onData = (chunk: Buffer) => {
    const s = chunk.toString();
    log += s;
    logStream.write(s);
  };
  server.stdout!.on('data', onData);
  server.stderr!.on('data', onData);

  let browser: Browser | undefined;
  let closed = false;
  const consoleErrors: string[] = [];

  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    try {
      await browser?.close();
    } catch {
      /* browser already gone */
    }
    if (server.exitCode === null && server.signalCode === null) {
      const gone = new Promise<void>((r) => server.once('exit', () => r()));
      killGroup(server, 'SIGTERM');
      const timer = setTimeout(() => killGroup(server, 'SIGKILL'), 10_000);
      await gone;
      clearTimeout(timer);
    }
    // Stragglers of the group (file watcher, extension host) get the same fate.
    killGroup(server, 'SIGKILL');
    liveServers.delete(server);
    await new Promise<void>((r) => logStream.end(() => r()));
    try {
      const dest = path.join(ARTIFACTS_DIR, 'logs', name);
      await fsp.rm(dest, { recursive: true, force: true });
      await fsp.mkdir(dest, { recursive: true });
      await fsp.copyFile(logFile, path.join(dest, 'server.log'));
      await fsp.writeFile(path.join(dest, 'browser-console-errors.log'), consoleErrors.join('\n'));
      // VS Code's own logs: remoteagent.log, exthost*/remoteexthost.log (extension errors), ...
      const logsDir = path.join(userDataDir, 'logs');
      if (fs.existsSync(logsDir)) await fsp.cp(logsDir, path.join(dest, 'vscode-logs'), { recursive: true });
    } catch {
      /* logs are a convenience */
    }
    if (!process.env.E2E_KEEP_TMP) await fsp.rm(runDir, { recursive: true, force: true }).catch(() => {});
  };

  try {
    // 1. Server up: it prints the listening line, then /healthz answers.
    await waitFor(`code-server to listen on port ${port}`, remaining(), () => (log.includes('HTTP server listening on') ? true : undefined), 100, () => exited && `${exited}\n${log}`);
    await waitFor('code-server /healthz', remaining(), async () => ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok ? true : undefined), 200, () => exited && `${exited}\n${log}`);

    // 2. Browser and workbench.
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: opts.headless ?? !process.env.E2E_HEADED,
      args: [...CHROMIUM_ARGS, ...(opts.browserArgs ?? [])],
      timeout: remaining(),
    });
    const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1600, height: 1000 } });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
    const url = `http://127.0.0.1:${port}/?folder=${encodeURI(workspaceDir)}`;
    await page.goto(url, { timeout: remaining() });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: remaining() });

    // 3. The remote extension host starts when the workbench connects; the server logs it.
    if (opts.waitForExtensionHost ?? true) {
      await waitFor('the extension host to launch', remaining(), () => (log.includes('Launched Extension Host Process') ? true : undefined), 200, () => exited && `${exited}\n${log}`);
    }

    const session: VsCodeSession = {
      page,
      browser,
      context,
      url,
      port,
      workspaceDir,
      runDir,
      userDataDir,
      extensionsDir,
      server,
      serverLog: () => log,
      consoleErrors,
      close,
      screenshot: (n) => screenshot(page, n),
      runCommand: (t, o) => runCommand(page, t, o),
      waitForNotification: (t, o) => waitForNotification(page, t, o),
      clearNotifications: () => clearNotifications(page),
      findWebviewFrame: (p, o) => findWebviewFrame(page, p, o),
      explorerContextMenu: (f, i, o) => explorerContextMenu(page, f, i, o),
      readTreeItems: (v, o) => readTreeItems(page, v, o),
      treeItem: (v, l) => treeItem(page, v, l),
      hoverText: (t, o) => hoverText(page, t, o),
      hoverEditorText: (t, o) => hoverEditorText(page, t, o),
    };
    return session;
  } catch (err) {
    const tail = log.split('\n').slice(-40).join('\n');
    await close();
    const e = err instanceof Error ? err : new Error(String(err));
    e.message += `\n--- code-server log (tail) ---\n${tail}`;
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Screenshots
// ---------------------------------------------------------------------------------------------

/** Saves test-artifacts/e2e/<name>.png (name may contain "/") and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await fsp.mkdir(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file });
  return file;
}

// ---------------------------------------------------------------------------------------------
// Command palette
// ---------------------------------------------------------------------------------------------

export interface RunCommandOptions {
  /**
   * Text typed after ">" to filter the palette. Default: the title itself. Needed with a
   * RegExp title, because the palette list is virtualised (only visible rows exist).
   */
  filter?: string;
  timeoutMs?: number;
}

/**
 * Runs a command by its palette label ("Category: Title", as shown in the palette) via F1.
 * A string must equal the label; a RegExp is tested against it.
 */
export async function runCommand(page: Page, title: string | RegExp, opts: RunCommandOptions = {}): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const filter = opts.filter ?? (typeof title === 'string' ? title : undefined);
  if (filter === undefined) throw new Error('runCommand with a RegExp title needs opts.filter');
  const matches = (label: string) => (typeof title === 'string' ? label.trim() === title : title.test(label.trim()));
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('.quick-input-box input.input');
  const rows = widget.locator('.quick-input-list .monaco-list-row');

  // F1 goes to the focused frame; webviews forward key presses to the workbench, so this also
  // works with focus inside a webview. If a palette/quick pick is already open, F1 re-opens it
  // in command mode.
  await page.keyboard.press('F1');
  await input.waitFor({ state: 'visible', timeout: DEFAULT_UI_TIMEOUT_MS });

  const deadline = Date.now() + timeoutMs;
  let index = -1;
  for (let attempt = 0; index < 0; attempt++) {
    // Re-type each round: an open palette does not pick up commands registered after it opened
    // (contributed commands appear only once the extension host has reported its extensions).
    await input.fill('>');
    await input.fill(`>${filter}`);
    const roundEnd = Math.min(deadline, Date.now() + (attempt === 0 ? 1_500 : 3_000));
    while (Date.now() < roundEnd && index < 0) {
      const labels = await rows.evaluateAll((els) =>
        els.map((el) => ({ i: el.getAttribute('data-index'), label: el.querySelector('.label-name')?.textContent ?? '' })),
      );
      const hit = labels.find((l) => matches(l.label));
      if (hit) index = Number(hit.i);
      else await page.waitForTimeout(100);
    }
    if (index < 0 && Date.now() >= deadline) {
      const seen = await rows.evaluateAll((els) => els.map((el) => el.querySelector('.label-name')?.textContent ?? ''));
      await page.keyboard.press('Escape');
      throw new Error(`Command ${String(title)} not found in the palette within ${timeoutMs} ms (filter "${filter}"; rows: ${JSON.stringify(seen)})`);
    }
  }
  await widget.locator(`.quick-input-list .monaco-list-row[data-index="${index}"]`).click();
  // Done when the palette closed or switched to another prompt (a command may open a quick pick).
  await page.waitForFunction(
    (typed) => {
      const w = document.querySelector('.quick-input-widget') as HTMLElement | null;
      const i = w?.querySelector('.quick-input-box input.input') as HTMLInputElement | null;
      return !w || w.style.display === 'none' || !i || i.value !== typed;
    },
    `>${filter}`,
    { timeout: DEFAULT_UI_TIMEOUT_MS },
  );
}

// ---------------------------------------------------------------------------------------------
// Notifications
// ---------------------------------------------------------------------------------------------

export interface Notification {
  text: string;
  locator: Locator;
}

/**
 * Waits for a notification toast containing the text (string: substring; RegExp: tested).
 * Seen in headless Chromium: toasts do NOT hide by themselves (presumably because VS Code
 * auto-hides them only while the window has focus), so an older toast with the same text still matches: wait for
 * text that is specific to this step, or call clearNotifications() before the action. (With a
 * focused, headed window, info toasts hide after some seconds.)
 */
export async function waitForNotification(page: Page, text: string | RegExp, opts: { timeoutMs?: number } = {}): Promise<Notification> {
  const locator = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  await locator.waitFor({ state: 'visible', timeout: opts.timeoutMs ?? DEFAULT_UI_TIMEOUT_MS });
  const message = locator.locator('.notification-list-item-message').first();
  const t = (await message.count()) ? await message.innerText() : await locator.innerText();
  return { text: t.trim(), locator };
}

/** Closes all notifications (toasts and centre). */
export async function clearNotifications(page: Page): Promise<void> {
  await runCommand(page, 'Notifications: Clear All Notifications');
}

// ---------------------------------------------------------------------------------------------
// Webviews
// ---------------------------------------------------------------------------------------------

export type FramePredicate = (frame: Frame) => boolean | Promise<boolean>;

/**
 * The content frames of all webviews: VS Code puts `iframe.webview` (pre/index.html) into the
 * workbench and the extension's HTML into a frame inside that (pre/fake.html).
 */
export function webviewContentFrames(page: Page): Frame[] {
  return page.frames().filter((f) => /\/webview\/browser\/pre\/fake\.html/.test(f.url()) && !f.isDetached());
}

/**
 * Waits for a webview content frame for which the predicate holds (default: any). Errors the
 * predicate throws (frames detach while a webview reloads) count as "no".
 */
export async function findWebviewFrame(page: Page, predicate: FramePredicate = () => true, opts: { timeoutMs?: number } = {}): Promise<Frame> {
  return waitFor('a webview frame matching the predicate', opts.timeoutMs ?? DEFAULT_UI_TIMEOUT_MS, async () => {
    for (const f of webviewContentFrames(page)) {
      try {
        if (await predicate(f)) return f;
      } catch {
        /* detached or navigating */
      }
    }
    return undefined;
  });
}

/** Webview content frame containing an element matching the CSS selector. */
export function findWebviewFrameWith(page: Page, selector: string, opts: { timeoutMs?: number } = {}): Promise<Frame> {
  return findWebviewFrame(page, async (f) => (await f.locator(selector).count()) > 0, opts);
}

// ---------------------------------------------------------------------------------------------
// Explorer
// ---------------------------------------------------------------------------------------------

function cssString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const EXPLORER = '.explorer-folders-view';

/** Opens the Explorer view (no-op if it is showing). */
export async function showExplorer(page: Page): Promise<void> {
  if (await page.locator(EXPLORER).isVisible()) return;
  await runCommand(page, 'View: Show Explorer');
  await page.locator(EXPLORER).waitFor({ state: 'visible', timeout: DEFAULT_UI_TIMEOUT_MS });
}

/**
 * CSS selector of the explorer row of a file or folder, by path relative to the (single)
 * workspace folder, e.g. "sub/a.png"; expands the folders on the way (clicking the twistie,
 * which neither selects nor opens). Top-level entries have aria-level 1.
 *
 * Rows are recycled DOM elements (the list re-binds them when the tree re-renders, e.g. after a
 * file-watcher refresh), so never hold on to an element handle: use the selector/locator, which
 * Playwright re-resolves on every action.
 */
export async function explorerRowSelector(page: Page, relPath: string, opts: { timeoutMs?: number } = {}): Promise<string> {
  const timeout = opts.timeoutMs ?? DEFAULT_UI_TIMEOUT_MS;
  await showExplorer(page);
  const parts = relPath.split(/[\\/]+/).filter(Boolean);
  if (parts.length === 0) throw new Error(`empty explorer path "${relPath}"`);
  let selector = '';
  for (let level = 1; level <= parts.length; level++) {
    selector = `${EXPLORER} .monaco-list-row[aria-level="${level}"][aria-label=${cssString(parts[level - 1]!)}]`;
    const row = page.locator(selector).first();
    await row.waitFor({ state: 'visible', timeout });
    if (level < parts.length && (await row.getAttribute('aria-expanded')) !== 'true') {
      await row.locator('.monaco-tl-twistie').click();
      await page.locator(`${selector}[aria-expanded="true"]`).first().waitFor({ state: 'visible', timeout });
    }
  }
  return selector;
}

/** Locator of an explorer row (see explorerRowSelector). */
export async function explorerRow(page: Page, relPath: string, opts: { timeoutMs?: number } = {}): Promise<Locator> {
  return page.locator(await explorerRowSelector(page, relPath, opts)).first();
}

export interface ExplorerContextMenuOptions {
  /** Select the range first..last with shift-click instead of ctrl-clicking each. */
  range?: boolean;
  timeoutMs?: number;
}

/**
 * Selects the files in the explorer (click the first, ctrl-click the others, or shift-click the
 * last with range: true), right-clicks the last one and picks the context-menu entry whose label
 * equals itemLabel. Note: the plain click on the first file also opens it (VS Code's default
 * single-click open); set "workbench.list.openMode": "doubleClick" to avoid that.
 */
export async function explorerContextMenu(
  page: Page,
  files: string[],
  itemLabel: string,
  opts: ExplorerContextMenuOptions = {},
): Promise<void> {
  if (files.length === 0) throw new Error('explorerContextMenu needs at least one file');
  const timeout = opts.timeoutMs ?? DEFAULT_UI_TIMEOUT_MS;
  const selectors: string[] = [];
  for (const f of files) selectors.push(await explorerRowSelector(page, f, { timeoutMs: timeout }));
  const row = (sel: string) => page.locator(sel).first();
  const mustBeSelected = opts.range && selectors.length > 1 ? [selectors[0]!, selectors[selectors.length - 1]!] : selectors;
  const allSelected = async () => {
    for (const sel of mustBeSelected) if (!(await page.locator(`${sel}[aria-selected="true"]`).count())) return false;
    return true;
  };
  // Clicks can get lost while the tree is still settling right after start-up (it re-renders
  // when the file watcher reports); check the selection and redo the clicks if needed.
  for (let attempt = 1; ; attempt++) {
    await row(selectors[0]!).click();
    if (opts.range && selectors.length > 1) {
      await row(selectors[selectors.length - 1]!).click({ modifiers: ['Shift'] });
    } else {
      for (const sel of selectors.slice(1)) await row(sel).click({ modifiers: ['Control'] });
    }
    try {
      await waitFor('the explorer selection', 3_000, async () => ((await allSelected()) ? true : undefined), 100);
      break;
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
  // Right-clicking a row that is part of the selection keeps the whole selection.
  await row(selectors[selectors.length - 1]!).click({ button: 'right' });
  await clickContextMenuItem(page, itemLabel, { timeoutMs: timeout });
}

/** Clicks an entry of the open VS Code context menu by its exact label. */
export async function clickContextMenuItem(page: Page, itemLabel: string, opts: { timeoutMs?: number } = {}): Promise<void> {
  const timeout = opts.timeoutMs ?? DEFAULT_UI_TIMEOUT_MS;
  const menu = page.locator('.context-view .monaco-menu').first();
  await menu.waitFor({ state: 'visible', timeout });
  const item = menu
    .locator('.action-item:not(.disabled) a.action-menu-item')
    .filter({ has: page.locator('.action-label', { hasText: new RegExp(`^\\s*${escapeRegExp(itemLabel)}\\s*$`) }) })
    .first();
  try {
    await item.waitFor({ state: 'visible', timeout: Math.min(timeout, 5_000) });
  } catch {
    const labels = (await menu.locator('.action-item .action-label').allInnerTexts()).filter((l) => l.trim());
    await page.keyboard.press('Escape');
    throw new Error(`Context menu has no enabled entry "${itemLabel}"; entries: ${JSON.stringify(labels)}`);
  }
  // The click is occasionally swallowed on a slow machine (seen once: menu stayed open with the
  // entry visible). VS Code hides the menu before it runs the action, so a menu that is still
  // open means the action did not run and the click can safely be repeated.
  for (let attempt = 1; ; attempt++) {
    await item.click();
    try {
      await menu.waitFor({ state: 'hidden', timeout: 5_000 });
      return;
    } catch (e) {
      if (attempt >= 3 || !(await item.isVisible())) throw e;
      console.warn(`[e2e harness] context menu still open after clicking "${itemLabel}"; clicking again`);
    }
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------
// Tree views
// ---------------------------------------------------------------------------------------------

export interface TreeItemInfo {
  label: string;
  description: string;
  ariaLabel: string;
  level: number;
  /** undefined for leaves. */
  expanded: boolean | undefined;
  selected: boolean;
}

export interface ReadTreeItemsOptions {
  /** Wait until at least this many rows are rendered. Default 1; 0 returns what is there. */
  minCount?: number;
  timeoutMs?: number;
}

function paneHeader(page: Page, viewTitle: string): Locator {
  return page.locator(`.pane-header[aria-label=${cssString(`${viewTitle} Section`)}]`).first();
}

/** Makes the view visible and expanded: runs "<Container>: Focus on <viewTitle> View" if needed. */
export async function showView(page: Page, viewTitle: string, opts: { timeoutMs?: number } = {}): Promise<Locator> {
  const timeout = opts.timeoutMs ?? DEFAULT_UI_TIMEOUT_MS;
  const header = paneHeader(page, viewTitle);
  if (!(await header.count()) || !(await paneOf(page, header).isVisible())) {
    await runCommand(page, new RegExp(`: Focus on ${escapeRegExp(viewTitle)} View$`), { filter: `Focus on ${viewTitle} View`, timeoutMs: timeout });
    await header.waitFor({ state: 'attached', timeout });
  }
  // A lone view in a container hides its header; then it cannot be (and need not be) expanded.
  if ((await header.isVisible()) && (await header.getAttribute('aria-expanded')) === 'false') {
    await header.click();
    await page.locator(`.pane-header[aria-label=${cssString(`${viewTitle} Section`)}][aria-expanded="true"]`).first().waitFor({ timeout });
  }
  return paneOf(page, header);
}

function paneOf(page: Page, header: Locator): Locator {
  return page.locator('.pane').filter({ has: header }).first();
}

/** Rows currently rendered in a view (lists are virtualised: scrolled-out rows are missing). */
export async function readTreeItems(page: Page, viewTitle: string, opts: ReadTreeItemsOptions = {}): Promise<TreeItemInfo[]> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_UI_TIMEOUT_MS;
  const pane = await showView(page, viewTitle, { timeoutMs });
  const rows = pane.locator('.pane-body .monaco-list-row');
  const minCount = opts.minCount ?? 1;
  await waitFor(`${minCount} row(s) in view "${viewTitle}"`, timeoutMs, async () => ((await rows.count()) >= minCount ? true : undefined));
  return rows.evaluateAll((els) =>
    els
      .map((el) => ({
        index: Number(el.getAttribute('data-index')),
        label: el.querySelector('.label-name')?.textContent ?? '',
        description: el.querySelector('.label-description')?.textContent ?? '',
        ariaLabel: el.getAttribute('aria-label') ?? '',
        level: Number(el.getAttribute('aria-level') ?? '1'),
        expanded: el.hasAttribute('aria-expanded') ? el.getAttribute('aria-expanded') === 'true' : undefined,
        selected: el.getAttribute('aria-selected') === 'true',
      }))
      .sort((a, b) => a.index - b.index)
      .map(({ index: _index, ...rest }) => rest),
  );
}

/** Locator of a rendered row of a view by its exact label (call readTreeItems/showView first). */
export function treeItem(page: Page, viewTitle: string, label: string): Locator {
  return paneOf(page, paneHeader(page, viewTitle))
    .locator('.pane-body .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) })
    .first();
}

// ---------------------------------------------------------------------------------------------
// Hovers
// ---------------------------------------------------------------------------------------------

const VISIBLE_HOVER = '.monaco-hover:not(.hidden)';

async function waitForNoHover(page: Page): Promise<void> {
  // Park the mouse on the empty left end of the title bar, which has no tooltip.
  await page.mouse.move(2, 2);
  try {
    await waitFor('hovers to close', 3_000, async () => ((await page.locator(VISIBLE_HOVER).count()) === 0 ? true : undefined), 100);
  } catch {
    await page.keyboard.press('Escape'); // sticky hover; Escape closes it
  }
}

async function readVisibleHover(page: Page, timeoutMs: number): Promise<string> {
  return waitFor('a hover to show', timeoutMs, async () => {
    const texts = await page.locator(VISIBLE_HOVER).evaluateAll((els) =>
      els.filter((e) => (e as HTMLElement).offsetHeight > 0).map((e) => (e as HTMLElement).innerText.trim()),
    );
    const t = texts.filter(Boolean).pop();
    return t || undefined;
  }, 100);
}

/**
 * Hovers the target (tree row, button, status bar item, ...) and returns the text of the hover
 * that appears (workbench tooltips and editor hovers alike; markdown comes back as rendered text).
 */
export async function hoverText(page: Page, target: Locator, opts: { timeoutMs?: number } = {}): Promise<string> {
  await waitForNoHover(page);
  await target.hover();
  return readVisibleHover(page, opts.timeoutMs ?? 10_000);
}

/**
 * Moves the mouse onto `text` in the active editor (the n-th occurrence in the rendered lines,
 * default 0) and returns the text of the editor hover. Only rendered (visible) lines count.
 */
export async function hoverEditorText(page: Page, text: string, opts: { timeoutMs?: number; occurrence?: number } = {}): Promise<string> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  await waitForNoHover(page);
  const point = await waitFor(`"${text}" in the active editor`, timeoutMs, () =>
    page.evaluate(
      ({ text, occurrence }) => {
        const editor =
          document.querySelector('.editor-group-container.active .monaco-editor .view-lines') ??
          document.querySelector('.monaco-editor .view-lines');
        if (!editor) return undefined;
        const lines = [...editor.querySelectorAll<HTMLElement>('.view-line')].sort(
          (a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top,
        );
        let seen = 0;
        for (const line of lines) {
          const nodes: Text[] = [];
          const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) nodes.push(walker.currentNode as Text);
          const full = nodes.map((n) => n.data).join('').replace(/\u00a0/g, ' ');
          let at = full.indexOf(text);
          while (at >= 0) {
            if (seen++ === occurrence) {
              const locate = (offset: number, isEnd: boolean): [Text, number] => {
                let acc = 0;
                for (const n of nodes) {
                  if (offset < acc + n.data.length || (isEnd && offset === acc + n.data.length)) return [n, offset - acc];
                  acc += n.data.length;
                }
                const last = nodes[nodes.length - 1]!;
                return [last, last.data.length];
              };
              const range = document.createRange();
              range.setStart(...locate(at, false));
              range.setEnd(...locate(at + text.length, true));
              const r = range.getBoundingClientRect();
              return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
            }
            at = full.indexOf(text, at + 1);
          }
        }
        return undefined;
      },
      { text, occurrence: opts.occurrence ?? 0 },
    ),
  );
  // Two moves: the editor shows its hover on mousemove over the word.
  await page.mouse.move(point.x - 1, point.y);
  await page.mouse.move(point.x, point.y);
  return readVisibleHover(page, timeoutMs);
}

// ---------------------------------------------------------------------------------------------
// Mocha suites inside the extension host
// ---------------------------------------------------------------------------------------------

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
