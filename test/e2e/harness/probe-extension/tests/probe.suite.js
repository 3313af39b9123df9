// Runs inside the extension host (see index.js). One test fails on purpose so that the smoke
// test can check that failures are reported with their titles.
'use strict';
const assert = require('assert');
const vscode = require('vscode');

suite('probe suite', () => {
  test('sees the VS Code API', () => {
    assert.strictEqual(vscode.version, '1.99.3');
  });

  test('sees the opened workspace folder', () => {
    const folders = vscode.workspace.workspaceFolders || [];
    assert.strictEqual(folders.length, 1);
    assert.strictEqual(folders[0].uri.fsPath, process.env.PROBE_EXPECTED_FOLDER);
  });

  test('can run a contributed command', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('e2eProbe.writeInfo'));
  });

  test('deliberately fails', () => {
    assert.strictEqual(1 + 1, 3, 'this failure is expected by smoke.e2e.test.ts');
  });
});
