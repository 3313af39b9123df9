/**
 * Starting and stopping a session: code-server with the extensions under test and a workspace, in its
 * own process group and temporary folder, and Chromium on its workbench; the session object gathers the
 * workbench helpers bound to its page.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Frame, type Locator, type Page } from 'playwright-core';
import { explorerContextMenu, type ExplorerContextMenuOptions } from './explorer';
import { installUnpackedExtension } from './extensions';
import { getFreePort, installExitHook, killGroup, liveServers, serverEnv } from './server';
import { hoverEditorText, hoverText } from './hovers';
import { ARTIFACTS_DIR, CHROMIUM_PATH, CODE_SERVER_BIN, assertE2EPrerequisites } from './setup';
import { readTreeItems, treeItem, type ReadTreeItemsOptions, type TreeItemInfo } from './views';
import { waitFor } from './wait';
import { findWebviewFrame, type FramePredicate } from './webviews';
import { clearNotifications, runCommand, screenshot, waitForNotification, type Notification, type RunCommandOptions } from './workbench';

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
