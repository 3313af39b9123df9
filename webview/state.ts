/** The view state kept across a hidden panel's reload (VS Code's getState/setState), and its defaults. */
import type { ViewOptions } from '../src/shared/protocol';
import { isViewOptions } from '../src/shared/protocol';
import { isMapLoss, type MapLossId } from './engine/pixelLoss';
import { isObjectSort, type ObjectSort } from './objects/objectRows';

/** In drawing order is LAYER_ORDER; the keys 1–7 toggle them in this order. */
export const LAYERS = ['confusion', 'contours', 'sdf', 'heat', 'witnesses', 'probability', 'objects'] as const;
export type LayerId = (typeof LAYERS)[number];
export const LAYER_ORDER: readonly LayerId[] = ['probability', 'sdf', 'heat', 'confusion', 'contours', 'objects', 'witnesses'];

export const LAYER_LABELS: Record<LayerId, string> = {
  confusion: 'TP / FP / FN',
  contours: 'Boundaries',
  sdf: 'Signed distance (GT)',
  heat: 'Loss heat map',
  witnesses: 'Hausdorff witnesses',
  probability: 'Prediction (probability)',
  objects: 'Objects (matched, missed, extra)',
};

export interface LayerState {
  on: boolean;
  opacity: number;
}

/** Zoom in screen pixels per image pixel, and the image point at the view's centre. */
export interface Viewport {
  zoom: number;
  cx: number;
  cy: number;
}

export interface ViewState {
  /** The pair the per-pair parts (options, class, viewport) belong to. */
  key?: string;
  options?: ViewOptions;
  classIndex: number;
  mapLoss: MapLossId;
  layers: Record<LayerId, LayerState>;
  viewport?: Viewport;
  /** The object list's order, for every pair. */
  objectSort: ObjectSort;
}

export const defaultLayers = (): Record<LayerId, LayerState> => ({
  confusion: { on: true, opacity: 0.7 },
  contours: { on: true, opacity: 1 },
  sdf: { on: false, opacity: 0.8 },
  heat: { on: false, opacity: 0.85 },
  witnesses: { on: true, opacity: 1 },
  probability: { on: true, opacity: 1 },
  // Off until asked for (or an object is picked in the list): the outlines sit on the boundaries layer's.
  objects: { on: false, opacity: 1 },
});

export const defaultState = (): ViewState => ({ classIndex: 1, mapLoss: 'ce', layers: defaultLayers(), objectSort: 'size' });

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A saved state, checked field by field (anything odd falls back to its default). */
export function restoreState(saved: unknown): ViewState {
  const s = defaultState();
  if (!isObj(saved)) return s;
  if (typeof saved.key === 'string') s.key = saved.key;
  if (isViewOptions(saved.options)) s.options = saved.options;
  if (Number.isInteger(saved.classIndex) && (saved.classIndex as number) >= 0) s.classIndex = saved.classIndex as number;
  if (typeof saved.mapLoss === 'string' && isMapLoss(saved.mapLoss)) s.mapLoss = saved.mapLoss;
  if (isObjectSort(saved.objectSort)) s.objectSort = saved.objectSort;
  if (isObj(saved.layers))
    for (const id of LAYERS) {
      const l = saved.layers[id];
      if (isObj(l) && typeof l.on === 'boolean' && finite(l.opacity)) s.layers[id] = { on: l.on, opacity: Math.min(1, Math.max(0, l.opacity)) };
    }
  const v = saved.viewport;
  if (isObj(v) && finite(v.zoom) && v.zoom > 0 && finite(v.cx) && finite(v.cy)) s.viewport = { zoom: v.zoom, cx: v.cx, cy: v.cy };
  return s;
}
