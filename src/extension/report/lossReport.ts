/**
 * "Mask Inspector: Loss Report": computes every pair of the workspace (cancellable progress), shows the
 * report in a webview, and exports it in the CLI's formats. The export is the only thing the extension
 * ever writes, and only where the user chooses in the save dialog.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { createWriter, type Columns } from '../../core/report/formats';
import { REPORT_SCHEMA, type PairReport, type Report, type Unpaired } from '../../core/report/schema';
import { SummaryBuilder } from '../../core/report/summary';
import type { ComputeService } from '../computeService';
import type { Settings } from '../settings';
import { jobSettings, reportSettings, settingsKey } from '../settingsModel';
import type { MaskIndex, WorkspacePair } from '../workspaceMasks';
import { reportHtml } from './reportHtml';
import { classBreakdown } from './reportModel';
import { findClassNames } from './classNamesFile';
import { reportHostChannel, type ExportFormat, type FromReport } from '../../shared/reportProtocol';
import { basisChanges, type ReportBasis } from './staleness';

const EXTENSIONS: Record<ExportFormat, string> = { csv: 'csv', json: 'json', markdown: 'md' };
const FILTERS: Record<ExportFormat, Record<string, string[]>> = { csv: { CSV: ['csv'] }, json: { JSON: ['json'] }, markdown: { Markdown: ['md'] } };

export interface ShownReport {
  report: Report;
  columns: Columns;
  pairs: WorkspacePair[];
  /** Class names from a dataset.json / classes.json beside the ground truth, when the setting has none. */
  foundClassNames?: string[];
}

export class LossReports implements vscode.Disposable {
  static readonly viewType = 'maskInspector.report';
  private panel?: vscode.WebviewPanel;
  private shown?: ShownReport;
  /** The settings the shown report was computed with, and what changed since. */
  private basis?: ReportBasis;
  private stale: string[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly service: ComputeService,
    private readonly settings: Settings,
    /** The pairs once discovery has finished. */
    private readonly index: () => Promise<MaskIndex>,
    private readonly tool: { name: string; version: string },
    private readonly openPair: (pair: WorkspacePair) => void,
    /** Where dist/report.js, the page's script, is. */
    private readonly extensionUri: vscode.Uri,
  ) {
    this.disposables.push(settings.onDidChange(() => this.checkBasis()));
  }

  /** What changed since the shown report was computed (empty when it is current). */
  get staleReasons(): readonly string[] {
    return this.stale;
  }

  private basisNow(): ReportBasis {
    const s = this.settings.value;
    return { preset: s.preset, settings: reportSettings(s), columns: { losses: s.losses, metrics: s.metrics }, maxPixels: s.maxPixels };
  }

  /** A shown report whose settings changed says so, with a Re-run button (its numbers stay what they were). */
  private checkBasis(): void {
    if (!this.shown || !this.basis) return;
    const changes = basisChanges(this.basis, this.basisNow());
    if (JSON.stringify(changes) === JSON.stringify(this.stale)) return;
    this.stale = changes;
    if (this.panel) this.render(this.panel, this.shown);
  }

  /** Computes and shows the report; undefined when cancelled or there are no pairs. */
  async run(): Promise<ShownReport | undefined> {
    const { pairs, unpaired } = await this.index();
    if (pairs.length === 0) {
      void vscode.window.showInformationMessage('Mask Inspector: no ground truth / prediction pairs in this workspace. Put ground truth in gt/ next to pred/, name files a_gt.png and a_pred.png, or set maskInspector.pairing.patterns.');
      return undefined;
    }
    const s = this.settings.value;
    const results: PairReport[] = new Array(pairs.length);
    const finished = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Mask Inspector: loss report', cancellable: true },
      async (progress, token) => {
        let done = 0;
        await this.service.computeMany(pairs, jobSettings(s), settingsKey(s), (i, r) => {
          results[i] = r;
          done++;
          progress.report({ increment: 100 / pairs.length, message: `${done} of ${pairs.length} pairs` });
        }, token);
        return !token.isCancellationRequested;
      },
    );
    if (!finished) {
      void vscode.window.showInformationMessage('Mask Inspector: loss report cancelled.');
      return undefined;
    }
    const summary = new SummaryBuilder({ spacing: s.spacing, preset: s.preset, meanOver: s.meanOver });
    results.forEach((r) => summary.add(r));
    const folders = new Set(pairs.map((p) => p.folder.uri.toString())).size;
    const report: Report = {
      schema: REPORT_SCHEMA,
      tool: this.tool,
      preset: s.preset,
      settings: reportSettings(s),
      pairs: results,
      unpaired: unpaired.map((u): Unpaired => ({ path: folders > 1 ? `${u.folder.name}/${u.path}` : u.path, reason: u.reason })),
      summary: summary.build(),
    };
    const readFile = (uri: string) => Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.parse(uri))).catch(() => undefined);
    const foundClassNames = s.classNames.length ? undefined : await findClassNames(pairs.map((p) => p.gt.toString()), readFile);
    this.shown = { report, columns: { losses: s.losses, metrics: s.metrics }, pairs, ...(foundClassNames && { foundClassNames }) };
    this.basis = { preset: s.preset, settings: report.settings, columns: this.shown.columns, maxPixels: s.maxPixels };
    this.stale = basisChanges(this.basis, this.basisNow());
    void vscode.commands.executeCommand('setContext', 'maskInspector.hasReport', true);
    this.show(this.shown);
    return this.shown;
  }

  private show(shown: ShownReport): void {
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(LossReports.viewType, 'Loss Report', vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [this.dist] });
      this.panel.onDidDispose(() => (this.panel = undefined), null, this.disposables);
      const channel = reportHostChannel(this.panel.webview);
      channel.onMessage((m) => this.receive(m));
      this.disposables.push(channel);
    } else this.panel.reveal();
    this.render(this.panel, shown);
  }

  private get dist(): vscode.Uri {
    return vscode.Uri.joinPath(this.extensionUri, 'dist');
  }

  private render(panel: vscode.WebviewPanel, shown: ShownReport): void {
    const s = this.settings.value;
    panel.webview.html = reportHtml({
      report: shown.report,
      columns: shown.columns,
      classes: classBreakdown(shown.report.pairs),
      classNames: s.classNames.length ? s.classNames : (shown.foundClassNames ?? []),
      classColors: s.classColors,
      cspSource: panel.webview.cspSource,
      nonce: randomBytes(18).toString('base64url'),
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(this.dist, 'report.js')).toString(),
      stale: this.stale,
    });
  }

  private receive(m: FromReport): void {
    if (!this.shown) return;
    if (m.type === 'export') {
      this.export(m.format).catch((e: unknown) =>
        vscode.window.showErrorMessage(`Mask Inspector: export failed: ${e instanceof Error ? e.message : String(e)}`),
      );
    }
    else if (m.type === 'rerun') void this.run();
    else {
      const pair = this.shown.pairs[m.index];
      if (pair) this.openPair(pair);
    }
  }

  /** Writes the shown report in a format; asks where unless `target` is given. Resolves to the file written. */
  async export(format: ExportFormat, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const shown = this.shown;
    if (!shown) {
      void vscode.window.showInformationMessage('Mask Inspector: run "Mask Inspector: Loss Report" first.');
      return undefined;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `mask-inspector-report.${EXTENSIONS[format]}`;
    const uri =
      target ??
      (await vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined, filters: FILTERS[format], title: 'Export loss report' }));
    if (!uri) return undefined;
    const { report, columns } = shown;
    const w = createWriter(format, columns);
    const { pairs, unpaired, summary, ...header } = report;
    const text = w.begin(header) + pairs.map((p) => w.pair(p)).join('') + w.end(unpaired, summary);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    if (!target) {
      void vscode.window.showInformationMessage(`Mask Inspector: report saved to ${vscode.workspace.asRelativePath(uri)}`, 'Open').then((choice) => {
        if (choice) void vscode.commands.executeCommand('vscode.open', uri);
      });
    }
    return uri;
  }

  dispose(): void {
    this.panel?.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}
