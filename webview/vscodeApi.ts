/** The webview side of VS Code's API, and the page's end of its channel to the host (src/shared/channel.ts). */
import type { Endpoint } from '../src/shared/channel';
import type { FromWebview } from '../src/shared/protocol';

/** `Out`: what this page sends (the comparison view's messages unless said otherwise). */
export interface VsCodeApi<Out = FromWebview> {
  postMessage(message: Out): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi<Out>(): VsCodeApi<Out>;

/** May be called once per page; the entry point owns it. */
export const vscodeApi = <Out = FromWebview>(): VsCodeApi<Out> => acquireVsCodeApi<Out>();

/** The host as this page's channel sees it: posts through the API, receives the window's `message` events. */
export function hostEndpoint<Out>(api: VsCodeApi<Out>): Endpoint<Out> {
  return {
    postMessage: (m) => api.postMessage(m),
    onDidReceiveMessage: (listener) => {
      const handler = (e: MessageEvent<unknown>) => listener(e.data);
      window.addEventListener('message', handler);
      return { dispose: () => window.removeEventListener('message', handler) };
    },
  };
}
