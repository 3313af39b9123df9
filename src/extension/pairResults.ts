/**
 * The numbers of every pair of the workspace, computed in the background whenever pairs, their files
 * or the settings change. The tree, the status bar and the hovers read from here; the loss report
 * computes through the same service, so it reuses what is already known.
 */
import * as vscode from 'vscode';
import type { PairReport } from '../core/report/schema';
import type { ComputeService } from './computeService';
import { ignoreIndexAdvice, suggestedIgnoreIndex } from './ignoreIndexHint';
import type { Settings } from './settings';
import { jobSettings, settingsKey } from './settingsModel';
import type { WorkspaceMasks, WorkspacePair } from './workspaceMasks';

export const PAIRS_VIEW_ID = 'maskInspector.pairs';

export class PairResults implements vscode.Disposable {
  private readonly results = new Map<string, PairReport>();
  private key: string;
  private run?: { cts: vscode.CancellationTokenSource; done: Promise<void> };
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  private fireTimer: ReturnType<typeof setTimeout> | undefined;
  /** Ignore indices already suggested in a notification (once per value and session). */
  private readonly advised = new Set<number>();
  /** Results arrived or were dropped (throttled, so a large workspace does not redraw per pair). */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly masks: WorkspaceMasks,
    private readonly service: ComputeService,
    private readonly settings: Settings,
  ) {
    this.key = settingsKey(settings.value);
    this.disposables.push(
      masks.onDidChangeIndex((index) => {
        const ids = new Set(index.pairs.map((p) => p.id));
        for (const id of this.results.keys()) if (!ids.has(id)) this.results.delete(id);
        this.computeMissing();
      }),
      masks.onDidChangeContent((uris) => {
        service.forget(uris);
        const changed = new Set(uris.map((u) => u.toString()));
        for (const p of masks.index.pairs) if (changed.has(p.gt.toString()) || changed.has(p.pred.toString())) this.results.delete(p.id);
        this.computeMissing();
      }),
      settings.onDidChange(({ settings: s }) => {
        const key = settingsKey(s);
        if (key === this.key) return this.fireSoon(); // e.g. the sort changed: redraw only
        this.key = key;
        this.results.clear();
        this.computeMissing();
      }),
    );
  }

  get(pair: WorkspacePair): PairReport | undefined {
    return this.results.get(pair.id);
  }

  /** One pair's numbers under the current settings, now (the comparison panel's volume table); cached by content. */
  computeNow(files: { gt: vscode.Uri; pred: vscode.Uri }): Promise<PairReport> {
    const s = this.settings.value;
    const job = { root: '', gt: files.gt.path, pred: files.pred.path, dataset: '', model: '' };
    return this.service.compute({ ...files, job }, jobSettings(s), settingsKey(s), undefined, 'urgent');
  }

  /** Pairs with a result, and all pairs. */
  get progress(): { done: number; total: number } {
    const pairs = this.masks.index.pairs;
    return { done: pairs.filter((p) => this.results.has(p.id)).length, total: pairs.length };
  }

  get computing(): boolean {
    return this.run !== undefined;
  }

  /** Resolves when nothing is left to compute (for tests and the report). */
  async whenIdle(): Promise<void> {
    await this.masks.ready();
    while (this.run) await this.run.done;
  }

  /** Computes the pairs that have no result; a newer call cancels the older run. */
  computeMissing(): void {
    this.run?.cts.cancel();
    const pairs = this.masks.index.pairs.filter((p) => !this.results.has(p.id));
    this.fireSoon();
    if (pairs.length === 0) {
      this.run = undefined;
      return;
    }
    const cts = new vscode.CancellationTokenSource();
    const s = this.settings.value;
    const key = this.key;
    const job = jobSettings(s);
    const done = this.service
      .computeMany(pairs, job, key, (i, report) => {
        if (key !== this.key) return;
        this.results.set(pairs[i]!.id, report);
        this.fireSoon();
      }, cts.token)
      .catch((e: unknown) => void vscode.window.showErrorMessage(`Mask Inspector: ${(e as Error).message}`))
      .finally(() => {
        cts.dispose();
        if (this.run?.cts === cts) this.run = undefined;
        this.fireSoon();
        if (!cts.token.isCancellationRequested) this.adviseIgnoreIndex();
      });
    this.run = { cts, done };
    void vscode.window.withProgress({ location: { viewId: PAIRS_VIEW_ID } }, () => done);
  }

  /**
   * Pairs that fail only for want of an ignore index (void label 255 read as a class): one notification
   * that says which setting fixes them, with the fix as a button.
   */
  private adviseIgnoreIndex(): void {
    const failed = new Map<number, WorkspacePair[]>();
    for (const p of this.masks.index.pairs) {
      const message = this.results.get(p.id)?.error?.message;
      const n = message === undefined ? undefined : suggestedIgnoreIndex(message);
      if (n !== undefined && !this.advised.has(n) && this.settings.value.ignoreIndex !== n) failed.set(n, [...(failed.get(n) ?? []), p]);
    }
    for (const [n, pairs] of failed) {
      this.advised.add(n);
      const set = `Set ignoreIndex to ${n}`;
      const open = 'Open Setting';
      const what = `${pairs.length} pair${pairs.length === 1 ? '' : 's'} (${pairs[0]!.job.gt}${pairs.length > 1 ? ', …' : ''}) could not be computed: the ground truth has class ${n}.`;
      void vscode.window.showWarningMessage(`Mask Inspector: ${what} ${ignoreIndexAdvice(n)}`, set, open).then((choice) => {
        if (choice === set) void this.settings.update('ignoreIndex', n);
        else if (choice === open) void vscode.commands.executeCommand('workbench.action.openSettings', 'maskInspector.ignoreIndex');
      });
    }
  }

  private fireSoon(): void {
    if (this.fireTimer) return;
    this.fireTimer = setTimeout(() => {
      this.fireTimer = undefined;
      this.changed.fire();
    }, 150);
  }

  dispose(): void {
    this.run?.cts.cancel();
    clearTimeout(this.fireTimer);
    this.disposables.forEach((d) => d.dispose());
    this.changed.dispose();
  }
}
