/** What every Mask Inspector webview (panel or side view) is configured with. */
import * as vscode from 'vscode';
import { newNonce, webviewHtml } from './html';

/** Scripts on; only the bundle (`dist`) and `media` readable: mask pixels arrive as messages, not URLs. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export function htmlFor(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  const asUri = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', file)).toString();
  return webviewHtml({ cspSource: webview.cspSource, scriptUri: asUri('webview.js'), styleUri: asUri('webview.css'), nonce: newNonce(), title });
}
