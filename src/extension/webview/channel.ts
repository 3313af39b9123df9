/**
 * The host end of a webview's message channel: holds messages until the webview says `ready` (a
 * webview that was hidden may reload and say it again), and passes on only messages that validate.
 * Structural types only, so it is tested without VS Code.
 */
import { parseFromWebview, type FromWebview, type ToWebview } from '../../shared/protocol';

export interface Disposable {
  dispose(): void;
}

/** The part of `vscode.Webview` the channel uses. */
export interface WebviewEndpoint {
  postMessage(message: ToWebview): PromiseLike<boolean>;
  onDidReceiveMessage(listener: (message: unknown) => void): Disposable;
}

export interface ChannelHandlers {
  /** Every valid message; `ready` included, after the queue is flushed. */
  onMessage(message: FromWebview): void;
  /** A message that failed validation (logged by the owner, never acted on). */
  onInvalid?(raw: unknown): void;
}

export class WebviewChannel implements Disposable {
  private ready = false;
  private queue: ToWebview[] = [];
  private readonly subscription: Disposable;

  constructor(
    private readonly endpoint: WebviewEndpoint,
    private readonly handlers: ChannelHandlers,
  ) {
    this.subscription = endpoint.onDidReceiveMessage((raw) => this.receive(raw));
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** Sends now if the webview is ready, else when it is. */
  post(message: ToWebview): void {
    if (this.ready) void this.endpoint.postMessage(message);
    else this.queue.push(message);
  }

  /** The webview is gone or reloading: queue until the next `ready`. */
  reset(): void {
    this.ready = false;
  }

  private receive(raw: unknown): void {
    const message = parseFromWebview(raw);
    if (!message) {
      this.handlers.onInvalid?.(raw);
      return;
    }
    if (message.type === 'ready') {
      this.ready = true;
      const queued = this.queue;
      this.queue = [];
      for (const m of queued) void this.endpoint.postMessage(m);
    }
    this.handlers.onMessage(message);
  }

  dispose(): void {
    this.subscription.dispose();
    this.queue = [];
  }
}
