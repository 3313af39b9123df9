/** Builds the canvas's layer images, each only when it is on and one of the inputs it was built from changed. */
import type { ResolvedOptions } from '../../src/core/engine';
import type { PairInput } from '../../src/core/types';
import type { MapLossId, MapTerms } from '../engine/pixelLoss';
import type { ClassOverlay } from '../engine/types';
import type { CanvasView } from '../render/canvasView';
import type { HeatScale } from '../render/colours';
import { heatImage, probabilityImage, sdfValues } from '../render/layers';
import type { LayerId, LayerState } from '../state';
import type { ColourScale } from '../ui/colourScale';
import { classProb, type Loaded } from './loaded';
import { LOSS_NAMES } from './lossNames';
import { MaskLayers } from './maskLayers';

export class LayerBuilder {
  /** Inputs each layer image was built from; a layer is rebuilt only when one of them changes. */
  private readonly keys = new Map<LayerId, readonly unknown[]>();
  private heatScale?: HeatScale;
  private sdfScale?: HeatScale;
  private readonly masks = new MaskLayers();

  constructor(
    private readonly canvas: CanvasView,
    private readonly scale: ColourScale,
  ) {}

  /** A new pair: every layer is built again. */
  clear(): void {
    for (const id of this.keys.keys()) this.canvas.setLayer(id, null);
    this.keys.clear();
    this.masks.clear();
  }

  /** Whether a layer is off, or was built from these inputs. */
  private current(layers: Record<LayerId, LayerState>, id: LayerId, key: readonly unknown[]): boolean {
    const old = this.keys.get(id);
    return !layers[id].on || (old !== undefined && old.length === key.length && old.every((k, i) => Object.is(k, key[i])));
  }

  /**
   * (Re)builds the layers of the masks alone (confusion, boundaries) from the pair itself, at once and
   * before the engine has a number; true when one changed (the canvas is then worth drawing).
   */
  buildMasks(input: PairInput, view: number, threshold: number, layers: Record<LayerId, LayerState>): boolean {
    const key = [input, view, threshold];
    let changed = false;
    for (const id of ['confusion', 'contours'] as const) {
      if (this.current(layers, id, key)) continue;
      this.canvas.setLayer(id, id === 'confusion' ? this.masks.confusion(input, threshold, view) : this.masks.contours(input, threshold, view));
      this.keys.set(id, key);
      changed = true;
    }
    return changed;
  }

  /** (Re)builds the engine's layers that are on and whose inputs changed, and shows the colour scale of the heat or SDF layer. */
  async build(
    loaded: Loaded,
    view: number,
    overlay: ClassOverlay,
    terms: Map<MapLossId, MapTerms>,
    o: ResolvedOptions,
    layers: Record<LayerId, LayerState>,
    mapLoss: MapLossId,
  ): Promise<void> {
    const { width: w, height: hgt } = loaded.input;
    const on = (id: LayerId) => layers[id].on;
    const build = async (id: LayerId, key: readonly unknown[], make: () => ImageData | Promise<ImageData>) => {
      if (this.current(layers, id, key)) return;
      this.canvas.setLayer(id, await make());
      this.keys.set(id, key);
    };
    await build('probability', [view], () => probabilityImage(classProb(loaded.input, view), w, hgt));
    await build('sdf', [overlay.dy2], () => {
      const r = heatImage(sdfValues(overlay), null, w, hgt);
      this.sdfScale = r.scale;
      return r.image;
    });
    await build('heat', [overlay.dy2, overlay.y, mapLoss, JSON.stringify(terms.get(mapLoss))], async () => {
      const map = await loaded.engine.lossMap(view, terms.get(mapLoss) as MapTerms, o);
      const r = heatImage(map, overlay.valid, w, hgt);
      this.heatScale = r.scale;
      return r.image;
    });
    let scale: { label: string; s: HeatScale } | null = null;
    if (on('heat') && this.heatScale) scale = { label: `${LOSS_NAMES.get(mapLoss)}: per-pixel contribution`, s: this.heatScale };
    else if (on('sdf') && this.sdfScale) scale = { label: 'Signed distance to the ground truth', s: this.sdfScale };
    this.scale.show(scale?.label ?? '', scale?.s ?? null);
  }
}
