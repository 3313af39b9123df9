// Throwaway probe extension for the end-to-end harness (test/e2e/harness/codeServer.ts).
// Plain CommonJS, no build step. Everything it observes is written to files the test reads.
'use strict';
const vscode = require('vscode');
const fs = require('fs');
const path = require('path');

function writeJson(file, value) {
  // Write to a temporary name, then rename, so a poller never reads half a file.
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(value, null, 2));
  fs.renameSync(tmp, file);
}

class ProbeTree {
  getTreeItem(e) { return e; }
  getChildren(e) {
    if (e) return [];
    const items = [
      ['alpha', 'first item', 'Tooltip of alpha'],
      ['beta', 'second item', 'Tooltip of beta'],
    ].map(([label, description, tooltip]) => {
      const it = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
      it.description = description;
      it.tooltip = new vscode.MarkdownString(`**${tooltip}**`);
      return it;
    });
    return items;
  }
}

function activate(context) {
  const out = process.env.PROBE_OUT;
  context.subscriptions.push(
    vscode.commands.registerCommand('e2eProbe.writeInfo', async () => {
      const commands = await vscode.commands.getCommands(true);
      writeJson(out, {
        version: vscode.version,
        folders: (vscode.workspace.workspaceFolders || []).map((f) => f.uri.fsPath),
        probeEnv: process.env.PROBE_ENV_VALUE ?? null,
        commandCount: commands.length,
        extensionPath: context.extensionPath,
      });
      vscode.window.showInformationMessage('E2E probe wrote info');
    }),
    vscode.commands.registerCommand('e2eProbe.showSelection', async (uri, uris) => {
      const picked = (uris && uris.length ? uris : [uri]).map((u) => path.basename(u.fsPath)).sort();
      if (process.env.PROBE_SELECTION_OUT) writeJson(process.env.PROBE_SELECTION_OUT, picked);
      vscode.window.showInformationMessage(`E2E probe selection: ${picked.join(', ')}`);
    }),
    vscode.commands.registerCommand('e2eProbe.openWebview', () => {
      const panel = vscode.window.createWebviewPanel('e2eProbe.webview', 'Probe Webview', vscode.ViewColumn.One, {
        enableScripts: true,
      });
      panel.webview.html = `<!DOCTYPE html><html><body>
        <h1 id="probe-title">Hello from the probe webview</h1>
        <div id="probe-version">${vscode.version}</div>
        <script>
          const gl = document.createElement('canvas').getContext('webgl2');
          document.body.dataset.webgl2 = gl ? 'yes' : 'no';
          document.body.dataset.floatTargets = gl && gl.getExtension('EXT_color_buffer_float') ? 'yes' : 'no';
          document.body.dataset.renderer = gl ? String(gl.getParameter(gl.RENDERER)) : '';
          document.body.dataset.ready = 'yes';
        </script>
      </body></html>`;
    }),
    vscode.window.registerTreeDataProvider('e2eProbe.tree', new ProbeTree()),
    vscode.languages.registerHoverProvider({ language: 'plaintext' }, {
      provideHover(doc, pos) {
        const range = doc.getWordRangeAtPosition(pos);
        if (!range) return undefined;
        return new vscode.Hover(new vscode.MarkdownString(`Probe hover for \`${doc.getText(range)}\``), range);
      },
    }),
  );
}

function deactivate() {}

module.exports = { activate, deactivate };
