/**
 * The image view: layers composited on one canvas with nearest-neighbour scaling (single pixels stay
 * crisp at any zoom), wheel zoom about the cursor, drag to pan, fit to view, and the Hausdorff
 * witnesses drawn as vectors on top.
 */
import type { Witness } from '../../src/shared/protocol';
import { LAYER_ORDER, type LayerId, type LayerState, type Viewport } from '../state';
import { css, WITNESS } from './colours';

const MAX_ZOOM = 64;

/** Draws a vector layer in screen space: screen (CSS px) = image · zoom + t; the context's transform is the identity. */
export type Painter = (ctx: CanvasRenderingContext2D, t: { zoom: number; tx: number; ty: number }, dpr: number) => void;

export interface CanvasViewEvents {
  /** The image pixel under the pointer, or null off the image. */
  hover(pixel: { x: number; y: number } | null): void;
  viewportChanged(v: Viewport): void;
}

export class CanvasView {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly layers = new Map<LayerId, HTMLCanvasElement>();
  private readonly painters = new Map<LayerId, Painter>();
  private witnesses: Witness[] = [];
  private width = 0;
  private height = 0;
  private vp: Viewport = { zoom: 1, cx: 0, cy: 0 };
  private layerState?: Record<LayerId, LayerState>;
  private drag?: { x: number; y: number; cx: number; cy: number };
  private frame = 0;

  constructor(
    private readonly host: HTMLElement,
    private readonly events: CanvasViewEvents,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'view-canvas';
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute('aria-label', 'Ground truth and prediction overlay');
    host.append(this.canvas);
    this.ctx = this.canvas.getContext('2d') as CanvasRenderingContext2D;
    new ResizeObserver(() => this.requestDraw()).observe(host);
    this.canvas.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
    this.canvas.addEventListener('pointerdown', (e) => this.onPointerDown(e));
    this.canvas.addEventListener('pointermove', (e) => this.onPointerMove(e));
    this.canvas.addEventListener('pointerup', () => (this.drag = undefined));
    this.canvas.addEventListener('pointerleave', () => this.events.hover(null));
  }

  get viewport(): Viewport {
    return { ...this.vp };
  }

  /** A new image; restores its saved viewport or fits it. */
  setImageSize(width: number, height: number, restore?: Viewport): void {
    this.width = width;
    this.height = height;
    if (restore) this.vp = { ...restore };
    else this.fit();
  }

  /** Replaces a layer's image (null: the layer has nothing to show). */
  setLayer(id: LayerId, image: ImageData | null): void {
    if (!image) {
      this.layers.delete(id);
      return;
    }
    let c = this.layers.get(id);
    if (!c) {
      c = document.createElement('canvas');
      this.layers.set(id, c);
    }
    c.width = image.width;
    c.height = image.height;
    (c.getContext('2d') as CanvasRenderingContext2D).putImageData(image, 0, 0);
  }

  /** A layer drawn as vectors over the images (below the witnesses), while it is on. */
  setPainter(id: LayerId, paint: Painter): void {
    this.painters.set(id, paint);
  }

  setWitnesses(w: Witness[]): void {
    this.witnesses = w;
  }

  setLayerState(s: Record<LayerId, LayerState>): void {
    this.layerState = s;
  }

  private cssSize(): { w: number; h: number } {
    return { w: this.host.clientWidth || 1, h: this.host.clientHeight || 1 };
  }

  /** Screen (CSS px, relative to the canvas) = image · zoom + t. */
  private transform(): { zoom: number; tx: number; ty: number } {
    const { w, h } = this.cssSize();
    return { zoom: this.vp.zoom, tx: w / 2 - this.vp.cx * this.vp.zoom, ty: h / 2 - this.vp.cy * this.vp.zoom };
  }

  fit(): void {
    const { w, h } = this.cssSize();
    if (!this.width || !this.height) return;
    this.vp = { zoom: Math.min(w / this.width, h / this.height), cx: this.width / 2, cy: this.height / 2 };
    this.changed();
  }

  /** Zooms by a factor about a screen point (default: the centre). */
  zoomBy(factor: number, at?: { x: number; y: number }): void {
    const t = this.transform();
    const { w, h } = this.cssSize();
    const p = at ?? { x: w / 2, y: h / 2 };
    const fitZoom = Math.min(w / Math.max(1, this.width), h / Math.max(1, this.height));
    const zoom = Math.min(MAX_ZOOM, Math.max(fitZoom / 4, this.vp.zoom * factor));
    const ix = (p.x - t.tx) / t.zoom;
    const iy = (p.y - t.ty) / t.zoom;
    this.vp = { zoom, cx: ix - (p.x - w / 2) / zoom, cy: iy - (p.y - h / 2) / zoom };
    this.changed();
  }

  /** Pans by a screen distance. */
  panBy(dx: number, dy: number): void {
    this.vp = { ...this.vp, cx: this.vp.cx - dx / this.vp.zoom, cy: this.vp.cy - dy / this.vp.zoom };
    this.changed();
  }

  /** Centres the view on an image point, zooming in to at least `minZoom`. */
  centreOn(x: number, y: number, minZoom = 4): void {
    this.vp = { zoom: Math.max(this.vp.zoom, minZoom), cx: x + 0.5, cy: y + 0.5 };
    this.changed();
  }

  /** Fits an inclusive pixel box in the view with a margin of a quarter of its size, zooming no further than single pixels allow. */
  zoomToBox(x0: number, y0: number, x1: number, y1: number): void {
    const { w, h } = this.cssSize();
    const bw = (x1 - x0 + 1) * 1.5;
    const bh = (y1 - y0 + 1) * 1.5;
    this.vp = { zoom: Math.min(MAX_ZOOM, w / bw, h / bh), cx: (x0 + x1 + 1) / 2, cy: (y0 + y1 + 1) / 2 };
    this.changed();
  }

  private changed(): void {
    this.events.viewportChanged(this.viewport);
    this.requestDraw();
  }

  requestDraw(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  /** Draws now (callers that time a redraw need it done, not scheduled). */
  draw(): void {
    const { w, h } = this.cssSize();
    const dpr = window.devicePixelRatio || 1;
    if (this.canvas.width !== Math.round(w * dpr) || this.canvas.height !== Math.round(h * dpr)) {
      this.canvas.width = Math.round(w * dpr);
      this.canvas.height = Math.round(h * dpr);
    }
    const ctx = this.ctx;
    const t = this.transform();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.imageSmoothingEnabled = false;
    ctx.setTransform(dpr * t.zoom, 0, 0, dpr * t.zoom, dpr * t.tx, dpr * t.ty);
    for (const id of LAYER_ORDER) {
      const s = this.layerState?.[id];
      const layer = this.layers.get(id);
      if (!s?.on || !layer || id === 'witnesses') continue;
      ctx.globalAlpha = s.opacity;
      ctx.drawImage(layer, 0, 0);
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    for (const [id, paint] of this.painters) {
      const s = this.layerState?.[id];
      if (!s?.on) continue;
      ctx.globalAlpha = s.opacity;
      paint(ctx, t, dpr);
    }
    const ws = this.layerState?.witnesses;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    if (ws?.on) {
      ctx.globalAlpha = ws.opacity;
      this.drawWitnesses(t);
    }
    ctx.globalAlpha = 1;
    this.canvas.dataset.transform = JSON.stringify(t);
  }

  private drawWitnesses(t: { zoom: number; tx: number; ty: number }): void {
    const ctx = this.ctx;
    const at = (p: readonly [number, number]) => [(p[0] + 0.5) * t.zoom + t.tx, (p[1] + 0.5) * t.zoom + t.ty] as const;
    ctx.font = '12px var(--vscode-font-family, sans-serif)';
    for (const w of this.witnesses) {
      const [x0, y0] = at(w.from);
      const [x1, y1] = at(w.to);
      for (const [width, colour] of [[4, 'rgba(0,0,0,0.7)'], [2, css(WITNESS)]] as const) {
        ctx.strokeStyle = colour;
        ctx.lineWidth = width;
        ctx.beginPath();
        ctx.moveTo(x0, y0);
        ctx.lineTo(x1, y1);
        ctx.stroke();
        ctx.beginPath();
        ctx.arc(x0, y0, 5, 0, 2 * Math.PI);
        ctx.stroke();
        ctx.strokeRect(x1 - 4, y1 - 4, 8, 8);
      }
      ctx.fillStyle = css(WITNESS);
      ctx.fillText(w.metric === 'hd' ? 'HD' : 'HD95', x0 + 7, y0 - 7);
    }
  }

  private pointerPixel(e: PointerEvent | WheelEvent): { sx: number; sy: number; x: number; y: number } {
    const r = this.canvas.getBoundingClientRect();
    const sx = e.clientX - r.left;
    const sy = e.clientY - r.top;
    const t = this.transform();
    return { sx, sy, x: Math.floor((sx - t.tx) / t.zoom), y: Math.floor((sy - t.ty) / t.zoom) };
  }

  private onWheel(e: WheelEvent): void {
    e.preventDefault();
    const p = this.pointerPixel(e);
    this.zoomBy(Math.exp(-e.deltaY * 0.0015), { x: p.sx, y: p.sy });
  }

  private onPointerDown(e: PointerEvent): void {
    if (e.button !== 0) return;
    this.canvas.setPointerCapture(e.pointerId);
    this.drag = { x: e.clientX, y: e.clientY, cx: this.vp.cx, cy: this.vp.cy };
  }

  private onPointerMove(e: PointerEvent): void {
    if (this.drag) {
      const d = this.drag;
      this.vp = { ...this.vp, cx: d.cx - (e.clientX - d.x) / this.vp.zoom, cy: d.cy - (e.clientY - d.y) / this.vp.zoom };
      this.changed();
    }
    const p = this.pointerPixel(e);
    this.events.hover(p.x >= 0 && p.y >= 0 && p.x < this.width && p.y < this.height ? { x: p.x, y: p.y } : null);
  }
}
