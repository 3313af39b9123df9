/**
 * The mask files of the workspace and the pairs discovery finds among them, per workspace folder,
 * kept up to date by a file watcher. Discovery is the CLI's (`discoverPairs`, `findPartner`); only
 * the listing differs: `vscode.workspace.findFiles`, so remote and virtual workspaces work.
 */
import * as vscode from 'vscode';
import { discoverPairs, findPartner, type MaskPair, type PairingPattern } from '../core/pairing/index';
import type { PairJob } from '../core/report/pairJob';
import { pairKey } from './webview/pairSession';

// '*.gz' and '*.nrrd' include .nii.gz and .seg.nrrd; discovery keeps only real mask extensions.
const MASK_GLOB = '**/*.{png,PNG,npy,NPY,nii,NII,gz,GZ,nrrd,NRRD,npz,NPZ}';
/** Like the CLI: hidden folders and node_modules are not searched. */
const EXCLUDE_GLOB = '**/{node_modules,.*}/**';
const MAX_FILES = 200_000;

export interface WorkspacePair {
  /** Both URIs; the comparison panel keys its panels the same way. */
  id: string;
  folder: vscode.WorkspaceFolder;
  gt: vscode.Uri;
  pred: vscode.Uri;
  /** As the CLI reports it: `root` is the folder, `gt` and `pred` relative to it. */
  job: PairJob;
  stem: string;
}

export interface UnpairedMask {
  uri: vscode.Uri;
  folder: vscode.WorkspaceFolder;
  path: string;
  reason: string;
}

export interface MaskIndex {
  pairs: WorkspacePair[];
  unpaired: UnpairedMask[];
}

/** The report's `root` of a folder: its path on disk, or its URI when it is not a local folder. */
export const rootOf = (folder: vscode.WorkspaceFolder): string => (folder.uri.scheme === 'file' ? folder.uri.fsPath : folder.uri.toString());

export function relativePath(folder: vscode.WorkspaceFolder, uri: vscode.Uri): string | undefined {
  const base = folder.uri.path.replace(/\/+$/, '');
  return uri.path.startsWith(base + '/') ? uri.path.slice(base.length + 1) : undefined;
}

export function workspacePair(folder: vscode.WorkspaceFolder, p: MaskPair, dataset: string, model: string): WorkspacePair {
  const gt = vscode.Uri.joinPath(folder.uri, p.gt);
  const pred = vscode.Uri.joinPath(folder.uri, p.pred);
  return { id: pairKey({ gt, pred }), folder, gt, pred, job: { root: rootOf(folder), gt: p.gt, pred: p.pred, dataset, model }, stem: p.stem };
}

export class WorkspaceMasks implements vscode.Disposable {
  private files = new Map<string, { folder: vscode.WorkspaceFolder; paths: Set<string> }>();
  private generation = 0;
  private current: MaskIndex = { pairs: [], unpaired: [] };
  private watchers: vscode.Disposable[] = [];
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];
  private recomputeTimer: ReturnType<typeof setTimeout> | undefined;
  private changedUris = new Map<string, vscode.Uri>();
  private changeTimer: ReturnType<typeof setTimeout> | undefined;
  private scanning: Promise<void> | undefined;
  private readonly indexChanged = new vscode.EventEmitter<MaskIndex>();
  /** Pairs were added, removed or regrouped. */
  readonly onDidChangeIndex = this.indexChanged.event;
  private readonly contentChanged = new vscode.EventEmitter<vscode.Uri[]>();
  /** Mask files whose content changed on disk (batched). */
  readonly onDidChangeContent = this.contentChanged.event;

  constructor(private patterns: PairingPattern[]) {
    this.disposables.push(vscode.workspace.onDidChangeWorkspaceFolders(() => void this.scan()));
  }

  get index(): MaskIndex {
    return this.current;
  }

  /** Resolves when the current scan (if any) is done. */
  ready(): Promise<void> {
    return this.scanning ?? Promise.resolve();
  }

  setPatterns(patterns: PairingPattern[]): void {
    if (JSON.stringify(patterns) === JSON.stringify(this.patterns)) return;
    this.patterns = patterns;
    this.recompute();
  }

  /** Lists every folder again (the Refresh command, folder changes) and watches it. */
  scan(): Promise<void> {
    const run = this.listAndWatch(++this.generation).catch((e: unknown) => {
      void vscode.window.showErrorMessage(`Mask Inspector: could not list the workspace's mask files: ${(e as Error).message}`);
    });
    this.scanning = run;
    void run.then(() => {
      if (this.scanning === run) this.scanning = undefined;
    });
    return run;
  }

  private async listAndWatch(generation: number): Promise<void> {
    const files = new Map<string, { folder: vscode.WorkspaceFolder; paths: Set<string> }>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, MASK_GLOB), EXCLUDE_GLOB, MAX_FILES);
      if (uris.length >= MAX_FILES) void vscode.window.showWarningMessage(`Mask Inspector: more than ${MAX_FILES} mask files in ${folder.name}; only the first ${MAX_FILES} are paired.`);
      const paths = new Set<string>();
      for (const uri of uris) {
        const rel = relativePath(folder, uri);
        if (rel !== undefined) paths.add(rel);
      }
      files.set(folder.uri.toString(), { folder, paths });
    }
    if (generation !== this.generation || this.disposed) return; // a newer scan won, or we are gone
    this.watchers.forEach((w) => w.dispose());
    this.watchers = [...files.values()].map(({ folder }) => {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, MASK_GLOB));
      watcher.onDidCreate((uri) => this.added(uri));
      watcher.onDidDelete((uri) => this.removed(uri));
      watcher.onDidChange((uri) => this.contentChangedLater(uri));
      // A folder created or deleted with its files (a copied dataset, `mkdir -p` and a write, `rm -r`) can be
      // reported as the folder alone, which the mask pattern does not match.
      const folders = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**'), false, true, false);
      folders.onDidCreate((uri) => void this.addedFolder(uri));
      folders.onDidDelete((uri) => this.removedFolder(uri));
      return vscode.Disposable.from(watcher, folders);
    });
    this.files = files;
    this.recomputeNow();
  }

  /** Every known pair that has this file as ground truth or prediction. */
  pairsWith(uri: vscode.Uri): WorkspacePair[] {
    const s = uri.toString();
    return this.current.pairs.filter((p) => p.gt.toString() === s || p.pred.toString() === s);
  }

  /** The partner(s) of one file by the discovery rules, or why it has none. */
  partnerOf(uri: vscode.Uri): { pairs: WorkspacePair[]; reason?: string } {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const rel = folder && relativePath(folder, uri);
    if (!folder || rel === undefined) return { pairs: [], reason: `${uri.path.slice(uri.path.lastIndexOf('/') + 1)} is not inside a workspace folder` };
    const known = [...(this.files.get(folder.uri.toString())?.paths ?? [])];
    const r = findPartner(rel, known, { patterns: this.patterns });
    return { pairs: r.pairs.map((p) => workspacePair(folder, p, p.dataset, p.model)), reason: r.reason };
  }

  private entryOf(uri: vscode.Uri): { paths: Set<string>; rel: string } | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const entry = folder && this.files.get(folder.uri.toString());
    const rel = folder && relativePath(folder, uri);
    if (!entry || rel === undefined || /(^|\/)(node_modules|\.[^/]*)\//.test(rel)) return undefined;
    return { paths: entry.paths, rel };
  }

  private added(uri: vscode.Uri): void {
    const e = this.entryOf(uri);
    if (!e || e.paths.has(e.rel)) return;
    e.paths.add(e.rel);
    this.recompute();
  }

  private removed(uri: vscode.Uri): void {
    const e = this.entryOf(uri);
    if (!e || !e.paths.delete(e.rel)) return;
    this.recompute();
  }

  /** The masks under a created folder, listed, since their own events may never come. */
  private async addedFolder(uri: vscode.Uri): Promise<void> {
    const e = this.entryOf(uri);
    if (!e) return;
    try {
      if ((await vscode.workspace.fs.stat(uri)).type !== vscode.FileType.Directory) return;
    } catch {
      return; // gone again
    }
    const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(uri, MASK_GLOB), EXCLUDE_GLOB, MAX_FILES);
    if (this.disposed) return;
    let added = false;
    for (const u of uris) {
      const f = this.entryOf(u);
      if (f && !f.paths.has(f.rel)) {
        f.paths.add(f.rel);
        added = true;
      }
    }
    if (added) this.recompute();
  }

  /** Every known mask under a deleted folder goes with it. */
  private removedFolder(uri: vscode.Uri): void {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const entry = folder && this.files.get(folder.uri.toString());
    const rel = folder && relativePath(folder, uri);
    if (!entry || rel === undefined) return;
    let removed = false;
    for (const p of entry.paths) if (p.startsWith(`${rel}/`) && entry.paths.delete(p)) removed = true;
    if (removed) this.recompute();
  }

  private contentChangedLater(uri: vscode.Uri): void {
    this.changedUris.set(uri.toString(), uri);
    clearTimeout(this.changeTimer);
    this.changeTimer = setTimeout(() => {
      const uris = [...this.changedUris.values()];
      this.changedUris.clear();
      this.contentChanged.fire(uris);
    }, 300);
  }

  /** Discovery again, soon: a checkout or an export of many masks arrives as many events. */
  private recompute(): void {
    clearTimeout(this.recomputeTimer);
    this.recomputeTimer = setTimeout(() => this.recomputeNow(), 300);
  }

  private recomputeNow(): void {
    clearTimeout(this.recomputeTimer);
    const pairs: WorkspacePair[] = [];
    const unpaired: UnpairedMask[] = [];
    for (const { folder, paths } of this.files.values()) {
      const found = discoverPairs([...paths], { patterns: this.patterns });
      for (const g of found.groups) for (const p of g.pairs) pairs.push(workspacePair(folder, p, g.dataset, g.model));
      for (const u of found.unpaired) unpaired.push({ uri: vscode.Uri.joinPath(folder.uri, u.path), folder, path: u.path, reason: u.reason });
    }
    this.current = { pairs, unpaired };
    this.indexChanged.fire(this.current);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.recomputeTimer);
    clearTimeout(this.changeTimer);
    this.watchers.forEach((w) => w.dispose());
    this.disposables.forEach((d) => d.dispose());
    this.indexChanged.dispose();
    this.contentChanged.dispose();
  }
}
