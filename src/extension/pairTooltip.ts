/**
 * The panel shown when hovering a pair, in the tree and over a mask path in any editor: the error
 * overlay as a thumbnail (rendered in the worker, embedded as a data: URI), the key numbers, and a
 * link that opens the comparison. Links run only the commands named here (`isTrusted.enabledCommands`),
 * and every untrusted string (file and folder names, messages quoting them) is escaped, so a file name
 * cannot add Markdown, HTML or links of its own.
 */
import * as vscode from 'vscode';
import { getLoss, getMetric } from '../core/registry';
import type { PairReport } from '../core/report/schema';
import type { Tagged } from '../core/types';
import type { ComputeService } from './computeService';
import { suggestedIgnoreIndex, withIgnoreIndexAdvice } from './ignoreIndexHint';
import { escapeMarkdown as escape } from './markdownText';
import type { PairResults } from './pairResults';
import { formatValue, KEY_METRICS, keyName, metricName, valueOf } from './present';
import type { Settings } from './settings';
import { jobSettings, settingsKey, type SortKey } from './settingsModel';
import type { WorkspacePair } from './workspaceMasks';

export const OPEN_PAIR_COMMAND = 'maskInspector.openPair';
const OPEN_SETTINGS_COMMAND = 'workbench.action.openSettings';
const THUMBNAIL_SIZE = 160;

/** Arguments of the open-pair link: strings, since command URIs carry JSON. */
export interface PairLinkArgs {
  gt: string;
  pred: string;
}

export function openPairLink(pair: WorkspacePair): string {
  const args: PairLinkArgs = { gt: pair.gt.toString(), pred: pair.pred.toString() };
  return `command:${OPEN_PAIR_COMMAND}?${encodeURIComponent(JSON.stringify([args]))}`;
}

/** The link that opens the Settings editor at one setting. */
const settingLink = (setting: string): string => `command:${OPEN_SETTINGS_COMMAND}?${encodeURIComponent(JSON.stringify([setting]))}`;

function newMarkdown(): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', true);
  md.isTrusted = { enabledCommands: [OPEN_PAIR_COMMAND] };
  md.supportHtml = true;
  return md;
}

export class PairTooltips {
  constructor(
    private readonly results: PairResults,
    private readonly service: ComputeService,
    private readonly settings: Settings,
  ) {}

  /** What one value means, its formula and exact value. */
  valueTooltip(key: SortKey, v: Tagged): vscode.MarkdownString {
    const md = new vscode.MarkdownString();
    const spec = key.kind === 'metric' ? getMetric(key.id) : getLoss(key.id);
    md.appendMarkdown(`**${escape(spec.name)}${key.kind === 'loss' ? ' loss' : ''}**: ${v.status === 'ok' ? String(v.value) : v.status}\n\n`);
    md.appendMarkdown(`${escape(spec.summary)}\n\n`);
    md.appendCodeblock(spec.formula, 'text');
    if ('whenUndefined' in spec) md.appendMarkdown(`\nWhen undefined: ${escape(spec.whenUndefined)}`);
    else md.appendMarkdown(`\n${escape(spec.paper.authors)}, ${spec.paper.year}: *${escape(spec.paper.title)}*`);
    return md;
  }

  async pairTooltip(pair: WorkspacePair, token: vscode.CancellationToken): Promise<vscode.MarkdownString> {
    const md = newMarkdown();
    await this.appendPair(md, pair, token);
    return md;
  }

  /** One section per pair (a ground truth has one per model), at most `limit`. */
  async hoverFor(pairs: readonly WorkspacePair[], token: vscode.CancellationToken, limit = 3): Promise<vscode.MarkdownString> {
    const md = newMarkdown();
    for (const [i, pair] of pairs.slice(0, limit).entries()) {
      if (i > 0) md.appendMarkdown('\n\n---\n\n');
      await this.appendPair(md, pair, token);
    }
    if (pairs.length > limit) md.appendMarkdown(`\n\n…and ${pairs.length - limit} more pairs with this file.`);
    return md;
  }

  private async reportOf(pair: WorkspacePair, token: vscode.CancellationToken): Promise<PairReport> {
    const known = this.results.get(pair);
    if (known) return known;
    const s = this.settings.value;
    return this.service.compute(pair, jobSettings(s), settingsKey(s), token, 'urgent');
  }

  private async appendPair(md: vscode.MarkdownString, pair: WorkspacePair, token: vscode.CancellationToken): Promise<void> {
    const where = [pair.job.dataset, pair.job.model].filter(Boolean).join(' · ');
    md.appendMarkdown(`**${escape(pair.stem)}**${where ? ` — ${escape(where)}` : ''}\n\n`);
    const r = await this.reportOf(pair, token);
    if (r.error) {
      md.appendMarkdown(`$(error) ${escape(withIgnoreIndexAdvice(r.error.message))}\n\n`);
      if (suggestedIgnoreIndex(r.error.message) !== undefined) {
        md.isTrusted = { enabledCommands: [OPEN_PAIR_COMMAND, OPEN_SETTINGS_COMMAND] };
        md.appendMarkdown(`[$(gear) Set maskInspector.ignoreIndex](${settingLink('maskInspector.ignoreIndex')})\n\n`);
      }
    } else {
      try {
        const t = await this.service.thumbnail(pair, jobSettings(this.settings.value), THUMBNAIL_SIZE, token);
        const src = `data:image/png;base64,${Buffer.from(t.png).toString('base64')}`;
        // Small masks are shown enlarged (VS Code's `|width=,height=` image suffix); large ones arrive scaled down.
        const zoom = THUMBNAIL_SIZE / Math.max(t.width, t.height);
        const size = zoom > 1 ? `|width=${Math.round(t.width * zoom)},height=${Math.round(t.height * zoom)}` : '';
        md.appendMarkdown(`![Error overlay of ${escape(pair.stem)}](${src}${size})\n\n`);
        const c = t.counts;
        md.appendMarkdown(
          `<span style="color:#2ea043;">■</span> TP ${c.tp} &nbsp; <span style="color:#e63946;">■</span> FP ${c.fp} &nbsp; ` +
            `<span style="color:#3478f6;">■</span> FN ${c.fn}${c.ignored ? ` &nbsp; <span style="color:#808080;">■</span> ignored ${c.ignored}` : ''}\n\n`,
        );
      } catch (e) {
        if (e instanceof vscode.CancellationError) throw e;
        md.appendMarkdown(`*(no overlay: ${escape((e as Error).message)})*\n\n`);
      }
      md.appendMarkdown(this.numbersTable(r));
      // A volume: its slices and voxel size, which its distances are in.
      const size = r.depth === undefined ? `${r.width}×${r.height}` : `${r.width}×${r.height}×${r.depth} (${r.spacing?.join(' × ')} mm)`;
      md.appendMarkdown(`\n${size} · ${r.mode === 'multiclass' ? `${r.classes} classes` : 'binary'}${r.warnings.length ? ` · $(warning) ${escape(r.warnings.join('; '))}` : ''}\n\n`);
    }
    md.appendMarkdown(`[$(diff) Open comparison](${openPairLink(pair)}) &nbsp; ${escape(pair.job.gt)} ↔ ${escape(pair.job.pred)}`);
  }

  /** Key metrics, plus the sort key when it is not one of them. */
  private numbersTable(r: PairReport): string {
    const sortBy = this.settings.value.sortBy;
    const cols: { name: string; value: Tagged | undefined }[] = KEY_METRICS.filter((id) => r.metrics[id]).map((id) => ({ name: metricName(id), value: r.metrics[id] }));
    const sortShown = sortBy.kind === 'metric' && (KEY_METRICS as readonly string[]).includes(sortBy.id);
    if (!sortShown) cols.push({ name: keyName(sortBy), value: valueOf(r, sortBy) });
    if (!cols.length) return '';
    return `| ${cols.map((c) => c.name).join(' | ')} |\n| ${cols.map(() => '---:').join(' | ')} |\n| ${cols.map((c) => formatValue(c.value)).join(' | ')} |\n`;
  }
}
