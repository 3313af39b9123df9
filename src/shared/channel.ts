/**
 * One typed two-way channel for every webview, used on both sides: the host wraps its `vscode.Webview`,
 * a webview page wraps `acquireVsCodeApi()` and its window's `message` events (webview/hostEndpoint.ts).
 * `Out` is what this side sends and `In` what it receives; each protocol module declares both and how
 * the receiver checks what arrives (src/shared/protocol.ts for the comparison view, reportProtocol.ts
 * for the loss report). The host validates everything; a page may trust its host.
 */

export interface Disposable {
  dispose(): void;
}

/** One side's end of the transport (`vscode.Webview` fits as it is). */
export interface Endpoint<Out> {
  postMessage(message: Out): unknown;
  onDidReceiveMessage(listener: (raw: unknown) => void): Disposable;
}

export interface ChannelOptions<In> {
  /** The message if it is well formed, else undefined (it goes to `onInvalid` listeners, never acted on). */
  parse(raw: unknown): In | undefined;
  /**
   * When given, what is posted waits until a message this accepts arrives (the page's `ready`), and
   * again after `reset()` (a hidden webview loses its page and says `ready` again when it reloads).
   */
  isReady?(message: In): boolean;
}

export class Channel<Out, In> implements Disposable {
  private ready: boolean;
  private queue: Out[] = [];
  private readonly listeners = new Set<(message: In) => void>();
  private readonly invalidListeners = new Set<(raw: unknown) => void>();
  private readonly subscription: Disposable;

  constructor(
    private readonly endpoint: Endpoint<Out>,
    private readonly options: ChannelOptions<In>,
  ) {
    this.ready = !options.isReady;
    this.subscription = endpoint.onDidReceiveMessage((raw) => this.receive(raw));
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** Sends now if the other side is ready, else when it is. */
  post(message: Out): void {
    if (this.ready) void this.endpoint.postMessage(message);
    else this.queue.push(message);
  }

  /** Every valid message (the ready message included, after the queue is flushed). */
  onMessage(listener: (message: In) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Every message that failed validation. */
  onInvalid(listener: (raw: unknown) => void): Disposable {
    this.invalidListeners.add(listener);
    return { dispose: () => this.invalidListeners.delete(listener) };
  }

  /** The other side is gone or reloading: queue until it is ready again. */
  reset(): void {
    if (this.options.isReady) this.ready = false;
  }

  private receive(raw: unknown): void {
    const message = this.options.parse(raw);
    if (message === undefined) {
      for (const l of this.invalidListeners) l(raw);
      return;
    }
    if (this.options.isReady?.(message)) {
      this.ready = true;
      const queued = this.queue;
      this.queue = [];
      for (const m of queued) void this.endpoint.postMessage(m);
    }
    for (const l of this.listeners) l(message);
  }

  dispose(): void {
    this.subscription.dispose();
    this.listeners.clear();
    this.invalidListeners.clear();
    this.queue = [];
  }
}

/** For a page's end: what its own host sends is taken as it is (any object with a `type`). */
export function trusted<In extends { type: string }>(raw: unknown): In | undefined {
  return typeof raw === 'object' && raw !== null && typeof (raw as { type?: unknown }).type === 'string' ? (raw as In) : undefined;
}
