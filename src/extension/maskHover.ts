/**
 * Hovering a path to a known mask in any editor (a CSV of files, a JSON list, a Python script) shows
 * the pair's panel: thumbnail, numbers, and a link that opens the comparison.
 */
import * as vscode from 'vscode';
import { maskPathAt } from './maskPathAt';
import type { PairTooltips } from './pairTooltip';
import type { Settings } from './settings';
import type { WorkspaceMasks, WorkspacePair } from './workspaceMasks';

export class MaskHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly masks: WorkspaceMasks,
    private readonly tooltips: PairTooltips,
    private readonly settings: Settings,
  ) {}

  async provideHover(doc: vscode.TextDocument, pos: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    if (!this.settings.value.editorHover || this.masks.index.pairs.length === 0) return undefined;
    const hit = maskPathAt(doc.lineAt(pos.line).text, pos.character);
    if (!hit) return undefined;
    const pairs = this.pairsFor(hit.path, doc.uri);
    if (!pairs.length) return undefined;
    const md = await this.tooltips.hoverFor(pairs, token);
    return new vscode.Hover(md, new vscode.Range(pos.line, hit.start, pos.line, hit.end));
  }

  /** Pairs of the first reading of the path that names a known mask: absolute, next to the document, or in a workspace folder. */
  private pairsFor(path: string, docUri: vscode.Uri): WorkspacePair[] {
    const candidates: vscode.Uri[] = [];
    const posix = path.replace(/\\/g, '/');
    if (/^([a-z]:)?\//i.test(posix)) {
      candidates.push(vscode.Uri.file(path));
      for (const f of vscode.workspace.workspaceFolders ?? []) if (f.uri.scheme !== 'file') candidates.push(f.uri.with({ path: posix }));
    } else {
      if (docUri.scheme !== 'untitled') candidates.push(vscode.Uri.joinPath(docUri, '..', posix));
      for (const f of vscode.workspace.workspaceFolders ?? []) candidates.push(vscode.Uri.joinPath(f.uri, posix));
    }
    for (const uri of candidates) {
      const pairs = this.masks.pairsWith(uri);
      if (pairs.length) return pairs;
    }
    return [];
  }
}
