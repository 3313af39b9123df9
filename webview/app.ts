/**
 * The comparison view: receives a pair, computes it (GPU, or the CPU fallback), and keeps the table,
 * the layers, the witnesses and the read-out in step with every control. Changes are coalesced: at
 * most one computation runs, and the next one starts from everything that changed meanwhile
 * (compare/coalescer.ts). The page is built in compare/layout.ts, the layer images in
 * compare/layerBuilder.ts.
 */
import { evaluateClass, evaluateClasses, resolveOptions, type ResolvedOptions } from '../src/core/engine';
import type { PairInput } from '../src/core/types';
import { DEFAULT_VIEW_OPTIONS, PROTOCOL_VERSION, type PageChannel, type PairPayload, type ResultValues, type ToWebview, type ViewOptions } from '../src/shared/protocol';
import { Coalescer } from './compare/coalescer';
import { showHostMessage } from './compare/hostMessage';
import { handleKey } from './compare/keys';
import { LayerBuilder } from './compare/layerBuilder';
import { buildLayout, type Layout } from './compare/layout';
import { pairTitle, type Loaded, type Shown } from './compare/loaded';
import { NUMBERS_SHOWN, OVERLAYS_DRAWN } from './compare/marks';
import { pixelReadout } from './compare/pixelReadout';
import { copyText, resultsMessage } from './compare/results';
import { MAP_LOSSES, mapTerms, type MapLossId } from './engine/pixelLoss';
import { Engines } from './engine/select';
import { findWitnesses } from './engine/witnesses';
import { pairInputFrom } from './pairInput';
import { restoreState, type ViewState } from './state';
import { h } from './ui/dom';
import type { VsCodeApi } from './vscodeApi';

export class App {
  private state: ViewState;
  private options: ViewOptions = DEFAULT_VIEW_OPTIONS;
  private readonly engines = new Engines();
  private loaded?: Loaded;
  private shown?: Shown;
  private lastValues?: ResultValues;
  private readonly ui: Layout;
  private readonly layers: LayerBuilder;
  private readonly computations = new Coalescer(
    (since) => this.refresh(since),
    (e) => this.fail(e, this.loaded?.requestId),
  );
  /** Request id of the newest `load`, so an older one still starting gives way. */
  private latestLoad = -1;

  constructor(
    root: HTMLElement,
    private readonly api: VsCodeApi,
    private readonly host: PageChannel,
  ) {
    this.state = restoreState(api.getState());
    this.ui = buildLayout(root, {
      toolbar: {
        classChanged: (c) => this.update(() => (this.state.classIndex = c)),
        thresholdChanged: (t) => this.userOptions({ threshold: t }),
        presetChanged: (preset) => this.userOptions({ preset }),
        mapLossChanged: (id) => this.selectMap(id),
        fit: () => this.ui.canvas.fit(),
        copy: () => this.copy(),
        open: (which) => this.host.post({ type: 'open', which }),
        swap: () => this.host.post({ type: 'swap' }),
        resetParams: () => this.userOptions({ params: {} }),
        toggleHelp: () => this.toggleHelp(),
      },
      canvas: {
        hover: (p) => this.hover(p),
        viewportChanged: (v) => {
          this.state.viewport = v;
          this.save();
        },
      },
      table: {
        paramChanged: (id, key, value) => this.userOptions({ params: { ...this.options.params, [id]: { ...this.options.params[id], [key]: value } } }),
        selectMap: (id) => this.selectMap(id),
      },
      layerChanged: (id, s) => this.update(() => (this.state.layers[id] = s)),
      focusWitness: (w) => this.ui.canvas.centreOn(w.from[0], w.from[1]),
      objectPicked: () => {
        if (!this.state.layers.objects.on) this.update(() => (this.state.layers.objects = { ...this.state.layers.objects, on: true }));
      },
      objectSortChanged: (by) => {
        this.state.objectSort = by;
        this.save();
      },
    });
    this.ui.objects.setSort(this.state.objectSort);
    this.layers = new LayerBuilder(this.ui.canvas, this.ui.scale);
    this.ui.layersPanel.update(this.state.layers);
    this.ui.canvas.setLayerState(this.state.layers);
    document.addEventListener('keydown', (e) =>
      handleKey(e, {
        zoomBy: (f) => this.ui.canvas.zoomBy(f),
        fit: () => this.ui.canvas.fit(),
        panBy: (dx, dy) => this.ui.canvas.panBy(dx, dy),
        toggleHelp: () => this.toggleHelp(),
        toggleLayer: (id) => this.update(() => (this.state.layers[id] = { ...this.state.layers[id], on: !this.state.layers[id].on })),
      }),
    );
    host.onMessage((m) => void this.receive(m));
    host.post({ type: 'ready', protocol: PROTOCOL_VERSION });
  }

  private save(): void {
    this.api.setState(this.state);
  }

  async receive(msg: ToWebview): Promise<void> {
    switch (msg?.type) {
      case 'load':
        return this.load(msg.requestId, msg.pair, msg.options);
      case 'options':
        this.options = { ...this.options, ...msg.options };
        // Kept in the saved state too, or a reload of this pair would bring the old settings back.
        if (this.state.options) {
          this.state = { ...this.state, options: this.options };
          this.save();
        }
        this.computations.schedule();
        return;
      case 'clear':
        this.showMessage(msg.message);
        return;
      case 'hostError':
        this.showMessage(msg.message, true, msg.fix);
        return;
      case 'notice':
        this.ui.notices.append(h('div', { class: 'notice warning', 'data-notice': 'host' }, msg.message));
        return;
    }
  }

  private showMessage(text: string, error = false, fix?: { ignoreIndex: number }): void {
    showHostMessage(this.ui.message, (m) => this.host.post(m), text, error, fix);
  }

  private async load(requestId: number, payload: PairPayload, hostOptions: ViewOptions): Promise<void> {
    const start = performance.now();
    this.latestLoad = requestId;
    await this.computations.idle;
    if (this.latestLoad !== requestId) return;
    let input: PairInput;
    try {
      input = pairInputFrom(payload);
    } catch (e) {
      this.fail(e, requestId);
      return;
    }
    const samePair = this.state.key === payload.key;
    this.options = samePair && this.state.options ? this.state.options : { ...DEFAULT_VIEW_OPTIONS, ...hostOptions };
    if (!samePair) {
      this.state = { ...this.state, key: payload.key, options: this.options, classIndex: 1, viewport: undefined };
      this.save();
    }
    // The old pair is gone from here on: no computation starts on it while the engine gets ready.
    this.loaded = undefined;
    this.shown = undefined;
    this.layers.clear();
    this.ui.objects.setPair(payload);
    const { ui } = this;
    ui.message.hidden = true;
    ui.toolbar.setPair(pairTitle(payload), payload.classNames, payload.mode, this.state.classIndex, payload.swapBlocked);
    ui.readout.setMode(payload.mode);
    ui.notices.replaceChildren(...payload.warnings.map((w) => h('div', { class: 'notice' }, w)));
    ui.canvas.setImageSize(payload.width, payload.height, samePair ? this.state.viewport : undefined);
    // Draw first: the masks' layers need no engine, which may take seconds to start and compute.
    ui.progress.hidden = false;
    this.drawMasks(input);
    const { engine, notice } = await this.engines.choose(payload.width, payload.height);
    // A newer pair arrived while the engine was starting: that one is shown, not this one.
    if (this.latestLoad !== requestId) return;
    engine.setPair(input);
    this.loaded = { payload, input, requestId, engine, notice };
    ui.toolbar.setBackend(engine.backend);
    if (notice) ui.notices.prepend(h('div', { class: 'notice warning', 'data-notice': 'fallback' }, notice));
    this.computations.schedule(start);
  }

  /** The class shown, kept within the pair's classes (a binary pair shows its foreground); its view index. */
  private viewOf(input: PairInput): number {
    this.state.classIndex = input.mode === 'multiclass' ? Math.min(Math.max(0, this.state.classIndex), input.classes - 1) : 1;
    return input.mode === 'multiclass' ? this.state.classIndex : 0;
  }

  /** Draws the layers of the masks alone (confusion, boundaries) when they changed; marks the time for the bench. */
  private drawMasks(input: PairInput): void {
    if (!this.layers.buildMasks(input, this.viewOf(input), resolveOptions(this.options).threshold, this.state.layers)) return;
    this.ui.canvas.setLayerState(this.state.layers);
    this.ui.canvas.draw();
    performance.mark(OVERLAYS_DRAWN);
  }

  private fail(e: unknown, requestId?: number): void {
    const message = e instanceof Error ? e.message : String(e);
    this.ui.notices.append(h('div', { class: 'notice error' }, message));
    this.host.post({ type: 'error', message, ...(requestId === undefined ? {} : { requestId }) });
  }

  /** A control the user moved: recompute, and tell the host (it may persist the options). */
  private userOptions(change: Partial<ViewOptions>): void {
    this.options = { ...this.options, ...change };
    this.state.options = this.options;
    this.save();
    if (this.loaded) this.host.post({ type: 'optionsChanged', key: this.loaded.payload.key, options: this.options });
    this.computations.schedule();
  }

  private update(change: () => void): void {
    change();
    this.save();
    this.computations.schedule();
  }

  private selectMap(id: MapLossId): void {
    this.update(() => {
      this.state.mapLoss = id;
      this.state.layers.heat = { ...this.state.layers.heat, on: true };
    });
  }

  private toggleHelp(): void {
    this.ui.help.hidden = !this.ui.help.hidden;
  }

  /**
   * One computation: the masks' layers at once, then the numbers (the table, a progress ring while
   * they come), the engine's layers, witnesses and objects, then the results to the host.
   */
  private async refresh(start: number): Promise<void> {
    const loaded = this.loaded;
    if (!loaded) return;
    const { input } = loaded;
    const { ui } = this;
    const view = this.viewOf(input);
    const o = resolveOptions(this.options);
    ui.layersPanel.update(this.state.layers);
    ui.toolbar.update({ classIndex: this.state.classIndex, threshold: o.threshold, preset: o.preset, mapLoss: this.state.mapLoss });
    this.drawMasks(input);
    ui.progress.hidden = false;
    try {
      await this.compute(loaded, view, o, start);
    } finally {
      ui.progress.hidden = true;
    }
  }

  /** The engine's part of a computation: the numbers, then its layers, witnesses and objects. */
  private async compute(loaded: Loaded, view: number, o: ResolvedOptions, start: number): Promise<void> {
    const { input, engine } = loaded;
    const { ui } = this;
    const multiclass = input.mode === 'multiclass';
    // Both are queued on the GPU before either is awaited: their readbacks overlap. (A failure of the
    // overlay surfaces where it is awaited; the catch only keeps it from being reported twice.)
    const overlayRead = engine.overlay(view, o);
    overlayRead.catch(() => undefined);
    const stats = await engine.stats(o);
    const values: ResultValues = multiclass ? evaluateClasses(stats, o) : { mode: 'binary', classes: 2, ...evaluateClass(stats[0], o) };
    ui.table.update(values, o, multiclass ? this.state.classIndex : null, this.state.mapLoss, loaded.payload.classNames[this.state.classIndex]);
    const numbersMs = performance.now() - start;
    performance.mark(NUMBERS_SHOWN);

    const overlay = await overlayRead;
    const terms = new Map(MAP_LOSSES.map((id) => [id, mapTerms(id, stats[view], overlay.field, o)]));
    this.shown = { view, overlay, terms };
    const witnesses = findWitnesses(overlay.predToGt, overlay.gtToPred, input.width, o.spacing, o.preset, o.hdPercentile);
    const oneEmpty = overlay.predToGt.index.length || overlay.gtToPred.index.length;
    ui.witnessList.update(witnesses, oneEmpty ? 'One boundary is empty: HD is infinite.' : 'Both boundaries are empty: HD is undefined.');
    ui.canvas.setWitnesses(witnesses);
    await this.layers.build(loaded, view, overlay, terms, o, this.state.layers, this.state.mapLoss);
    ui.objects.update(input, this.state.classIndex, o.threshold, o.spacing, { connectivity: this.options.connectivity, match: this.options.match });
    ui.canvas.setLayerState(this.state.layers);
    ui.canvas.draw();
    const drawnMs = performance.now() - start;
    this.lastValues = values;
    this.host.post(resultsMessage(loaded, values, this.state.classIndex, witnesses, { numbersMs, drawnMs }, this.ui.objects.summary()));
  }

  private hover(p: { x: number; y: number } | null): void {
    const loaded = this.loaded;
    const shown = this.shown;
    this.ui.readout.update(p && loaded && shown ? pixelReadout(loaded, shown, p) : null);
  }

  private copy(): void {
    const loaded = this.loaded;
    if (!loaded || !this.lastValues) return;
    this.host.post({ type: 'copy', text: copyText(loaded, this.options, this.lastValues) });
  }
}
