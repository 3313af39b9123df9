/** The webview side of VS Code's API, typed with the shared protocol. */
import type { FromWebview } from '../src/shared/protocol';

export interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** May be called once per page; the entry point owns it. */
export const vscodeApi = (): VsCodeApi => acquireVsCodeApi();
