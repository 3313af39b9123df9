/**
 * End-to-end harness: runs extensions in a real VS Code (code-server 4.99.4 = VS Code 1.99.3,
 * server + web workbench) and drives the workbench with playwright-core and Debian's Chromium.
 * This module is its entry; the parts: setup.ts (prerequisites), extensions.ts (installing them),
 * server.ts (the code-server process), launch.ts (startVsCode, the session), workbench.ts
 * (screenshots, palette, notifications), explorer.ts, views.ts (tree views), hovers.ts,
 * webviews.ts (content frames), suite.ts (mocha suites in the extension host, through
 * suite-runner/), wait.ts and selectors.ts.
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
export * from './explorer';
export * from './extensions';
export * from './hovers';
export * from './launch';
export { getFreePort } from './server';
export * from './setup';
export * from './suite';
export * from './views';
export * from './wait';
export * from './webviews';
export * from './workbench';
