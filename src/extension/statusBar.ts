/** The status bar item: progress while pairs compute, then the workspace's mean of the sort key. */
import * as vscode from 'vscode';
import { METRICS } from '../core/registry';
import type { PairResults } from './pairResults';
import type { PairReport } from '../core/report/schema';
import type { Tagged } from '../core/types';
import { formatValue, keyName, valueOf } from './present';
import type { Settings } from './settings';
import type { WorkspaceMasks } from './workspaceMasks';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('maskInspector.summary', vscode.StatusBarAlignment.Left, 10);
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly masks: WorkspaceMasks,
    private readonly results: PairResults,
    private readonly settings: Settings,
  ) {
    this.item.name = 'Mask Inspector';
    this.item.command = 'maskInspector.pairs.focus';
    this.subscription = results.onDidChange(() => this.update());
    this.update();
  }

  private update(): void {
    const pairs = this.masks.index.pairs;
    if (pairs.length === 0) {
      this.item.hide();
      return;
    }
    const { done, total } = this.results.progress;
    const s = this.settings.value;
    const reports = pairs.map((p) => this.results.get(p)).filter((r): r is PairReport => r !== undefined);
    const mean = (pick: (r: PairReport) => Tagged | undefined): string => {
      const xs = reports.map(pick).flatMap((v) => (v?.status === 'ok' ? [v.value as number] : []));
      return xs.length ? formatValue({ value: xs.reduce((a, b) => a + b, 0) / xs.length, status: 'ok' }) : '—';
    };
    const failed = reports.filter((r) => r.error).length;
    this.item.text =
      done < total
        ? `$(sync~spin) Masks ${done}/${total}`
        : `$(symbol-ruler) ${total} pairs · ${keyName(s.sortBy)} ${mean((r) => valueOf(r, s.sortBy))}${failed ? ` · $(error) ${failed}` : ''}`;
    const md = new vscode.MarkdownString(`**Mask Inspector** — ${total} pairs${failed ? `, ${failed} failed` : ''}${done < total ? `, ${total - done} computing` : ''}\n\n`, true);
    md.appendMarkdown('| Metric | Mean |\n|---|---:|\n');
    for (const m of METRICS) if (s.metrics.includes(m.id)) md.appendMarkdown(`| ${m.name} | ${mean((r) => r.metrics[m.id])} |\n`);
    md.appendMarkdown('\nClick to show the Mask Pairs view.');
    this.item.tooltip = md;
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
