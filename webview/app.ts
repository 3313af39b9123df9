/**
 * The comparison view: receives a pair, computes it (GPU, or the CPU fallback), and keeps the table,
 * the layers, the witnesses and the read-out in step with every control. Changes are coalesced: at
 * most one computation runs, and the next one starts from everything that changed meanwhile.
 */
import { evaluateClass, evaluateClasses, resolveOptions, type ResolvedOptions } from '../src/core/engine';
import { LOSSES } from '../src/core/registry';
import type { PairInput } from '../src/core/types';
import { DEFAULT_VIEW_OPTIONS, PROTOCOL_VERSION, type HostFix, type PairPayload, type ResultValues, type ToWebview, type ViewOptions, type Witness } from '../src/shared/protocol';
import { contribution, MAP_LOSSES, mapTerms, type MapLossId, type MapTerms } from './engine/pixelLoss';
import { Engines } from './engine/select';
import type { ClassOverlay, ViewEngine } from './engine/types';
import { findWitnesses } from './engine/witnesses';
import { pairInputFrom } from './pairInput';
import { CanvasView } from './render/canvasView';
import type { HeatScale } from './render/colours';
import { confusionImage, contourImage, heatImage, probabilityImage, sdfValues, signedDistance } from './render/layers';
import { LAYERS, restoreState, type LayerId, type ViewState } from './state';
import { ColourScale } from './ui/colourScale';
import { h } from './ui/dom';
import { LayersPanel } from './ui/layersPanel';
import { LossTable } from './ui/lossTable';
import { Readout } from './ui/readout';
import { Toolbar } from './ui/toolbar';
import { WitnessList } from './ui/witnessList';
import type { VsCodeApi } from './vscodeApi';
import { argmaxAt } from '../src/core/argmax';

const LOSS_NAMES = new Map(LOSSES.map((l) => [l.id, l.name]));

interface Loaded {
  payload: PairPayload;
  input: PairInput;
  requestId: number;
  engine: ViewEngine;
  notice?: string;
}

/** What the last computation left for hovering and drawing. */
interface Shown {
  view: number;
  overlay: ClassOverlay;
  terms: Map<MapLossId, MapTerms>;
}

export class App {
  private state: ViewState;
  private options: ViewOptions = DEFAULT_VIEW_OPTIONS;
  private readonly engines = new Engines();
  private loaded?: Loaded;
  private shown?: Shown;
  /** Inputs each layer image was built from; a layer is rebuilt only when one of them changes. */
  private readonly layerKeys = new Map<LayerId, readonly unknown[]>();
  private heatScale?: HeatScale;
  private sdfScale?: HeatScale;
  private lastValues?: ResultValues;
  private pendingSince: number | null = null;
  private running?: Promise<void>;

  private readonly toolbar: Toolbar;
  private readonly notices: HTMLElement;
  private readonly canvas: CanvasView;
  private readonly scale = new ColourScale();
  private readonly layersPanel: LayersPanel;
  private readonly readout = new Readout(MAP_LOSSES.map((id) => [id, LOSS_NAMES.get(id) ?? id] as const));
  private readonly witnessList: WitnessList;
  private readonly table: LossTable;
  private readonly help: HTMLElement;
  private readonly message: HTMLElement;

  constructor(
    root: HTMLElement,
    private readonly api: VsCodeApi,
  ) {
    this.state = restoreState(api.getState());
    this.toolbar = new Toolbar({
      classChanged: (c) => this.update(() => (this.state.classIndex = c)),
      thresholdChanged: (t) => this.userOptions({ threshold: t }),
      presetChanged: (preset) => this.userOptions({ preset }),
      mapLossChanged: (id) => this.selectMap(id),
      fit: () => this.canvas.fit(),
      copy: () => this.copy(),
      open: (which) => this.api.postMessage({ type: 'open', which }),
      swap: () => this.api.postMessage({ type: 'swap' }),
      resetParams: () => this.userOptions({ params: {} }),
      toggleHelp: () => (this.help.hidden = !this.help.hidden),
    });
    this.notices = h('div', { class: 'notices' });
    const canvasHost = h('div', { class: 'canvas-host' });
    this.message = h('div', { class: 'message', hidden: true });
    this.canvas = new CanvasView(canvasHost, {
      hover: (p) => this.hover(p),
      viewportChanged: (v) => {
        this.state.viewport = v;
        this.save();
      },
    });
    canvasHost.append(this.scale.root, this.message);
    this.layersPanel = new LayersPanel((id, s) => this.update(() => (this.state.layers[id] = s)));
    this.witnessList = new WitnessList((w) => this.canvas.centreOn(w.from[0], w.from[1]));
    this.table = new LossTable({
      paramChanged: (id, key, value) => this.userOptions({ params: { ...this.options.params, [id]: { ...this.options.params[id], [key]: value } } }),
      selectMap: (id) => this.selectMap(id),
    });
    this.help = h(
      'div',
      { class: 'help', hidden: true, role: 'dialog', 'aria-label': 'Keyboard shortcuts' },
      h('h3', {}, 'Shortcuts'),
      h(
        'ul',
        {},
        ...[
          'Wheel, + / −: zoom (down to single pixels)', 'Drag, arrow keys: pan', '0: fit to view',
          ...LAYERS.map((id, k) => `${k + 1}: toggle layer ${id}`), '?: this help',
          'Click a pixel-wise loss name: show its per-pixel contribution',
        ].map((t) => h('li', {}, t)),
      ),
    );
    const section = (title: string, body: HTMLElement) => h('section', {}, h('h2', {}, title), body);
    root.append(
      this.toolbar.root,
      this.notices,
      h(
        'div',
        { class: 'main' },
        canvasHost,
        h('aside', { class: 'side' },
          section('Layers', this.layersPanel.root),
          section('Pixel', this.readout.root),
          section('Hausdorff witnesses', this.witnessList.root),
          section('Values', this.table.root),
        ),
      ),
      this.help,
    );
    this.layersPanel.update(this.state.layers);
    this.canvas.setLayerState(this.state.layers);
    document.addEventListener('keydown', (e) => this.key(e));
    window.addEventListener('message', (e: MessageEvent<ToWebview>) => void this.receive(e.data));
    this.api.postMessage({ type: 'ready', protocol: PROTOCOL_VERSION });
  }

  /** Request id of the newest `load`, so an older one still starting gives way. */
  private latestLoad = -1;

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
        this.schedule();
        return;
      case 'clear':
        this.showMessage(msg.message);
        return;
      case 'hostError':
        this.showMessage(msg.message, true, msg.fix);
        return;
      case 'notice':
        this.notices.append(h('div', { class: 'notice warning', 'data-notice': 'host' }, msg.message));
        return;
    }
  }

  /** A message over the image; a host error may come with a fix the user can apply from here. */
  private showMessage(text: string, error = false, fix?: HostFix): void {
    this.message.hidden = false;
    this.message.classList.toggle('error', error);
    const actions: HTMLElement[] = [];
    if (fix) {
      const setting = 'maskInspector.ignoreIndex';
      const set = h('vscode-button', { 'data-action': 'set-ignore-index' }, `Set ${setting} to ${fix.ignoreIndex}`);
      set.addEventListener('click', () => this.api.postMessage({ type: 'setIgnoreIndex', value: fix.ignoreIndex }));
      const open = h('vscode-button', { secondary: true, 'data-action': 'open-setting' }, 'Open Setting');
      open.addEventListener('click', () => this.api.postMessage({ type: 'openSetting', setting }));
      actions.push(set, open);
    }
    this.message.replaceChildren(h('p', { class: 'message-text' }, text), ...(actions.length ? [h('div', { class: 'message-actions' }, ...actions)] : []));
  }

  private async load(requestId: number, payload: PairPayload, hostOptions: ViewOptions): Promise<void> {
    const start = performance.now();
    this.latestLoad = requestId;
    await this.running;
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
    const { engine, notice } = await this.engines.choose(payload.width, payload.height);
    // A newer pair arrived while the engine was starting: that one is shown, not this one.
    if (this.latestLoad !== requestId) return;
    engine.setPair(input);
    this.loaded = { payload, input, requestId, engine, notice };
    this.shown = undefined;
    this.layerKeys.clear();
    this.message.hidden = true;
    this.toolbar.setPair(payload.title ?? `${payload.predName} vs ${payload.gtName}`, payload.classNames, payload.mode, this.state.classIndex, payload.swapBlocked);
    this.toolbar.setBackend(engine.backend);
    this.readout.setMode(payload.mode);
    this.notices.replaceChildren(
      ...(notice ? [h('div', { class: 'notice warning', 'data-notice': 'fallback' }, notice)] : []),
      ...payload.warnings.map((w) => h('div', { class: 'notice' }, w)),
    );
    this.canvas.setImageSize(payload.width, payload.height, samePair ? this.state.viewport : undefined);
    this.schedule(start);
  }

  private fail(e: unknown, requestId?: number): void {
    const message = e instanceof Error ? e.message : String(e);
    this.notices.append(h('div', { class: 'notice error' }, message));
    this.api.postMessage({ type: 'error', message, ...(requestId === undefined ? {} : { requestId }) });
  }

  /** A control the user moved: recompute, and tell the host (it may persist the options). */
  private userOptions(change: Partial<ViewOptions>): void {
    this.options = { ...this.options, ...change };
    this.state.options = this.options;
    this.save();
    if (this.loaded) this.api.postMessage({ type: 'optionsChanged', key: this.loaded.payload.key, options: this.options });
    this.schedule();
  }

  private update(change: () => void): void {
    change();
    this.save();
    this.schedule();
  }

  private selectMap(id: MapLossId): void {
    this.update(() => {
      this.state.mapLoss = id;
      this.state.layers.heat = { ...this.state.layers.heat, on: true };
    });
  }

  /** Starts a computation now, or after the running one, from the earliest unserved change. */
  private schedule(since = performance.now()): void {
    this.pendingSince = Math.min(this.pendingSince ?? since, since);
    if (this.running) return;
    this.running = (async () => {
      while (this.pendingSince !== null) {
        const start = this.pendingSince;
        this.pendingSince = null;
        try {
          await this.refresh(start);
        } catch (e) {
          this.fail(e, this.loaded?.requestId);
        }
      }
      this.running = undefined;
    })();
  }

  private async refresh(start: number): Promise<void> {
    const loaded = this.loaded;
    if (!loaded) return;
    const { input, engine } = loaded;
    const multiclass = input.mode === 'multiclass';
    this.state.classIndex = Math.min(Math.max(0, this.state.classIndex), input.classes - 1);
    if (!multiclass) this.state.classIndex = 1;
    const o = resolveOptions(this.options);
    this.layersPanel.update(this.state.layers);
    this.toolbar.update({ classIndex: this.state.classIndex, threshold: o.threshold, preset: o.preset, mapLoss: this.state.mapLoss });

    const view = multiclass ? this.state.classIndex : 0;
    // Both are queued on the GPU before either is awaited: their readbacks overlap. (A failure of the
    // overlay surfaces where it is awaited; the catch only keeps it from being reported twice.)
    const overlayRead = engine.overlay(view, o);
    overlayRead.catch(() => undefined);
    const stats = await engine.stats(o);
    const values: ResultValues = multiclass ? evaluateClasses(stats, o) : { mode: 'binary', classes: 2, ...evaluateClass(stats[0], o) };
    this.table.update(values, o, multiclass ? this.state.classIndex : null, this.state.mapLoss, loaded.payload.classNames[this.state.classIndex]);
    const numbersMs = performance.now() - start;

    const overlay = await overlayRead;
    const terms = new Map(MAP_LOSSES.map((id) => [id, mapTerms(id, stats[view], overlay.field, o)]));
    this.shown = { view, overlay, terms };
    const witnesses = findWitnesses(overlay.predToGt, overlay.gtToPred, input.width, o.spacing, o.preset, o.hdPercentile);
    const oneEmpty = overlay.predToGt.index.length || overlay.gtToPred.index.length;
    this.witnessList.update(witnesses, oneEmpty ? 'One boundary is empty: HD is infinite.' : 'Both boundaries are empty: HD is undefined.');
    this.canvas.setWitnesses(witnesses);
    await this.buildLayers(loaded, view, overlay, terms, o);
    this.canvas.setLayerState(this.state.layers);
    this.canvas.draw();
    const drawnMs = performance.now() - start;
    this.lastValues = values;
    this.postResults(loaded, values, witnesses, { numbersMs, drawnMs });
  }

  /** (Re)builds the layers that are on and whose inputs changed. */
  private async buildLayers(loaded: Loaded, view: number, overlay: ClassOverlay, terms: Map<MapLossId, MapTerms>, o: ResolvedOptions): Promise<void> {
    const { width: w, height: hgt } = loaded.input;
    const on = (id: LayerId) => this.state.layers[id].on;
    const build = async (id: LayerId, key: readonly unknown[], make: () => ImageData | Promise<ImageData>) => {
      const old = this.layerKeys.get(id);
      if (!on(id) || (old && old.length === key.length && old.every((k, i) => Object.is(k, key[i])))) return;
      this.canvas.setLayer(id, await make());
      this.layerKeys.set(id, key);
    };
    await build('confusion', [overlay.y, overlay.hard], () => confusionImage(overlay, w, hgt));
    await build('contours', [overlay.predToGt], () => contourImage(overlay, w, hgt));
    await build('probability', [view], () => probabilityImage(this.classProb(view), w, hgt));
    await build('sdf', [overlay.dy2], () => {
      const r = heatImage(sdfValues(overlay), null, w, hgt);
      this.sdfScale = r.scale;
      return r.image;
    });
    await build('heat', [overlay.dy2, overlay.y, this.state.mapLoss, JSON.stringify(terms.get(this.state.mapLoss))], async () => {
      const map = await loaded.engine.lossMap(view, terms.get(this.state.mapLoss) as MapTerms, o);
      const r = heatImage(map, overlay.valid, w, hgt);
      this.heatScale = r.scale;
      return r.image;
    });
    let scale: { label: string; s: HeatScale } | null = null;
    if (on('heat') && this.heatScale) scale = { label: `${LOSS_NAMES.get(this.state.mapLoss)}: per-pixel contribution`, s: this.heatScale };
    else if (on('sdf') && this.sdfScale) scale = { label: 'Signed distance to the ground truth', s: this.sdfScale };
    this.scale.show(scale?.label ?? '', scale?.s ?? null);
  }

  /** The predicted probability of the class shown (the foreground of a binary pair). */
  private classProb(view: number): Float32Array | Float64Array {
    const { input } = this.loaded as Loaded;
    const n = input.width * input.height;
    return input.prob.subarray(view * n, (view + 1) * n);
  }

  private postResults(loaded: Loaded, values: ResultValues, witnesses: Witness[], timings: { numbersMs: number; drawnMs: number }): void {
    const numTensors = loaded.engine.numTensors();
    this.api.postMessage({
      type: 'results',
      requestId: loaded.requestId,
      key: loaded.payload.key,
      backend: loaded.engine.backend,
      ...(loaded.notice ? { notice: loaded.notice } : {}),
      values,
      classIndex: this.state.classIndex,
      witnesses,
      timings,
      ...(numTensors === undefined ? {} : { numTensors }),
    });
  }

  private hover(p: { x: number; y: number } | null): void {
    const loaded = this.loaded;
    const shown = this.shown;
    if (!p || !loaded || !shown) {
      this.readout.update(null);
      return;
    }
    const { input, payload } = loaded;
    const i = p.y * input.width + p.x;
    const n = input.width * input.height;
    const label = input.labels[i];
    const ignored = input.ignoreIndex !== undefined && label === input.ignoreIndex;
    const className = (c: number) => payload.classNames[c] ?? `class ${c}`;
    const { overlay, terms } = shown;
    const prob = this.classProb(shown.view)[i];
    let predicted: string | undefined;
    if (input.mode === 'multiclass') {
      predicted = className(argmaxAt(input.prob, input.classes, n, i));
    }
    const y = overlay.y[i];
    this.readout.update({
      x: p.x,
      y: p.y,
      label: ignored ? `ignored (${label})` : className(input.mode === 'binary' ? (label ? 1 : 0) : label),
      prob,
      predicted,
      sdf: signedDistance(overlay, i),
      contributions: ignored ? [] : MAP_LOSSES.map((id) => [id, LOSS_NAMES.get(id) ?? id, contribution(terms.get(id) as MapTerms, prob, y, overlay.dy2[i], overlay.dp2[i])]),
    });
  }

  private copy(): void {
    const loaded = this.loaded;
    if (!loaded) return;
    const o = this.options;
    const header = `# ${loaded.payload.title ?? `${loaded.payload.predName} vs ${loaded.payload.gtName}`}, preset ${o.preset}, threshold ${o.threshold}`;
    const values = this.lastValues;
    if (values) this.api.postMessage({ type: 'copy', text: LossTable.text(values, header) });
  }

  private key(e: KeyboardEvent): void {
    const t = e.target as HTMLElement | null;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName.startsWith('VSCODE-'))) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const pan = 40;
    switch (e.key) {
      case '+':
      case '=':
        this.canvas.zoomBy(1.25);
        break;
      case '-':
        this.canvas.zoomBy(0.8);
        break;
      case '0':
        this.canvas.fit();
        break;
      case 'ArrowLeft':
        this.canvas.panBy(pan, 0);
        break;
      case 'ArrowRight':
        this.canvas.panBy(-pan, 0);
        break;
      case 'ArrowUp':
        this.canvas.panBy(0, pan);
        break;
      case 'ArrowDown':
        this.canvas.panBy(0, -pan);
        break;
      case '?':
        this.help.hidden = !this.help.hidden;
        break;
      default: {
        const k = Number(e.key);
        if (!Number.isInteger(k) || k < 1 || k > LAYERS.length) return;
        const id = LAYERS[k - 1];
        this.update(() => (this.state.layers[id] = { ...this.state.layers[id], on: !this.state.layers[id].on }));
      }
    }
    e.preventDefault();
  }
}
