/**
 * One webview showing one pair at a time: reads and decodes the two files, sends them, re-sends them
 * when the webview reloads (a hidden webview loses its page; its view state comes back through
 * getState), and serves what the webview asks for (copy, open, swap, a setting's fix). Shared by the
 * comparison panel and the side view. A pair that fails stays the one asked for, so a settings change
 * (or a fixed file) can show it again.
 */
import * as vscode from 'vscode';
import type { FromWebview, ResultValues, ToWebview, ViewOptions, VolumeValues } from '../../shared/protocol';
import type { PairReport } from '../../core/report/schema';
import { DEFAULT_VIEW_OPTIONS, hostChannel, PROTOCOL_VERSION, type HostChannel } from '../../shared/protocol';
import { suggestedIgnoreIndex, withIgnoreIndexAdvice } from '../ignoreIndexHint';
import { pairTitle } from '../pairTitle';
import { readMaskFile } from '../readMaskFile';
import { panelPayload } from './pairMessage';
import { hostComputesVolume } from './volumeMessage';
import type { Activation } from '../../core/io/activation';
import type { LabelMap } from '../../core/classes/labelMap';
import type { InstanceEncoding } from '../../core/objects/instances';

export interface PairUris {
  gt: vscode.Uri;
  pred: vscode.Uri;
}

export type ResultsMessage = Extract<FromWebview, { type: 'results' }>;

export interface CompareOptions {
  /** Starting engine options (the user's settings); the webview fills in the rest with defaults. */
  options?: Partial<ViewOptions>;
  /** Overrides the ignore index the ground truth is read with (e.g. 255). */
  ignoreIndex?: number;
  /** Display names of the classes, background first. */
  classNames?: readonly string[];
  /** Refuse larger images (pixels); the io layer's default otherwise. */
  maxPixels?: number;
  /** What float predictions outside [0, 1] get (the report's setting). */
  activation?: Activation;
  /** Ground-truth raw id → train id (the report's setting). */
  labelMap?: LabelMap;
  /** Read both files as instance-id maps (the report's setting). */
  instances?: InstanceEncoding;
  /** A volume pair's whole-volume numbers (the compute worker's report of the pair), for a volume too large for the viewer's engine. */
  volumeValues?(files: PairUris): Promise<PairReport>;
}

export const pairKey = (files: PairUris): string => `${files.gt.toString()}|${files.pred.toString()}`;
/** How messages name a file: relative to its workspace folder, so two `img_003.png` are told apart. */
const nameOf = (uri: vscode.Uri): string => vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);

type LoadMessage = (ToWebview & { type: 'load' }) | (ToWebview & { type: 'loadVolume' });
/** The key of the pair a load message carries. */
const keyOf = (m: LoadMessage): string => (m.type === 'load' ? m.pair.key : m.volume.key);

/** What a session shows, for the extension's own tests. */
export interface SessionState {
  files?: PairUris;
  title?: string;
  error?: string;
  /** The webview's latest results for the pair shown. */
  results?: ResultsMessage;
  /** A volume pair in the slice viewer: its slices along z, y, x, and its whole-volume numbers. */
  volume?: {
    slices: [number, number, number];
    /** Whose numbers came: the viewer's own engine's, or the compute worker's (a volume too large for the viewer). */
    numbers?: 'viewer' | 'host';
    /** The viewer's latest numbers. */
    viewerValues?: ResultValues;
    /** Whether the compute worker was asked for the pair's numbers. */
    hostAsked: boolean;
  };
}

export class PairSession implements vscode.Disposable {
  private readonly channel: HostChannel;
  private current?: { files: PairUris; opts: CompareOptions; message: LoadMessage };
  /** The pair last asked for, shown or not. */
  private wanted?: { files: PairUris; opts: CompareOptions };
  private requestId = 0;
  private error?: string;
  private results?: ResultsMessage;
  /** The latest whole-volume numbers, re-sent when the webview reloads. */
  private volumeValues?: VolumeValues;
  /** The viewer's own latest numbers, and the pair whose numbers the worker was last asked for. */
  private viewerValues?: { key: string; values: ResultValues };
  private hostAsked?: string;
  /** What the slice viewer reported showing (slices along z, y, x). */
  private volumeShown?: [number, number, number];

  constructor(
    webview: vscode.Webview,
    private readonly log: (line: string) => void = () => undefined,
  ) {
    this.channel = hostChannel(webview);
    this.channel.onMessage((m) => this.handle(m));
    this.channel.onInvalid((raw) => this.log(`Mask Inspector: ignored an invalid message from the webview: ${JSON.stringify(raw)?.slice(0, 200)}`));
  }

  get files(): PairUris | undefined {
    return this.wanted?.files;
  }

  get state(): SessionState {
    const files = this.wanted?.files;
    const v = this.volumeShown;
    const cur = this.current && keyOf(this.current.message);
    const viewer = cur !== undefined && this.viewerValues?.key === cur ? this.viewerValues.values : undefined;
    const host = cur !== undefined && this.volumeValues?.key === cur && this.volumeValues.values !== undefined;
    const numbers = viewer ? ('viewer' as const) : host ? ('host' as const) : undefined;
    const volume = v && { slices: v, hostAsked: this.hostAsked === cur, ...(numbers ? { numbers } : {}), ...(viewer ? { viewerValues: viewer } : {}) };
    return { files, title: files && titleOf(files), error: this.error, results: this.results, ...(volume ? { volume } : {}) };
  }

  /** Reads, decodes and sends a pair; a file problem is shown in the webview as one line naming the file. */
  async show(files: PairUris, opts: CompareOptions = {}): Promise<void> {
    const requestId = ++this.requestId;
    this.wanted = { files, opts };
    try {
      const message = await this.build(files, opts, requestId);
      if (requestId !== this.requestId) return; // a newer pair won
      this.current = { files, opts, message };
      this.error = undefined;
      this.results = undefined;
      this.volumeShown = undefined;
      if (this.channel.isReady) this.channel.post(message);
    } catch (e) {
      if (requestId !== this.requestId) return;
      this.current = undefined;
      this.results = undefined;
      this.volumeShown = undefined;
      const raw = e instanceof Error ? e.message : String(e);
      this.error = withIgnoreIndexAdvice(raw);
      const ignoreIndex = suggestedIgnoreIndex(raw);
      this.channel.post({ type: 'hostError', requestId, message: this.error, ...(ignoreIndex === undefined ? {} : { fix: { ignoreIndex } }) });
    }
  }

  /** Shows the pair asked for again with new read options (ignore index, class names, pixel limit). */
  reload(opts: Pick<CompareOptions, 'ignoreIndex' | 'classNames' | 'maxPixels' | 'activation' | 'labelMap' | 'instances'>): void {
    const w = this.wanted;
    if (w) void this.show(w.files, { ...w.opts, ...opts, options: this.current?.message.options ?? w.opts.options });
  }

  private async build(files: PairUris, opts: CompareOptions, requestId: number): Promise<LoadMessage> {
    const gtName = nameOf(files.gt);
    const predName = nameOf(files.pred);
    const [gt, pred] = await Promise.all([readMaskFile(files.gt, gtName, opts.maxPixels), readMaskFile(files.pred, predName, opts.maxPixels)]);
    const options = { ...DEFAULT_VIEW_OPTIONS, ...opts.options };
    const shown = panelPayload(
      { gtBytes: gt.bytes, gtName, predBytes: pred.bytes, predName },
      { key: pairKey(files), ignoreIndex: opts.ignoreIndex, classNames: opts.classNames, maxPixels: opts.maxPixels, title: titleOf(files), activation: opts.activation, labelMap: opts.labelMap, instances: opts.instances },
      options.threshold,
    );
    if (shown.kind === 'image') return { type: 'load', requestId, pair: shown.pair, options };
    // The viewer's engine (the CLI's) computes a volume's whole-volume numbers; the compute worker only
    // for a volume too large for it, which would otherwise show none.
    if (opts.volumeValues && hostComputesVolume(shown.volume)) void this.sendVolumeValues(files, opts, shown.volume.key);
    return { type: 'loadVolume', requestId, volume: shown.volume, options };
  }

  private async sendVolumeValues(files: PairUris, opts: CompareOptions, key: string): Promise<void> {
    this.hostAsked = key;
    let result: VolumeValues;
    try {
      const report = await opts.volumeValues!(files);
      result = report.error ? { key, error: report.error.message } : { key, values: { losses: report.losses, metrics: report.metrics } };
    } catch (e) {
      result = { key, error: e instanceof Error ? e.message : String(e) };
    }
    this.volumeValues = result;
    if (this.current && keyOf(this.current.message) === key) this.channel.post({ type: 'volumeValues', result });
  }

  /** The host's settings changed: the webview recomputes, and a reload starts from them. */
  setOptions(options: Partial<ViewOptions>): void {
    if (this.current) this.current.message.options = { ...this.current.message.options, ...options };
    if (this.wanted) this.wanted.opts = { ...this.wanted.opts, options: { ...DEFAULT_VIEW_OPTIONS, ...this.wanted.opts.options, ...options } };
    this.channel.post({ type: 'options', options });
  }

  clear(message: string): void {
    this.current = undefined;
    this.wanted = undefined;
    this.channel.post({ type: 'clear', message });
  }

  /** The webview was hidden (its page is discarded): hold messages until it is ready again. */
  hidden(): void {
    this.channel.reset();
  }

  /**
   * Ground truth and prediction change places only when the result is a valid pair of label maps; else
   * the pair shown stays and the webview says why, naming the file.
   */
  private async swap(): Promise<void> {
    const cur = this.current;
    if (!cur) return;
    if (cur.message.type === 'loadVolume') return this.channel.post({ type: 'notice', message: 'Swap is for image pairs' });
    if (cur.message.pair.swapBlocked) return this.channel.post({ type: 'notice', message: cur.message.pair.swapBlocked });
    const files = { gt: cur.files.pred, pred: cur.files.gt };
    const opts = { ...cur.opts, options: cur.message.options };
    const requestId = ++this.requestId;
    let message: LoadMessage;
    try {
      message = await this.build(files, opts, requestId);
      if (message.type === 'loadVolume') throw new Error('Swap is for image pairs');
      if (message.pair.swapBlocked) throw new Error(`Swap needs two label maps: ${message.pair.predName}, read as a prediction, holds probabilities`);
    } catch (e) {
      if (requestId === this.requestId) this.channel.post({ type: 'notice', message: `Not swapped: ${e instanceof Error ? e.message : String(e)}` });
      return;
    }
    if (requestId !== this.requestId) return;
    this.wanted = { files, opts };
    this.current = { files, opts, message };
    this.error = undefined;
    this.results = undefined;
    this.volumeShown = undefined;
    this.channel.post(message);
    this.onSwapped?.(files);
  }

  /** The pair's files changed places (the panel retitles itself). */
  onSwapped?: (files: PairUris) => void;

  private handle(m: FromWebview): void {
    const cur = this.current;
    switch (m.type) {
      case 'ready':
        if (m.protocol !== PROTOCOL_VERSION) this.log(`Mask Inspector: webview protocol ${m.protocol}, host ${PROTOCOL_VERSION}`);
        if (cur) {
          this.channel.post(cur.message);
          const v = this.volumeValues;
          if (v && v.key === keyOf(cur.message)) this.channel.post({ type: 'volumeValues', result: v });
        } else if (this.error) this.channel.post({ type: 'hostError', message: this.error });
        return;
      case 'results':
        if (cur && m.key === keyOf(cur.message)) this.results = m;
        return;
      case 'optionsChanged':
        // What the user chose in the webview; a reload, a swap or a new read starts from it.
        if (cur && m.key === keyOf(cur.message)) cur.message.options = m.options;
        return;
      case 'copy':
        void vscode.env.clipboard.writeText(m.text).then(() => vscode.window.setStatusBarMessage('Mask Inspector: values copied', 2000));
        return;
      case 'open':
        if (cur) void vscode.commands.executeCommand('vscode.open', m.which === 'gt' ? cur.files.gt : cur.files.pred, { preview: true, viewColumn: vscode.ViewColumn.Beside });
        return;
      case 'swap':
        void this.swap();
        return;
      case 'setIgnoreIndex':
        // A user setting, like Select Preset writes; the panels follow it (extension.ts).
        void vscode.workspace.getConfiguration('maskInspector').update('ignoreIndex', m.value, vscode.ConfigurationTarget.Global);
        return;
      case 'openSetting':
        void vscode.commands.executeCommand('workbench.action.openSettings', m.setting);
        return;
      case 'error':
        this.log(`Mask Inspector webview: ${m.message}`);
        return;
      case 'volumeShown':
        if (cur && m.key === keyOf(cur.message)) this.volumeShown = m.slices;
        return;
      case 'volumeResults':
        if (cur && m.key === keyOf(cur.message)) this.viewerValues = { key: m.key, values: m.values };
        return;
    }
  }

  dispose(): void {
    this.channel.dispose();
  }
}

/** The title of a pair's panel: the file and the model (prediction folder) it comes from. */
export const titleOf = (files: PairUris): string => pairTitle(files.gt.path, files.pred.path);
