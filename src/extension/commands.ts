/** Every command of the extension, registered in one place; each handler is small and named for what it does. */
import * as vscode from 'vscode';
import { isMaskFile } from '../core/pairing/index';
import { resolveParams, type ParamValue } from '../core/params';
import { LOSSES, METRICS, getLoss } from '../core/registry';
import { CATEGORIES, PRESETS, type PresetId } from '../core/types';
import { ComparePanel } from './webview/comparePanel';
import type { InspectorViewProvider } from './webview/inspectorView';
import type { PairUris } from './webview/pairSession';
import type { PairResults } from './pairResults';
import { inferRoles } from './pairRoles';
import { PairsTree, type TreeNode } from './pairsTree';
import { OPEN_PAIR_COMMAND, type PairLinkArgs } from './pairTooltip';
import { CATEGORY_TITLES } from './present';
import type { LossReports } from './report/lossReport';
import { EXPORT_FORMATS, type ExportFormat } from '../shared/reportProtocol';
import type { Settings } from './settings';
import { parseParamValueText, paramSummary } from './paramText';
import { readOptions, sortKeyText, viewOptions, type MaskSettings } from './settingsModel';
import { relativePath, type WorkspaceMasks, type WorkspacePair } from './workspaceMasks';

export interface CommandDeps {
  extensionUri: vscode.Uri;
  masks: WorkspaceMasks;
  results: PairResults;
  settings: Settings;
  reports: LossReports;
  inspector: InspectorViewProvider;
}

const PRESET_DETAILS: Record<PresetId, string> = {
  paper: 'Definitions as in the papers (the spec defaults)',
  monai: 'MONAI conventions (smoothing 1e-5, empty ground truth undefined)',
  smp: 'segmentation_models_pytorch conventions',
  medpy: 'MedPy conventions (0 where a denominator is zero)',
};

const compareOptions = (s: MaskSettings) => ({ options: viewOptions(s), ...readOptions(s) });

/** Opens the comparison panel with the user's settings. */
export function openComparison(deps: Pick<CommandDeps, 'extensionUri' | 'settings'> & Partial<Pick<CommandDeps, 'results'>>, files: PairUris): void {
  const results = deps.results;
  // A volume pair's table is the compute worker's report, the numbers the tree and the CLI show.
  const volumeValues = results && ((f: PairUris) => results.computeNow(f));
  ComparePanel.show(deps.extensionUri, files, { ...compareOptions(deps.settings.value), ...(volumeValues ? { volumeValues } : {}) });
}

/** Shows a pair in the Inspector side view. */
export function showInInspector(deps: Pick<CommandDeps, 'inspector' | 'settings'>, files: PairUris): void {
  deps.inspector.showPair(files, compareOptions(deps.settings.value));
}

const baseName = (u: vscode.Uri): string => u.path.slice(u.path.lastIndexOf('/') + 1);

/**
 * A pair from a tree node, or from an `openPair` link's JSON arguments. A link is text anyone could
 * have written (a hover is Markdown), so it opens only mask files inside a workspace folder.
 */
function pairArgument(arg: unknown): PairUris | undefined {
  const fromTree = PairsTree.pairOf(arg as TreeNode | undefined);
  if (fromTree) return fromTree;
  const link = arg as Partial<PairLinkArgs> | undefined;
  if (typeof link?.gt !== 'string' || typeof link.pred !== 'string') return undefined;
  let gt: vscode.Uri;
  let pred: vscode.Uri;
  try {
    gt = vscode.Uri.parse(link.gt, true);
    pred = vscode.Uri.parse(link.pred, true);
  } catch {
    return undefined;
  }
  const refused = [gt, pred].find((u) => !isMaskFile(u.path) || !inWorkspace(u));
  if (refused) {
    void vscode.window.showErrorMessage(`Mask Inspector: not opened: ${refused.toString(true)} is not a mask file inside this workspace.`);
    return undefined;
  }
  return { gt, pred };
}

/** Inside a workspace folder, after `..` segments are resolved (Uri.parse keeps them). */
function inWorkspace(uri: vscode.Uri): boolean {
  if (uri.path.split('/').some((s) => s === '..' || s === '.')) return false;
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return folder !== undefined && relativePath(folder, uri) !== undefined;
}

/** The file the user means: the explorer's argument, else the active editor's (an image preview too). */
function targetUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom) return input.uri;
  return vscode.window.activeTextEditor?.document.uri;
}

async function pickPair(pairs: readonly WorkspacePair[], placeHolder: string): Promise<WorkspacePair | undefined> {
  const picked = await vscode.window.showQuickPick(
    pairs.map((p) => ({ label: p.stem, description: [p.job.dataset, p.job.model].filter(Boolean).join(' · '), detail: `${p.job.gt} ↔ ${p.job.pred}`, pair: p })),
    { placeHolder, matchOnDescription: true, matchOnDetail: true },
  );
  return picked?.pair;
}

async function compareFiles(deps: CommandDeps, uri?: vscode.Uri, uris?: vscode.Uri[]): Promise<void> {
  let files = (uris?.length ? uris : uri ? [uri] : []).filter((u) => isMaskFile(u.path));
  if (files.length === 0) {
    const pair = deps.masks.index.pairs.length ? await pickPair(deps.masks.index.pairs, 'Pair to compare') : undefined;
    if (pair) return openComparison(deps, pair);
    files = (await vscode.window.showOpenDialog({ canSelectMany: true, openLabel: 'Compare', title: 'Select a ground truth and a prediction', filters: { Masks: ['png', 'npy'] } })) ?? [];
    if (files.length === 0) return;
  }
  if (files.length !== 2) {
    void vscode.window.showErrorMessage(`Mask Inspector: select exactly two mask files (.png or .npy) to compare; ${files.length} selected.`);
    return;
  }
  const [a, b] = files as [vscode.Uri, vscode.Uri];
  const folder = vscode.workspace.getWorkspaceFolder(a);
  const rel = (u: vscode.Uri) => (folder && relativePath(folder, u)) ?? u.path;
  const roles = inferRoles(rel(a), rel(b), deps.settings.value.patterns);
  const [gt, pred] = roles.gt === rel(a) ? [a, b] : [b, a];
  openComparison(deps, { gt, pred });
  if (!roles.sure) vscode.window.setStatusBarMessage(`Mask Inspector: ${baseName(gt)} taken as ground truth (use Swap in the panel if not)`, 6000);
}

async function compareWithMatching(deps: CommandDeps, arg: unknown): Promise<void> {
  const uri = targetUri(arg);
  if (!uri || !isMaskFile(uri.path)) {
    void vscode.window.showErrorMessage('Mask Inspector: select a mask file (.png or .npy) to compare with its partner.');
    return;
  }
  await deps.masks.ready();
  const { pairs, reason } = deps.masks.partnerOf(uri);
  if (pairs.length === 0) {
    void vscode.window.showInformationMessage(`Mask Inspector: no matching mask for ${baseName(uri)}: ${reason ?? 'no partner found'}.`);
    return;
  }
  const pair = pairs.length === 1 ? pairs[0] : await pickPair(pairs, `${baseName(uri)} pairs with ${pairs.length} predictions; which one?`);
  if (pair) openComparison(deps, pair);
}

async function selectPreset(deps: CommandDeps): Promise<void> {
  const current = deps.settings.value.preset;
  const picked = await vscode.window.showQuickPick(
    PRESETS.map((p) => ({ label: p, description: p === current ? '(current)' : '', detail: PRESET_DETAILS[p] })),
    { placeHolder: `Preset for every loss and metric (now ${current})` },
  );
  if (picked) await deps.settings.update('preset', picked.label);
}

async function sortBy(deps: CommandDeps): Promise<void> {
  const current = sortKeyText(deps.settings.value.sortBy);
  type Item = vscode.QuickPickItem & { key?: string };
  const items: Item[] = [
    { label: 'Metrics', kind: vscode.QuickPickItemKind.Separator },
    ...METRICS.map((m) => ({ label: m.name, description: m.higherIsBetter ? 'lowest first' : 'highest first', detail: m.summary, key: m.id })),
    { label: 'Losses', kind: vscode.QuickPickItemKind.Separator },
    ...LOSSES.map((l) => ({ label: `${l.name} loss`, description: 'highest first', detail: l.summary, key: `loss:${l.id}` })),
  ];
  for (const i of items) if (i.key === current) i.description = `${i.description} (current)`;
  const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Sort pairs worst-first by', matchOnDetail: true });
  if (picked?.key) await deps.settings.update('sortMetric', picked.key);
}

/** Loss → parameter → value, with the registry's ranges and descriptions; writes `maskInspector.params`. */
async function configureParams(deps: CommandDeps): Promise<void> {
  const s = deps.settings.value;
  type LossItem = vscode.QuickPickItem & { id?: string };
  const lossItems: LossItem[] = CATEGORIES.flatMap((cat) => {
    const losses = LOSSES.filter((l) => l.category === cat && l.params.length > 0);
    if (!losses.length) return [];
    return [
      { label: CATEGORY_TITLES[cat], kind: vscode.QuickPickItemKind.Separator },
      ...losses.map((l) => ({ label: l.name, description: l.id, detail: paramSummary(l, s.preset, s.params[l.id] ?? {}), id: l.id })),
    ];
  });
  const lossPick = await vscode.window.showQuickPick(lossItems, { placeHolder: 'Loss whose parameters to set', matchOnDescription: true });
  if (!lossPick?.id) return;
  const loss = getLoss(lossPick.id);
  const explicit = s.params[loss.id] ?? {};
  type ParamItem = vscode.QuickPickItem & { key?: string; reset?: boolean };
  const effective = resolveParams(loss, s.preset, explicit);
  const paramItems: ParamItem[] = [
    ...loss.params.map((p) => ({
      label: p.label,
      description: `${p.key} = ${String(effective[p.key])}${explicit[p.key] === undefined ? ' (default)' : ''}`,
      detail: `${p.description} Range ${p.min}…${p.max}${p.special ? ` or '${p.special}'` : ''}.`,
      key: p.key,
    })),
    { label: '$(discard) Reset all to the preset defaults', reset: true },
  ];
  const paramPick = await vscode.window.showQuickPick(paramItems, { placeHolder: `${loss.name}: parameter to change` });
  if (!paramPick) return;
  // Edit the user's own value, so a workspace's parameters are not copied into the user settings.
  const all = { ...(deps.settings.userValue<Record<string, Record<string, ParamValue>>>('params') ?? {}) };
  if (paramPick.reset) {
    delete all[loss.id];
    return deps.settings.update('params', all);
  }
  const spec = loss.params.find((p) => p.key === paramPick.key)!;
  const text = await vscode.window.showInputBox({
    title: `${loss.name}: ${spec.label}`,
    prompt: `${spec.description} (${spec.min}…${spec.max}${spec.special ? ` or ${spec.special}` : ''}; empty for the default)`,
    value: explicit[spec.key] === undefined ? '' : String(explicit[spec.key]),
    validateInput: (t) => (t.trim() === '' ? undefined : parseParamValueText(loss, spec.key, t).error),
  });
  if (text === undefined) return;
  const entry = { ...(all[loss.id] ?? {}) };
  if (text.trim() === '') delete entry[spec.key];
  else entry[spec.key] = parseParamValueText(loss, spec.key, text).value as ParamValue;
  if (Object.keys(entry).length) all[loss.id] = entry;
  else delete all[loss.id];
  await deps.settings.update('params', all);
}

/** Copies a pair's report as JSON; returns the text (for scripts and tests). */
async function copyValues(deps: CommandDeps, node: unknown): Promise<string | undefined> {
  const pair = PairsTree.pairOf(node as TreeNode | undefined);
  const report = pair && deps.results.get(pair);
  if (!report) return undefined;
  const text = JSON.stringify(report, null, 2);
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(`Mask Inspector: values of ${pair.stem} copied`, 3000);
  return text;
}

function reveal(node: unknown, which: 'gt' | 'pred'): void {
  const pair = PairsTree.pairOf(node as TreeNode | undefined);
  if (pair) void vscode.commands.executeCommand('revealInExplorer', pair[which]);
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const r = vscode.commands.registerCommand;
  return [
    r('maskInspector.compare', (uri?: vscode.Uri, uris?: vscode.Uri[]) => compareFiles(deps, uri instanceof vscode.Uri ? uri : undefined, Array.isArray(uris) ? uris : undefined)),
    r('maskInspector.compareWithMatching', (arg?: unknown) => compareWithMatching(deps, arg)),
    r(OPEN_PAIR_COMMAND, (arg?: unknown) => {
      const files = pairArgument(arg);
      if (files) openComparison(deps, files);
    }),
    r('maskInspector.revealGroundTruth', (node?: unknown) => reveal(node, 'gt')),
    r('maskInspector.revealPrediction', (node?: unknown) => reveal(node, 'pred')),
    r('maskInspector.copyValues', (node?: unknown) => copyValues(deps, node)),
    r('maskInspector.lossReport', () => deps.reports.run()),
    r('maskInspector.exportReport', async (format?: unknown, target?: unknown) => {
      const f = (EXPORT_FORMATS as readonly unknown[]).includes(format)
        ? (format as ExportFormat)
        : ((await vscode.window.showQuickPick([...EXPORT_FORMATS], { placeHolder: 'Export the loss report as' })) as ExportFormat | undefined);
      return f ? deps.reports.export(f, target instanceof vscode.Uri ? target : undefined) : undefined;
    }),
    r('maskInspector.refresh', async () => {
      await deps.masks.scan();
      deps.results.computeMissing();
    }),
    r('maskInspector.selectPreset', () => selectPreset(deps)),
    r('maskInspector.configureParams', () => configureParams(deps)),
    r('maskInspector.sortBy', () => sortBy(deps)),
    r('maskInspector.showInInspector', (node?: unknown) => {
      const files = pairArgument(node);
      if (files) showInInspector(deps, files);
    }),
  ];
}
