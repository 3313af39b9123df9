/**
 * One webview showing one pair at a time: reads and decodes the two files, sends them, re-sends them
 * when the webview reloads (a hidden webview loses its page; its view state comes back through
 * getState), and serves what the webview asks for (copy, open, swap). Shared by the comparison
 * panel and the side view.
 */
import * as vscode from 'vscode';
import type { FromWebview, ToWebview, ViewOptions } from '../../shared/protocol';
import { DEFAULT_VIEW_OPTIONS, PROTOCOL_VERSION } from '../../shared/protocol';
import { WebviewChannel } from './channel';
import { pairPayload } from './pairMessage';

export interface PairUris {
  gt: vscode.Uri;
  pred: vscode.Uri;
}

export type ResultsMessage = Extract<FromWebview, { type: 'results' }>;

export interface CompareOptions {
  /** Starting engine options (the user's settings); the webview fills in the rest with defaults. */
  options?: Partial<ViewOptions>;
  /** Overrides the ignore index the ground truth is read with (e.g. 255). */
  ignoreIndex?: number;
  /** Display names of the classes, background first. */
  classNames?: readonly string[];
  /** Refuse larger images (pixels); the io layer's default otherwise. */
  maxPixels?: number;
  /** Each time the webview has recomputed: values, backend and timings. */
  onResults?(message: ResultsMessage, files: PairUris): void;
  /** The user changed preset, threshold or parameters in the webview. */
  onOptionsChanged?(options: ViewOptions, files: PairUris): void;
}

export const pairKey = (files: PairUris): string => `${files.gt.toString()}|${files.pred.toString()}`;
const baseName = (uri: vscode.Uri): string => uri.path.slice(uri.path.lastIndexOf('/') + 1);

export class PairSession implements vscode.Disposable {
  private readonly channel: WebviewChannel;
  private current?: { files: PairUris; opts: CompareOptions; message: ToWebview & { type: 'load' } };
  private requestId = 0;

  constructor(
    webview: vscode.Webview,
    private readonly log: (line: string) => void = () => undefined,
  ) {
    this.channel = new WebviewChannel(webview, {
      onMessage: (m) => this.handle(m),
      onInvalid: (raw) => this.log(`Mask Inspector: ignored an invalid message from the webview: ${JSON.stringify(raw)?.slice(0, 200)}`),
    });
  }

  get files(): PairUris | undefined {
    return this.current?.files;
  }

  /** Reads, decodes and sends a pair; a file problem is shown in the webview as one line. */
  async show(files: PairUris, opts: CompareOptions = {}): Promise<void> {
    const requestId = ++this.requestId;
    try {
      const [gtBytes, predBytes] = await Promise.all([vscode.workspace.fs.readFile(files.gt), vscode.workspace.fs.readFile(files.pred)]);
      if (requestId !== this.requestId) return; // a newer pair won
      const pair = pairPayload(
        { gtBytes, gtName: baseName(files.gt), predBytes, predName: baseName(files.pred) },
        { key: pairKey(files), ignoreIndex: opts.ignoreIndex, classNames: opts.classNames, maxPixels: opts.maxPixels },
      );
      const options = { ...DEFAULT_VIEW_OPTIONS, ...opts.options };
      this.current = { files, opts, message: { type: 'load', requestId, pair, options } };
      if (this.channel.isReady) this.channel.post(this.current.message);
    } catch (e) {
      this.current = undefined;
      this.channel.post({ type: 'hostError', requestId, message: e instanceof Error ? e.message : String(e) });
    }
  }

  /** The host's settings changed: the webview recomputes, and a reload starts from them. */
  setOptions(options: Partial<ViewOptions>): void {
    if (this.current) this.current.message.options = { ...this.current.message.options, ...options };
    this.channel.post({ type: 'options', options });
  }

  clear(message: string): void {
    this.current = undefined;
    this.channel.post({ type: 'clear', message });
  }

  /** The webview was hidden (its page is discarded): hold messages until it is ready again. */
  hidden(): void {
    this.channel.reset();
  }

  private handle(m: FromWebview): void {
    const cur = this.current;
    switch (m.type) {
      case 'ready':
        if (m.protocol !== PROTOCOL_VERSION) this.log(`Mask Inspector: webview protocol ${m.protocol}, host ${PROTOCOL_VERSION}`);
        if (cur) this.channel.post(cur.message);
        return;
      case 'results':
        if (cur && m.key === cur.message.pair.key) cur.opts.onResults?.(m, cur.files);
        return;
      case 'optionsChanged':
        if (!cur || m.key !== cur.message.pair.key) return;
        cur.message.options = m.options;
        cur.opts.onOptionsChanged?.(m.options, cur.files);
        return;
      case 'copy':
        void vscode.env.clipboard.writeText(m.text).then(() => vscode.window.setStatusBarMessage('Mask Inspector: values copied', 2000));
        return;
      case 'open':
        if (cur) void vscode.commands.executeCommand('vscode.open', m.which === 'gt' ? cur.files.gt : cur.files.pred, { preview: true, viewColumn: vscode.ViewColumn.Beside });
        return;
      case 'swap':
        if (cur) void this.show({ gt: cur.files.pred, pred: cur.files.gt }, { ...cur.opts, options: cur.message.options });
        return;
      case 'error':
        this.log(`Mask Inspector webview: ${m.message}`);
        return;
    }
  }

  dispose(): void {
    this.channel.dispose();
  }
}
