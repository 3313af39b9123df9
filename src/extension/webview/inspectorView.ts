/**
 * The side-panel view (view id `maskInspector.inspectorView`, type "webview") that follows the
 * selected pair. Register with
 *
 *   vscode.window.registerWebviewViewProvider(InspectorViewProvider.viewId, provider)
 *
 * and call `provider.showPair(files: { gt: vscode.Uri; pred: vscode.Uri }, options?: CompareOptions)`
 * on each selection (before the view is opened too: the latest pair is shown when it resolves).
 */
import * as vscode from 'vscode';
import type { ViewOptions } from '../../shared/protocol';
import { PairSession, titleOf, type CompareOptions, type PairUris, type SessionState } from './pairSession';
import { htmlFor, webviewOptions } from './setup';

export class InspectorViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewId = 'maskInspector.inspectorView';
  private session?: PairSession;
  private pending?: { files: PairUris; options: CompareOptions };
  private view?: vscode.WebviewView;

  constructor(private readonly extensionUri: vscode.Uri) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = webviewOptions(this.extensionUri);
    this.session?.dispose();
    const session = new PairSession(view.webview, (line) => console.warn(line));
    session.onSwapped = (files) => {
      this.pending = { files, options: this.pending?.options ?? {} };
      view.description = titleOf(files);
    };
    this.session = session;
    view.webview.html = htmlFor(view.webview, this.extensionUri, 'Mask Inspector');
    view.onDidChangeVisibility(() => {
      if (!view.visible) session.hidden();
    });
    view.onDidDispose(() => {
      session.dispose();
      if (this.session === session) this.session = undefined;
      this.view = undefined;
    });
    if (this.pending) void session.show(this.pending.files, this.pending.options);
    else session.clear('Select a ground truth / prediction pair to inspect it here.');
  }

  /** Shows a pair in the view (now, or when the view is first opened). */
  showPair(files: PairUris, options: CompareOptions = {}): void {
    this.pending = { files, options };
    if (this.session) void this.session.show(files, options);
    if (this.view) this.view.description = titleOf(files);
  }

  /** The host's settings changed. */
  updateOptions(options: Partial<ViewOptions>): void {
    this.session?.setOptions(options);
    if (this.pending) this.pending.options = { ...this.pending.options, options: { ...this.pending.options.options, ...options } };
  }

  /** The pair is read again (the ignore index, class names or pixel limit changed). */
  reload(opts: Pick<CompareOptions, 'ignoreIndex' | 'classNames' | 'maxPixels' | 'activation' | 'labelMap' | 'instances'>): void {
    if (this.pending) this.pending.options = { ...this.pending.options, ...opts };
    this.session?.reload(opts);
  }

  /** What the view shows, for the extension's tests. */
  get state(): SessionState | undefined {
    return this.session?.state;
  }

  dispose(): void {
    this.session?.dispose();
  }
}
