/**
 * Exact Euclidean distance transform (Felzenszwalb & Huttenlocher, "Distance Transforms of Sampled
 * Functions", 2012): a linear column scan, then the lower envelope of parabolas along each row (and,
 * for a volume, along each line through the slices: the transform is separable).
 * Exact to float rounding, with anisotropic pixel spacing. A transform can run on a box of the image
 * (when every feature and every pixel asked for lies in it, the result is the same), in place in the
 * full-size arrays, so a pair allocates one workspace and no crops.
 */
import { anySet, words, type Box } from './box';
import { squaredEdtInto3d, twoSided3d } from './edt3d';
import { boundaryByKernel, twoSidedByKernel } from './imageKernel';
import { lowerEnvelope, sampleEnvelope, sampleEnvelopeWhere } from './envelope';

export interface Grid {
  width: number;
  height: number;
  /** Pixel size along x (columns) and y (rows). */
  sx: number;
  sy: number;
  /** Slices of a volume (1 for an image) and their spacing. */
  depth?: number;
  sz?: number;
}

/**
 * Scratch buffers for transforms of one image (or any box of it), and grid-sized buffers for the
 * statistics of its pairs. A `reusable` workspace keeps the buffers given back to it for the next
 * taker: fresh memory costs a page fault per 4 KiB on first write, tens of milliseconds for the fields
 * and scratch of one 1024² pair, and as much again when the collector returns it.
 */
export class EdtWorkspace {
  readonly f: Float64Array;
  readonly v: Int32Array;
  readonly z: Float64Array;
  readonly queried: Uint8Array;
  /** Per row: 1 where it has a mask pixel (the two-sided transform's inside rows). */
  readonly rowsWithMask: Uint8Array;
  /** The two-sided transform's mask box: x0, x1, y0, y1. */
  readonly box = new Int32Array(4);
  /** Per slice of a volume: 1 where it has a feature (the two-sided transform's mask voxels)... */
  readonly slices: Uint8Array;
  /** ... and where it has background. */
  readonly slicesWithBackground: Uint8Array;
  /** Pixels (voxels) of the grid. */
  readonly size: number;
  private readonly spareF32: Float32Array[] = [];
  private readonly spareU8: Uint8Array[] = [];
  /**
   * `wasm`: an image's two-sided transforms and boundaries run in WebAssembly where it can (false: the
   * TypeScript ones always, which the tests hold the WebAssembly ones equal to).
   */
  constructor(
    readonly grid: Grid,
    readonly reusable = false,
    private readonly wasm = true,
  ) {
    const depth = grid.depth ?? 1;
    this.size = grid.width * grid.height * depth;
    const line = Math.max(grid.width, depth);
    this.queried = new Uint8Array(grid.height);
    this.rowsWithMask = new Uint8Array(grid.height);
    this.slices = new Uint8Array(depth);
    this.slicesWithBackground = new Uint8Array(depth);
    this.f = new Float64Array(line);
    this.v = new Int32Array(line);
    this.z = new Float64Array(line + 1);
  }

  private rowsBuffer?: Int32Array;

  /** Per pixel, the column pass's distance (made on first use: an image's WebAssembly transform has its own). */
  get rows(): Int32Array {
    return (this.rowsBuffer ??= new Int32Array(this.size));
  }

  /** Whether an image's transforms and boundaries go to the WebAssembly kernels. */
  get useKernels(): boolean {
    return this.wasm && (this.grid.depth ?? 1) === 1;
  }

  private slabBuffer = new Float32Array(0);

  /** A volume's in-slice squared distances of one row of every slice, line by line through the slices (`size` = lines × slices). */
  slab(size: number): Float32Array {
    if (this.slabBuffer.length < size) this.slabBuffer = new Float32Array(size);
    return this.slabBuffer;
  }

  private indexBuffer = new Int32Array(0);

  /** Scratch for `size` pixel indices. */
  indices(size: number): Int32Array {
    if (this.indexBuffer.length < size) this.indexBuffer = new Int32Array(size);
    return this.indexBuffer;
  }

  private boundBuffer = new Float64Array(0);

  /** Scratch for `size` bounds of searches. */
  bounds(size: number): Float64Array {
    if (this.boundBuffer.length < size) this.boundBuffer = new Float64Array(size);
    return this.boundBuffer;
  }

  private squaresTable = new Float64Array(0);
  private squaresKey = [-1, -1];

  /**
   * Squared distances r·r·s2 for column distances r < n, ∞ for n ≤ r ≤ 2n (a column pass's "none").
   * Kept for the next transform of the same length and spacing.
   */
  squares(n: number, s2: number): Float64Array {
    if (this.squaresKey[0] === n && this.squaresKey[1] === s2) return this.squaresTable;
    if (this.squaresTable.length < 2 * n + 1) this.squaresTable = new Float64Array(2 * n + 1);
    const t = this.squaresTable;
    for (let r = 0; r < n; r++) t[r] = r * r * s2;
    t.fill(Infinity, n, 2 * n + 1);
    this.squaresKey = [n, s2];
    return t;
  }

  get full(): Box {
    return { x0: 0, y0: 0, w: this.grid.width, h: this.grid.height, z0: 0, d: this.grid.depth ?? 1 };
  }

  /** A grid-sized Float32Array; its contents are whatever its last user left. */
  takeF32(): Float32Array {
    return this.spareF32.pop() ?? new Float32Array(this.size);
  }

  /** A grid-sized Uint8Array of zeros. */
  takeU8(): Uint8Array {
    return this.spareU8.pop()?.fill(0) ?? new Uint8Array(this.size);
  }

  /** Buffers their taker no longer reads (nor anyone it gave them to); kept only by a reusable workspace. */
  give(...buffers: Array<Float32Array | Uint8Array>): void {
    if (!this.reusable) return;
    for (const b of buffers) {
      if (b.length !== this.size) continue;
      if (b instanceof Float32Array) this.spareF32.push(b);
      else this.spareU8.push(b);
    }
  }
}

/** Grids up to this many pixels keep their workspace between pairs (a 2048² one holds ~80 MB). */
const KEEP_UP_TO = 2048 * 2048;
let kept: EdtWorkspace | undefined;

/**
 * A reusable workspace for `grid`: the last one when its grid is the same (a batch's pairs mostly
 * are), else a new one that replaces it. Its buffers belong to one computation at a time: a caller
 * gives back what it took before the next one starts, and nothing it took may outlive that.
 */
export function reusableWorkspace(grid: Grid): EdtWorkspace {
  const g = kept?.grid;
  if (g && g.width === grid.width && g.height === grid.height && g.sx === grid.sx && g.sy === grid.sy && (g.depth ?? 1) === (grid.depth ?? 1) && (g.sz ?? 1) === (grid.sz ?? 1)) {
    return kept as EdtWorkspace;
  }
  kept = undefined; // the old grid's buffers can go before the new ones are made
  const ws = new EdtWorkspace(grid, true);
  if (ws.size <= KEEP_UP_TO) kept = ws;
  return ws;
}

/**
 * Squared distance from each pixel of `box` with `mask[i] !== feature` to the nearest pixel of `box`
 * with `mask[i] === feature`, written into `out` at those pixels only (feature pixels are left as they
 * are, which lets the two sides of a mask share one field). Returns false, writing nothing, when no
 * pixel is a feature: the spec's EDT of such a mask is 0 everywhere. `query`, when given, marks the
 * only pixels asked for: a plane's rows without one may be left unwritten.
 */
export function squaredEdtInto(mask: Uint8Array, feature: 0 | 1, ws: EdtWorkspace, out: Float32Array, box: Box = ws.full, query?: Uint8Array): boolean {
  if ((box.d ?? 1) > 1) return squaredEdtInto3d(mask, feature, ws, out, box);
  const W = ws.grid.width;
  const { sx, sy } = ws.grid;
  const { x0, w, h } = box;
  // A box one slice deep is a plane: its 2-D transform is the volume's when all features lie in it.
  const y0 = (box.z0 ?? 0) * ws.grid.height + box.y0;
  const rows = ws.rows;
  // Pass 1: per column of the box, the row distance to the nearest feature (h or more: none, which
  // the squares table reads as ∞), in memory order.
  // A row without a pixel to write needs no envelope: for a small object, most rows of EDT(m).
  const queried = ws.queried;
  for (let y = 0; y < h; y++) {
    let q = 0;
    const m0 = (y0 + y) * W + x0;
    const r0 = y * w;
    if (y === 0) {
      for (let x = 0; x < w; x++) {
        const r = mask[m0 + x] === feature ? 0 : h;
        rows[x] = r;
        q |= r;
      }
    } else {
      for (let x = 0; x < w; x++) {
        const r = mask[m0 + x] === feature ? 0 : rows[r0 + x - w] + 1;
        rows[r0 + x] = r;
        q |= r;
      }
    }
    if (q && query) {
      q = 0;
      for (let x = 0; x < w && !q; x++) q = query[m0 + x];
    }
    queried[y] = q ? 1 : 0;
  }
  for (let i = (h - 1) * w - 1; i >= 0; i--) {
    const down = rows[i + w] + 1;
    if (down < rows[i]) rows[i] = down;
  }
  let any = false;
  for (let x = 0; x < w && !any; x++) any = rows[x] < h;
  if (!any) return false;

  // Pass 2: per row, lower envelope of the parabolas (sx·(q − p))² + f(p).
  const { f, v, z } = ws;
  const sx2 = sx * sx;
  const sq = ws.squares(h, sy * sy);
  for (let y = 0; y < h; y++) {
    if (!queried[y]) continue;
    const r0 = y * w;
    for (let q = 0; q < w; q++) f[q] = sq[rows[r0 + q]];
    sampleEnvelopeWhere(f, w, sx2, v, z, lowerEnvelope(f, w, sx2, v, z), out, (y0 + y) * W + x0, 1, mask, feature);
  }
  return true;
}

/**
 * Squared distance of every pixel to the other side of a binary mask: for a pixel inside, to the
 * nearest background pixel (EDT(m)); outside, to the nearest foreground pixel (EDT(¬m)). Since one
 * of the two is zero at any pixel, one field holds both. A side with no pixels contributes zeros.
 */
export function twoSidedSquaredEdt(mask: Uint8Array, ws: EdtWorkspace): Float32Array {
  const out = ws.takeF32();
  if ((ws.grid.depth ?? 1) > 1) return twoSided3d(mask, ws, out);
  const done = ws.useKernels ? twoSidedByKernel(mask, ws.grid, out) : undefined;
  if (done !== undefined) return done ? out : out.fill(0);
  return twoSided2d(mask, ws, out);
}

/**
 * `twoSidedSquaredEdt` of an image with one column pass for both sides: per column, the distance to
 * the nearest pixel of the other value serves the outside transform at background pixels and the
 * inside one at mask pixels (the nearest background in a column of the mask's box grown by one is the
 * nearest in the whole column). The row envelopes are those of the two transforms, the inside one on
 * the box's columns: the same values, bit for bit, with one column pass instead of two and no scan for the box.
 *
 * Each pass is a function of its own holding one loop: V8 optimises a long loop while it runs (on-stack
 * replacement) by compiling its whole function again for that loop, so one function of five loops cost
 * a dozen compiles of all of it per worker, and its code for one loop bailed out at the next.
 */
function twoSided2d(mask: Uint8Array, ws: EdtWorkspace, out: Float32Array): Float32Array {
  const { width: w, height: h, sx, sy } = ws.grid;
  const box = ws.box;
  // No mask pixel, or no background: every distance is 0.
  // Rows of whole 32-bit words of the mask: four pixels compared with the four above or below at once.
  const words = w % 4 === 0 && mask.byteOffset % 4 === 0 ? new Uint32Array(mask.buffer, mask.byteOffset, mask.length >> 2) : undefined;
  if (!columnsDown(mask, words, ws.rows, ws.rowsWithMask, ws.queried, w, h, box)) return out.fill(0);
  if (words) columnsUpByWords(mask, words, ws.rows, w, h);
  else columnsUp(mask, ws.rows, w, h);
  const sx2 = sx * sx;
  const sq = ws.squares(h, sy * sy);
  outsideRows(mask, ws, sq, sx2, out);
  insideRows(mask, ws, sq, sx2, box, out);
  return out;
}

/**
 * Pass 1, down: per pixel the distance to the nearest pixel of the other value above (h or more:
 * none); rows with mask pixels (hasFg), rows with background (hasBg) and the mask's box (x0, x1, y0,
 * y1 in `box`) on the way. False when the mask has no pixel or no background. With `words`, four
 * pixels whose mask equals the four above (most of them) just add one to the distances above.
 */
function columnsDown(mask: Uint8Array, words: Uint32Array | undefined, rows: Int32Array, hasFg: Uint8Array, hasBg: Uint8Array, w: number, h: number, box: Int32Array): boolean {
  let bx0 = w;
  let bx1 = -1;
  let by0 = h;
  let by1 = -1;
  let anyBg = 0;
  const ww = w >> 2;
  for (let y = 0; y < h; y++) {
    const r0 = y * w;
    let fg = 0;
    let all = 1;
    if (y === 0) {
      for (let x = 0; x < w; x++) {
        const m = mask[x];
        fg |= m;
        all &= m;
        rows[x] = h;
      }
    } else if (words) {
      let any = 0;
      let every = -1;
      for (let k = r0 >> 2; k < (r0 >> 2) + ww; k++) {
        const m = words[k];
        any |= m;
        every &= m;
        const i = k << 2;
        if (m === words[k - ww]) {
          rows[i] = rows[i - w] + 1;
          rows[i + 1] = rows[i + 1 - w] + 1;
          rows[i + 2] = rows[i + 2 - w] + 1;
          rows[i + 3] = rows[i + 3 - w] + 1;
        } else for (let j = i; j < i + 4; j++) rows[j] = mask[j - w] !== mask[j] ? 1 : rows[j - w] + 1;
      }
      fg = any !== 0 ? 1 : 0;
      all = every === 0x01010101 ? 1 : 0;
    } else {
      for (let i = r0; i < r0 + w; i++) {
        const m = mask[i];
        fg |= m;
        all &= m;
        rows[i] = mask[i - w] !== m ? 1 : rows[i - w] + 1;
      }
    }
    hasFg[y] = fg;
    hasBg[y] = all ^ 1;
    anyBg |= all ^ 1;
    if (fg) {
      if (y < by0) by0 = y;
      by1 = y;
      // The row's first and last mask pixels widen the box only outside it.
      for (let x = 0; x < bx0; x++) if (mask[r0 + x]) bx0 = x;
      for (let x = w - 1; x > bx1; x--) if (mask[r0 + x]) bx1 = x;
    }
  }
  box[0] = bx0;
  box[1] = bx1;
  box[2] = by0;
  box[3] = by1;
  return bx1 >= 0 && anyBg !== 0;
}

/** ... and up: the nearest below is the pixel below when it differs, else as far as its own plus one. */
function columnsUp(mask: Uint8Array, rows: Int32Array, w: number, h: number): void {
  for (let i = (h - 1) * w - 1; i >= 0; i--) {
    const d = mask[i + w] !== mask[i] ? 1 : rows[i + w] + 1;
    if (d < rows[i]) rows[i] = d;
  }
}

/** `columnsUp` four pixels at a time: where they equal the four below, no pixel of the mask needs reading. */
function columnsUpByWords(mask: Uint8Array, words: Uint32Array, rows: Int32Array, w: number, h: number): void {
  const ww = w >> 2;
  for (let k = (h - 1) * ww - 1; k >= 0; k--) {
    const i = k << 2;
    if (words[k] === words[k + ww]) {
      for (let j = i + 3; j >= i; j--) {
        const d = rows[j + w] + 1;
        if (d < rows[j]) rows[j] = d;
      }
    } else {
      for (let j = i + 3; j >= i; j--) {
        const d = mask[j + w] !== mask[j] ? 1 : rows[j + w] + 1;
        if (d < rows[j]) rows[j] = d;
      }
    }
  }
}

/**
 * Pass 2, outside: per row with background, the envelope of every pixel's parabola (0 on the mask,
 * the column distance elsewhere), written at every pixel of the row: the inside pass, after it,
 * writes every mask pixel again (each lies in its row's span), so no pixel needs a test here.
 */
function outsideRows(mask: Uint8Array, ws: EdtWorkspace, sq: Float64Array, sx2: number, out: Float32Array): void {
  const { width: w, height: h } = ws.grid;
  const { rows, queried: hasBg, f, v, z } = ws;
  for (let y = 0; y < h; y++) {
    if (!hasBg[y]) continue;
    const r0 = y * w;
    f[0] = mask[r0] ? 0 : sq[rows[r0]];
    f[w - 1] = mask[r0 + w - 1] ? 0 : sq[rows[r0 + w - 1]];
    for (let q = 1; q < w - 1; q++) {
      const i = r0 + q;
      f[q] = mask[i] ? (mask[i - 1] & mask[i + 1] ? Infinity : 0) : sq[rows[i]];
    }
    sampleEnvelope(f, w, sx2, v, z, lowerEnvelope(f, w, sx2, v, z), out, r0, 1);
  }
}

/**
 * Inside: per row with mask pixels, on the columns from its first mask pixel to its last grown by one
 * (0 off the mask). Any other pixel of the row is background with no mask pixel beside it in the row,
 * which has no parabola (∞): the same envelope on fewer columns (on blobs, 40% of the box's).
 */
function insideRows(mask: Uint8Array, ws: EdtWorkspace, sq: Float64Array, sx2: number, box: Int32Array, out: Float32Array): void {
  const w = ws.grid.width;
  const { rows, rowsWithMask: hasFg, f, v, z } = ws;
  const bx0 = box[0];
  const bx1 = box[1];
  for (let y = box[2]; y <= box[3]; y++) {
    if (!hasFg[y]) continue;
    const row = y * w;
    let a = bx0;
    while (!mask[row + a]) a++;
    let b = bx1;
    while (!mask[row + b]) b--;
    const x0 = a > 0 ? a - 1 : 0;
    const n = (b < w - 1 ? b + 1 : b) - x0 + 1;
    const r0 = row + x0;
    f[0] = mask[r0] ? sq[rows[r0]] : 0;
    f[n - 1] = mask[r0 + n - 1] ? sq[rows[r0 + n - 1]] : 0;
    for (let q = 1; q < n - 1; q++) {
      const i = r0 + q;
      f[q] = mask[i] ? sq[rows[i]] : mask[i - 1] | mask[i + 1] ? 0 : Infinity;
    }
    sampleEnvelopeWhere(f, n, sx2, v, z, lowerEnvelope(f, n, sx2, v, z), out, r0, 1, mask, 0);
  }
}

/** `boundary` of a mask of the workspace's grid, into a buffer taken from it (by the WebAssembly kernel where it runs). */
export function boundaryIn(mask: Uint8Array, ws: EdtWorkspace): Uint8Array {
  const out = ws.takeU8();
  const { width, height, depth = 1 } = ws.grid;
  return (ws.useKernels && boundaryByKernel(mask, width, height, out)) || boundary(mask, width, height, depth, out);
}

/**
 * Boundary of a binary mask: its pixels with a 4-neighbour (6 in a volume) outside it or off the image.
 * A volume one slice deep has no neighbours across slices, so it has the boundary of its image.
 * Written into `out` (zeros) when given.
 */
export function boundary(mask: Uint8Array, width: number, height: number, depth = 1, out: Uint8Array = new Uint8Array(width * height * depth)): Uint8Array {
  const plane = width * height;
  const m32 = words(mask);
  for (let z = 0; z < depth; z++) {
    const zEdge = depth > 1 && (z === 0 || z === depth - 1);
    for (let y = 0; y < height; y++) {
      const row = z * plane + y * width;
      // Most rows of a small object have none of it: one branch-free scan skips them.
      if (!anySet(mask, m32, row, row + width)) continue;
      const edge = zEdge || y === 0 || y === height - 1;
      if (depth > 1) {
        for (let x = 0; x < width; x++) {
          const i = row + x;
          if (!mask[i]) continue;
          if (edge || x === 0 || x === width - 1 || !mask[i - 1] || !mask[i + 1] || !mask[i - width] || !mask[i + width] || !mask[i - plane] || !mask[i + plane]) out[i] = 1;
        }
      } else {
        for (let x = 0; x < width; x++) {
          const i = row + x;
          if (!mask[i]) continue;
          if (edge || x === 0 || x === width - 1 || !mask[i - 1] || !mask[i + 1] || !mask[i - width] || !mask[i + width]) out[i] = 1;
        }
      }
    }
  }
  return out;
}
