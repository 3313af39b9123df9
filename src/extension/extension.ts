/** Activation: creates the parts and wires them together; the work happens in the modules. */
import * as vscode from 'vscode';
import { openComparison, registerCommands, showInInspector } from './commands';
import { ComputeService } from './computeService';
import { MaskHoverProvider } from './maskHover';
import { PAIRS_VIEW_ID, PairResults } from './pairResults';
import { PairsTree, type TreeNode } from './pairsTree';
import { PairTooltips } from './pairTooltip';
import { LossReports } from './report/lossReport';
import { Settings } from './settings';
import { readOptions, viewOptions } from './settingsModel';
import { StatusBar } from './statusBar';
import { InspectorViewProvider } from './webview/inspectorView';
import { ComparePanel } from './webview/comparePanel';
import { WorkspaceMasks } from './workspaceMasks';

/**
 * The extension's state, for its own tests only: `activate` returns it when VS Code runs the extension
 * under test (@vscode/test-electron), or when MASK_INSPECTOR_TEST_API=1 (code-server, which has no test
 * mode; test/e2e/extensionSuite.e2e.test.ts sets it). Otherwise activate returns nothing.
 */
export interface MaskInspectorApi {
  masks: WorkspaceMasks;
  results: PairResults;
  tree: PairsTree;
  reports: LossReports;
  /** Resolves when discovery and every pending computation are done. */
  whenIdle(): Promise<void>;
  /** What the open comparison panels and the Inspector view show. */
  views(): { panels: ReturnType<typeof ComparePanel.states>; inspector: InspectorViewProvider['state'] };
}

export function activate(context: vscode.ExtensionContext): MaskInspectorApi | undefined {
  const settings = new Settings();
  const masks = new WorkspaceMasks(settings.value.patterns);
  const service = new ComputeService(vscode.Uri.joinPath(context.extensionUri, 'dist', 'worker.js').fsPath);
  const results = new PairResults(masks, service, settings);
  const tooltips = new PairTooltips(results, service, settings);
  const tree = new PairsTree(masks, results, settings, tooltips);
  const treeView = vscode.window.createTreeView<TreeNode>(PAIRS_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  const inspector = new InspectorViewProvider(context.extensionUri);
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '0.0.0');
  const reports = new LossReports(
    service, settings, () => masks.ready().then(() => masks.index), { name: 'mask-inspector', version },
    (pair) => openComparison({ extensionUri: context.extensionUri, settings, results }, pair),
    context.extensionUri,
  );

  let shownOptions = JSON.stringify(viewOptions(settings.value));
  let shownRead = JSON.stringify(readOptions(settings.value));
  context.subscriptions.push(
    settings, masks, service, results, tree, treeView, inspector, reports,
    new StatusBar(masks, results, settings),
    vscode.window.registerWebviewViewProvider(InspectorViewProvider.viewId, inspector),
    vscode.languages.registerHoverProvider('*', new MaskHoverProvider(masks, tooltips, settings)),
    ...registerCommands({ extensionUri: context.extensionUri, masks, results, settings, reports, inspector }),
    // The side view follows the pair selected in the tree.
    treeView.onDidChangeSelection(({ selection }) => {
      const pair = PairsTree.pairOf(selection[0]);
      if (pair) showInInspector({ inspector, settings }, pair);
    }),
    settings.onDidChange(({ settings: s }) => {
      masks.setPatterns(s.patterns);
      // Open webviews recompute when their options changed (not for a new sort), and read their files
      // again when what they were read with changed (ignore index, class names, pixel limit).
      const options = viewOptions(s);
      if (JSON.stringify(options) !== shownOptions) {
        shownOptions = JSON.stringify(options);
        ComparePanel.updateOptions(options);
        inspector.updateOptions(options);
      }
      const read = readOptions(s);
      if (JSON.stringify(read) !== shownRead) {
        shownRead = JSON.stringify(read);
        ComparePanel.reloadAll(read);
        inspector.reload(read);
      }
    }),
  );

  void masks.scan().then(() => vscode.commands.executeCommand('setContext', 'maskInspector.scanned', true));
  if (context.extensionMode !== vscode.ExtensionMode.Test && process.env.MASK_INSPECTOR_TEST_API !== '1') return undefined;
  return { masks, results, tree, reports, whenIdle: () => results.whenIdle(), views: () => ({ panels: ComparePanel.states(), inspector: inspector.state }) };
}
