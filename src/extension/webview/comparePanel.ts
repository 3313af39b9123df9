/**
 * The comparison panel (view type `maskInspector.compare`), opened from the explorer, the tree or
 * the report:
 *
 *   ComparePanel.show(extensionUri: vscode.Uri, files: { gt: vscode.Uri; pred: vscode.Uri },
 *                     options?: CompareOptions & { reuse?: boolean; viewColumn?: vscode.ViewColumn }): ComparePanel
 *
 * One panel per pair: showing a pair that already has a panel reveals it. With `reuse`, the most
 * recently active panel shows the new pair instead of opening another.
 */
import * as vscode from 'vscode';
import type { ViewOptions } from '../../shared/protocol';
import { pairKey, PairSession, titleOf, type CompareOptions, type PairUris, type SessionState } from './pairSession';
import { htmlFor, webviewOptions } from './setup';

export interface ShowOptions extends CompareOptions {
  reuse?: boolean;
  viewColumn?: vscode.ViewColumn;
}

export class ComparePanel implements vscode.Disposable {
  static readonly viewType = 'maskInspector.compare';
  private static readonly panels = new Map<string, ComparePanel>();
  private static lastActive?: ComparePanel;

  private readonly session: PairSession;
  private key: string;

  static show(extensionUri: vscode.Uri, files: PairUris, options: ShowOptions = {}): ComparePanel {
    const key = pairKey(files);
    const existing = ComparePanel.panels.get(key) ?? (options.reuse ? ComparePanel.lastActive : undefined);
    if (existing) {
      existing.showPair(files, options);
      existing.panel.reveal(options.viewColumn);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(ComparePanel.viewType, titleOf(files), options.viewColumn ?? vscode.ViewColumn.Active, webviewOptions(extensionUri));
    const created = new ComparePanel(panel, extensionUri, files, options);
    return created;
  }

  /** Every open panel gets the host's new settings. */
  static updateOptions(options: Partial<ViewOptions>): void {
    for (const p of ComparePanel.panels.values()) p.session.setOptions(options);
  }

  /** Every open panel reads its pair again (the ignore index, class names or pixel limit changed). */
  static reloadAll(opts: Pick<CompareOptions, 'ignoreIndex' | 'classNames' | 'maxPixels' | 'activation' | 'labelMap' | 'instances'>): void {
    for (const p of ComparePanel.panels.values()) p.session.reload(opts);
  }

  /** What each open panel shows, for the extension's tests. */
  static states(): (SessionState & { panelTitle: string })[] {
    return [...ComparePanel.panels.values()].map((p) => ({ ...p.session.state, panelTitle: p.panel.title }));
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    files: PairUris,
    options: CompareOptions,
  ) {
    this.key = pairKey(files);
    this.session = new PairSession(panel.webview, (line) => console.warn(line));
    this.session.onSwapped = (swapped) => this.retitle(swapped);
    panel.webview.html = htmlFor(panel.webview, extensionUri, 'Mask Inspector');
    panel.onDidDispose(() => this.dispose());
    panel.onDidChangeViewState(({ webviewPanel }) => {
      if (webviewPanel.active) ComparePanel.lastActive = this;
      if (!webviewPanel.visible) this.session.hidden();
    });
    ComparePanel.lastActive = this;
    this.showPair(files, options);
  }

  private showPair(files: PairUris, options: CompareOptions): void {
    this.retitle(files);
    void this.session.show(files, options);
  }

  private retitle(files: PairUris): void {
    if (ComparePanel.panels.get(this.key) === this) ComparePanel.panels.delete(this.key);
    this.key = pairKey(files);
    ComparePanel.panels.set(this.key, this);
    this.panel.title = titleOf(files);
  }

  dispose(): void {
    if (ComparePanel.panels.get(this.key) === this) ComparePanel.panels.delete(this.key);
    if (ComparePanel.lastActive === this) ComparePanel.lastActive = undefined;
    this.session.dispose();
  }
}
