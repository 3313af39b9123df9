/**
 * The "Mask Pairs" tree: pairs grouped by workspace folder (when there are several), dataset folder
 * and model, sorted worst-first by the chosen metric; each pair opens into its metrics and losses by
 * category (and per class for a multi-class pair). Tooltips are built on hover (`resolveTreeItem`),
 * because they need a thumbnail from the worker.
 */
import * as vscode from 'vscode';
import { LOSSES, METRICS } from '../core/registry';
import { CATEGORIES, type Category, type Tagged } from '../core/types';
import type { PairResults } from './pairResults';
import { formatValue, keyName, metricName, objectCounts, qualityOf, valueOf, worstFirst, CATEGORY_TITLES, type Quality } from './present';
import type { Settings } from './settings';
import { className, type SortKey } from './settingsModel';
import type { PairTooltips } from './pairTooltip';
import type { UnpairedMask, WorkspaceMasks, WorkspacePair } from './workspaceMasks';
import { groupSummary } from './groupSummary';

export type GroupKind = 'metrics' | Category;

export type TreeNode =
  | { kind: 'folder'; id: string; label: string; pairs: WorkspacePair[] }
  | { kind: 'dataset'; id: string; label: string; pairs: WorkspacePair[] }
  | { kind: 'model'; id: string; label: string; pairs: WorkspacePair[] }
  | { kind: 'pair'; id: string; pair: WorkspacePair }
  | { kind: 'group'; id: string; pair: WorkspacePair; group: GroupKind }
  | { kind: 'classes'; id: string; pair: WorkspacePair }
  | { kind: 'objects'; id: string; pair: WorkspacePair; text: string }
  | { kind: 'class'; id: string; pair: WorkspacePair; classIndex: number }
  | { kind: 'value'; id: string; pair: WorkspacePair; key: SortKey; label: string; value: Tagged }
  | { kind: 'unpairedGroup'; id: string; items: UnpairedMask[] }
  | { kind: 'unpaired'; id: string; item: UnpairedMask };

const QUALITY_COLOURS: Record<Quality, string> = { good: 'charts.green', fair: 'charts.yellow', poor: 'charts.red' };

function qualityIcon(q: Quality | undefined, fallback = 'circle-outline'): vscode.ThemeIcon {
  return q ? new vscode.ThemeIcon('circle-filled', new vscode.ThemeColor(QUALITY_COLOURS[q])) : new vscode.ThemeIcon(fallback);
}

/** `viewItem` of pair rows, for the menus of package.json. */
const PAIR_CONTEXT = 'maskInspector.pair';

/** Pairs by a key, groups in order of first appearance (discovery order: sorted by path). */
function groupBy(pairs: readonly WorkspacePair[], key: (p: WorkspacePair) => string): Map<string, WorkspacePair[]> {
  const out = new Map<string, WorkspacePair[]>();
  for (const p of pairs) {
    const k = key(p);
    const list = out.get(k);
    if (list) list.push(p);
    else out.set(k, [p]);
  }
  return out;
}

export class PairsTree implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly masks: WorkspaceMasks,
    private readonly results: PairResults,
    private readonly settings: Settings,
    private readonly tooltips: PairTooltips,
  ) {
    this.subscription = results.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (!node) return this.roots();
    switch (node.kind) {
      case 'folder':
        return this.datasets(node.pairs, node.id);
      case 'dataset':
        return this.models(node.pairs, node.id);
      case 'model':
        return this.pairNodes(node.pairs);
      case 'pair':
        return this.pairChildren(node.pair);
      case 'group':
        return this.values(node.pair, node.group);
      case 'classes': {
        const r = this.results.get(node.pair);
        return Object.keys(r?.perClass ?? {}).map((c) => ({ kind: 'class', id: `${node.id}/${c}`, pair: node.pair, classIndex: Number(c) }));
      }
      case 'class':
        return this.values(node.pair, 'metrics', node.classIndex);
      case 'unpairedGroup':
        return node.items.map((item) => ({ kind: 'unpaired', id: `unpaired:${item.uri.toString()}:${item.reason}`, item }));
      default:
        return [];
    }
  }

  private roots(): TreeNode[] {
    const { pairs, unpaired } = this.masks.index;
    const folders = groupBy(pairs, (p) => p.folder.uri.toString());
    const nodes: TreeNode[] =
      folders.size > 1 || (vscode.workspace.workspaceFolders?.length ?? 0) > 1
        ? [...folders.values()].map((ps) => ({ kind: 'folder', id: `folder:${ps[0]!.folder.uri.toString()}`, label: ps[0]!.folder.name, pairs: ps }))
        : this.datasets(pairs, 'root');
    if (unpaired.length) nodes.push({ kind: 'unpairedGroup', id: 'unpaired', items: unpaired });
    return nodes;
  }

  /** Dataset folders; a workspace that is one dataset at its root shows its models or pairs directly. */
  private datasets(pairs: WorkspacePair[], parent: string): TreeNode[] {
    const byDataset = groupBy(pairs, (p) => p.job.dataset);
    if (byDataset.size === 1 && byDataset.has('')) return this.models(pairs, `${parent}/`);
    return [...byDataset].map(([dataset, ps]) => ({ kind: 'dataset', id: `${parent}/${dataset}`, label: dataset || '(root)', pairs: ps }));
  }

  private models(pairs: WorkspacePair[], parent: string): TreeNode[] {
    const byModel = groupBy(pairs, (p) => p.job.model);
    if (byModel.size === 1) return this.pairNodes(pairs);
    return [...byModel].map(([model, ps]) => ({ kind: 'model', id: `${parent}@${model}`, label: model || '(default)', pairs: ps }));
  }

  private pairNodes(pairs: WorkspacePair[]): TreeNode[] {
    return worstFirst(pairs, (p) => this.results.get(p), this.settings.value.sortBy).map((pair) => ({ kind: 'pair', id: `pair:${pair.id}`, pair }));
  }

  private pairChildren(pair: WorkspacePair): TreeNode[] {
    const r = this.results.get(pair);
    if (!r || r.error) return [];
    const groups: GroupKind[] = ['metrics', ...CATEGORIES];
    const nodes: TreeNode[] = groups
      .filter((g) => this.values(pair, g).length > 0)
      .map((group) => ({ kind: 'group', id: `pair:${pair.id}/${group}`, pair, group }));
    // Missed and extra objects right after the metrics: a fine Dice can hide a missed small lesion.
    const objects = objectCounts(r);
    if (objects) nodes.splice(1, 0, { kind: 'objects', id: `pair:${pair.id}/objects`, pair, text: `${objects} · PQ ${formatValue(r.objects?.metrics.pq)}` });
    if (r.perClass) nodes.push({ kind: 'classes', id: `pair:${pair.id}/classes`, pair });
    return nodes;
  }

  private values(pair: WorkspacePair, group: GroupKind, classIndex?: number): TreeNode[] {
    const r = this.results.get(pair);
    const set = classIndex === undefined ? r : r?.perClass?.[String(classIndex)];
    if (!set) return [];
    const base = `pair:${pair.id}/${classIndex ?? ''}/${group}`;
    if (group === 'metrics')
      return METRICS.filter((m) => set.metrics[m.id]).map((m) => ({ kind: 'value', id: `${base}/${m.id}`, pair, key: { kind: 'metric', id: m.id }, label: metricName(m.id), value: set.metrics[m.id]! }));
    return LOSSES.filter((l) => l.category === group && set.losses[l.id]).map((l) => ({
      kind: 'value', id: `${base}/${l.id}`, pair, key: { kind: 'loss', id: l.id }, label: l.name, value: set.losses[l.id]!,
    }));
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const C = vscode.TreeItemCollapsibleState;
    switch (node.kind) {
      case 'folder':
      case 'dataset':
      case 'model': {
        const item = new vscode.TreeItem(node.label, C.Expanded);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon(node.kind === 'folder' ? 'root-folder' : node.kind === 'dataset' ? 'folder' : 'symbol-class');
        item.description = this.groupSummary(node.pairs);
        return item;
      }
      case 'pair':
        return this.pairItem(node.pair);
      case 'group': {
        const item = new vscode.TreeItem(node.group === 'metrics' ? 'Metrics' : CATEGORY_TITLES[node.group], node.group === 'metrics' ? C.Expanded : C.Collapsed);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon(node.group === 'metrics' ? 'graph' : 'symbol-function');
        return item;
      }
      case 'objects': {
        const item = new vscode.TreeItem('Objects', C.None);
        item.id = node.id;
        item.description = node.text;
        item.iconPath = new vscode.ThemeIcon('symbol-array');
        return item;
      }
      case 'classes': {
        const item = new vscode.TreeItem('Per class', C.Collapsed);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon('symbol-enum');
        return item;
      }
      case 'class': {
        const r = this.results.get(node.pair);
        const item = new vscode.TreeItem(className(this.settings.value, node.classIndex, r?.mode ?? null), C.Collapsed);
        item.id = node.id;
        item.description = `class ${node.classIndex}`;
        const dice = r?.perClass?.[String(node.classIndex)]?.metrics.dice;
        item.iconPath = qualityIcon(qualityOf({ kind: 'metric', id: 'dice' }, dice));
        return item;
      }
      case 'value': {
        const item = new vscode.TreeItem(node.label, C.None);
        item.id = node.id;
        item.description = formatValue(node.value);
        item.iconPath = qualityIcon(qualityOf(node.key, node.value), 'symbol-number');
        item.tooltip = this.tooltips.valueTooltip(node.key, node.value);
        return item;
      }
      case 'unpairedGroup': {
        const item = new vscode.TreeItem('Unpaired files', C.Collapsed);
        item.id = node.id;
        item.description = String(node.items.length);
        item.iconPath = new vscode.ThemeIcon('warning');
        return item;
      }
      case 'unpaired': {
        const item = new vscode.TreeItem(node.item.path, C.None);
        item.id = node.id;
        item.tooltip = node.item.reason;
        item.resourceUri = node.item.uri;
        item.iconPath = vscode.ThemeIcon.File;
        item.command = { command: 'vscode.open', title: 'Open', arguments: [node.item.uri] };
        return item;
      }
    }
  }

  private pairItem(pair: WorkspacePair): vscode.TreeItem {
    const r = this.results.get(pair);
    const sortBy = this.settings.value.sortBy;
    const item = new vscode.TreeItem(pair.stem, r && !r.error ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = `pair:${pair.id}`;
    item.contextValue = PAIR_CONTEXT;
    if (!r) {
      item.description = 'computing…';
      item.iconPath = new vscode.ThemeIcon('loading~spin');
    } else if (r.error) {
      item.description = r.error.message;
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    } else {
      const v = valueOf(r, sortBy);
      item.description = `${keyName(sortBy)} ${formatValue(v)}`;
      // Colour by the sort key when it has a scale of its own, else by Dice.
      const q = qualityOf(sortBy, v) ?? qualityOf({ kind: 'metric', id: 'dice' }, r.metrics.dice);
      item.iconPath = qualityIcon(q);
    }
    return item;
  }

  /** "6 pairs · mean Dice 0.873", with the infinite and undefined values the mean leaves out. */
  private groupSummary(pairs: WorkspacePair[]): string {
    const key = this.settings.value.sortBy;
    return groupSummary(pairs.length, keyName(key), pairs.map((p) => valueOf(this.results.get(p), key)));
  }

  async resolveTreeItem(item: vscode.TreeItem, node: TreeNode, token: vscode.CancellationToken): Promise<vscode.TreeItem> {
    if (node.kind === 'pair') item.tooltip = await this.tooltips.pairTooltip(node.pair, token);
    return item;
  }

  /** The pair a node belongs to (for commands run on value rows too). */
  static pairOf(node: TreeNode | undefined): WorkspacePair | undefined {
    return node && 'pair' in node ? node.pair : undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

