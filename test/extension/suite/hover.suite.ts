import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { formatValue } from '../../../src/extension/present';
import { directReport, extensionApi, wsUri } from './helpers';

/** Markdown of the hovers all providers give at the first occurrence of `needle` in the file. */
async function hoverAt(file: string, needle: string, offset = 2): Promise<string[]> {
  const doc = await vscode.workspace.openTextDocument(wsUri(file));
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `${needle} not in ${file}`);
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(at + offset))) ?? [];
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)));
}

suite('hovers over mask paths in editors', () => {
  suiteSetup(async () => {
    await extensionApi();
  });

  test('a prediction path in a CSV shows its pair: thumbnail, numbers, open link', async () => {
    const texts = await hoverAt('files.csv', 'cells/pred/unet/img_003.png');
    const ours = texts.find((t) => t.includes('Open comparison'));
    assert.ok(ours, JSON.stringify(texts));
    assert.match(ours, /data:image\/png;base64,/);
    const dice = directReport('cells/gt/img_003.png', 'cells/pred/unet/img_003.png').metrics.dice;
    assert.ok(ours.includes(formatValue(dice)), ours);
    assert.ok(ours.includes(encodeURIComponent(JSON.stringify([{ gt: wsUri('cells/gt/img_003.png').toString(), pred: wsUri('cells/pred/unet/img_003.png').toString() }]))));
  });

  test('a ground truth with two models shows both pairs', async () => {
    const ours = (await hoverAt('files.csv', 'cells/gt/img_003.png')).find((t) => t.includes('Open comparison'));
    assert.ok(ours);
    assert.equal(ours.match(/Open comparison/g)?.length, 2);
    assert.ok(ours.includes('unet') && ours.includes('threshold'));
  });

  test('a quoted path in Python, relative to the workspace', async () => {
    const ours = (await hoverAt('train.py', 'street/gt/frame_0002.png', 6)).find((t) => t.includes('Open comparison'));
    assert.ok(ours);
    assert.ok(ours.includes('4 classes'), ours);
  });

  test('nothing for text that is not a known mask', async () => {
    const texts = await hoverAt('train.py', 'notes.txt');
    assert.equal(texts.filter((t) => t.includes('Open comparison')).length, 0);
    const header = await hoverAt('files.csv', 'split', 1);
    assert.equal(header.filter((t) => t.includes('Open comparison')).length, 0);
  });
});
