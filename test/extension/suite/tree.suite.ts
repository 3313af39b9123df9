import * as assert from 'node:assert/strict';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { METRICS } from '../../../src/core/registry';
import type { MaskInspectorApi } from '../../../src/extension/extension';
import type { TreeNode } from '../../../src/extension/pairsTree';
import { formatValue, metricName } from '../../../src/extension/present';
import { directReport, extensionApi, waitFor, withSetting, wsUri } from './helpers';

const label = (item: vscode.TreeItem): string => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));

suite('Mask Pairs tree', () => {
  let api: MaskInspectorApi;
  const children = async (node?: TreeNode) => (await api.tree.getChildren(node)) ?? [];
  const item = (node: TreeNode) => api.tree.getTreeItem(node) as vscode.TreeItem;
  const find = async (parent: TreeNode | undefined, text: string) => {
    const found = (await children(parent)).find((n) => label(item(n)) === text);
    assert.ok(found, `no "${text}" under ${parent ? label(item(parent)) : 'the root'}`);
    return found;
  };

  suiteSetup(async () => {
    api = await extensionApi();
  });

  test('groups pairs by dataset, and by model where a dataset has several', async () => {
    assert.deepEqual((await children()).map((n) => label(item(n))), ['cells', 'lesions', 'street']);
    const cells = await find(undefined, 'cells');
    assert.deepEqual((await children(cells)).map((n) => label(item(n))), ['threshold', 'unet']);
    assert.match(String(item(cells).description), /^12 pairs · mean Dice 0\.\d+$/);
    const lesions = await find(undefined, 'lesions');
    assert.deepEqual((await children(lesions)).map((n) => label(item(n))), ['case2', 'case1']);
  });

  test('sorts pairs worst-first by Dice, with the value and a quality colour', async () => {
    const unet = await find(await find(undefined, 'cells'), 'unet');
    const pairs = await children(unet);
    const dice = pairs.map((n) => (n.kind === 'pair' ? api.results.get(n.pair)!.metrics.dice! : undefined)!);
    const values = dice.map((d) => d.value as number);
    assert.deepEqual(values, [...values].sort((a, b) => a - b));
    const worst = item(pairs[0]!);
    assert.equal(label(worst), 'img_003');
    assert.equal(worst.description, `Dice ${formatValue(dice[0])}`);
    assert.equal(((worst.iconPath as vscode.ThemeIcon).color as vscode.ThemeColor).id, 'charts.yellow'); // 0.72
    assert.equal(((item(pairs.at(-1)!).iconPath as vscode.ThemeIcon).color as vscode.ThemeColor).id, 'charts.green');
  });

  test('opens a pair into metrics and losses by category, with the numbers the core computes', async () => {
    const pair = await find(await find(await find(undefined, 'cells'), 'unet'), 'img_003');
    assert.deepEqual((await children(pair)).map((n) => label(item(n))), ['Metrics', 'Objects', 'Distribution losses', 'Region losses', 'Boundary losses', 'Compound losses']);
    const expected = directReport('cells/gt/img_003.png', 'cells/pred/unet/img_003.png');
    // The objects the prediction misses and adds (connected components, IoU > 0.5), and PQ.
    const objects = expected.objects!;
    assert.ok(objects.counts.fn > 0);
    assert.equal(item(await find(pair, 'Objects')).description, `${objects.counts.fn}/${objects.counts.gt} missed · ${objects.counts.fp} extra · PQ ${formatValue(objects.metrics.pq)}`);
    const metrics = await children(await find(pair, 'Metrics'));
    assert.deepEqual(metrics.map((n) => label(item(n))), METRICS.map((m) => metricName(m.id)));
    for (const m of metrics) {
      assert.equal(m.kind, 'value');
      if (m.kind !== 'value') continue;
      assert.deepEqual(m.value, expected.metrics[m.key.id], m.key.id);
      assert.equal(item(m).description, formatValue(expected.metrics[m.key.id]));
    }
    const boundary = await children(await find(pair, 'Boundary losses'));
    assert.ok(boundary.length >= 3);
    for (const b of boundary) if (b.kind === 'value') assert.deepEqual(b.value, expected.losses[b.key.id], b.key.id);
  });

  test('shows undefined values as "undefined"', async () => {
    const pair = await find(await find(await find(undefined, 'cells'), 'unet'), 'img_006_empty');
    const precision = await find(await find(pair, 'Metrics'), 'Precision');
    assert.equal(item(precision).description, 'undefined');
  });

  test('breaks a multi-class pair down per class', async () => {
    const frame = await find(await find(undefined, 'street'), 'frame_0001');
    const classes = await children(await find(frame, 'Per class'));
    assert.deepEqual(classes.map((n) => item(n).description), ['class 0', 'class 1', 'class 2', 'class 3']);
    const expected = directReport('street/gt/frame_0001.png', 'street/pred/frame_0001.npy');
    const dice = await find(classes[2]!, 'Dice');
    assert.ok(dice.kind === 'value');
    assert.deepEqual(dice.value, expected.perClass!['2']!.metrics.dice);
  });

  test('has a tooltip with the error overlay thumbnail, key numbers and an open link', async () => {
    const pair = await find(await find(undefined, 'lesions'), 'case1');
    const cts = new vscode.CancellationTokenSource();
    const resolved = await api.tree.resolveTreeItem(item(pair), pair, cts.token);
    const md = resolved!.tooltip as vscode.MarkdownString;
    assert.match(md.value, /!\[Error overlay of case1\]\(data:image\/png;base64,[A-Za-z0-9+/=]{200,}\|width=160,height=160\)/); // 128×128, enlarged
    const dice = directReport('lesions/case1_gt.png', 'lesions/case1_prob.png').metrics.dice;
    assert.ok(md.value.includes(`| ${formatValue(dice)} |`), md.value);
    assert.match(md.value, /\[\$\(diff\) Open comparison\]\(command:maskInspector\.openPair\?/);
    assert.deepEqual(md.isTrusted, { enabledCommands: ['maskInspector.openPair'] });
  });

  suite('object settings', () => {
    suiteTeardown(async () => withSetting(api, 'objects.connectivity', undefined));

    test('the comparison panel lists the objects the tree counts, and follows the connectivity setting with it', async () => {
      const node = await find(await find(await find(undefined, 'cells'), 'unet'), 'img_002');
      assert.ok(node.kind === 'pair');
      const treeCounts = () => api.results.get(node.pair)!.objects!.counts;
      const panelObjects = () => api.views().panels.find((v) => v.files?.pred.path.endsWith('/cells/pred/unet/img_002.png'))?.results?.objects;
      await vscode.commands.executeCommand('maskInspector.openPair', { gt: wsUri('cells/gt/img_002.png').toString(), pred: wsUri('cells/pred/unet/img_002.png').toString() });
      try {
        const eight = await waitFor('the panel\'s objects', panelObjects, 90_000);
        assert.deepEqual(Object.keys(eight), ['1']);
        assert.deepEqual(eight['1'], treeCounts());
        const c = eight['1']!;
        assert.ok(c.tp > 0 && c.fp > 0, JSON.stringify(c)); // matched cells and extra fragments
        assert.ok(String(item(await find(node, 'Objects')).description).startsWith(`${c.fn}/${c.gt} missed · ${c.fp} extra · `));
        // Four-connectivity splits the prediction's diagonal fragments, in the panel as in the tree.
        await withSetting(api, 'objects.connectivity', 4);
        const four = treeCounts();
        assert.ok(four.pred > c.pred, `${four.pred} vs ${c.pred}`);
        const followed = await waitFor('the panel to count with 4-connectivity', () => {
          const o = panelObjects()?.['1'];
          return o && o.pred !== c.pred ? o : undefined;
        }, 90_000);
        assert.deepEqual(followed, four);
      } finally {
        await withSetting(api, 'objects.connectivity', undefined);
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      }
    });

    test('counts objects with the connectivity of maskInspector.objects.connectivity, as the CLI does', async () => {
      const row = async () => item(await find(await find(await find(await find(undefined, 'cells'), 'unet'), 'img_002'), 'Objects')).description;
      const text = (o: NonNullable<ReturnType<typeof directReport>['objects']>) => `${o.counts.fn}/${o.counts.gt} missed · ${o.counts.fp} extra · PQ ${formatValue(o.metrics.pq)}`;
      const eight = directReport('cells/gt/img_002.png', 'cells/pred/unet/img_002.png').objects!;
      assert.equal(await row(), text(eight));
      await withSetting(api, 'objects.connectivity', 4);
      const four = directReport('cells/gt/img_002.png', 'cells/pred/unet/img_002.png').objects!;
      assert.equal(four.connectivity, 4);
      // Diagonal neighbours no longer join: the prediction's fragments are more objects.
      assert.ok(four.counts.pred > eight.counts.pred, `${four.counts.pred} vs ${eight.counts.pred}`);
      assert.equal(await row(), text(four));
    });
  });

  suite('sorting by another metric', () => {
    suiteTeardown(async () => withSetting(api, 'sortMetric', undefined));

    test('re-sorts worst-first when the setting changes, with no reload', async () => {
      await withSetting(api, 'sortMetric', 'hd95');
      const unet = await find(await find(undefined, 'cells'), 'unet');
      const pairs = await children(unet);
      const hd95 = pairs.map((n) => (n.kind === 'pair' ? api.results.get(n.pair)!.metrics.hd95! : undefined)!);
      // Highest distance first; the empty pair (undefined distance) last.
      assert.equal(hd95.at(-1)!.status, 'undefined');
      const values = hd95.filter((v) => v.status === 'ok').map((v) => v.value as number);
      assert.deepEqual(values, [...values].sort((a, b) => b - a));
      assert.match(String(item(pairs[0]!).description), /^HD95 /);
    });
  });
});
