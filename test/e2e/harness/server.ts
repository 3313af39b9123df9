/** The code-server processes: their environment, a free port, and killing their process groups (at close or when the test process exits). */
import type { ChildProcess } from 'node:child_process';
import * as net from 'node:net';

export const liveServers = new Set<ChildProcess>();
let exitHookInstalled = false;

export function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort if a test process dies without close(): kill the servers' process groups.
  process.on('exit', () => {
    for (const p of liveServers) killGroup(p, 'SIGKILL');
  });
}

export function killGroup(p: ChildProcess, signal: NodeJS.Signals): void {
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

/** code-server's environment: ours without what would redirect or reconfigure it, plus `extra`. */
export function serverEnv(extra: Record<string, string | undefined> | undefined): NodeJS.ProcessEnv {
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
