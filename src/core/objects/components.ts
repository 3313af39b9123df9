import { backwardOffsets, type Connectivity } from './connectivity';

/** Pixels along x, y and z; depth 1 for an image. */
export interface Grid {
  width: number;
  height: number;
  depth: number;
}

/** The connected objects of a value map (one object = connected pixels of one non-zero value). */
export interface Components {
  /** Object per pixel, 1…count in raster order of each object's first pixel; 0 where there is none. */
  ids: Int32Array;
  count: number;
  /** Per object (index id − 1): the value (class) it has. */
  value: Uint16Array;
  /** Per object: its pixels (voxels). */
  size: Float64Array;
  /** Per object: inclusive bounding box, six numbers x0, y0, z0, x1, y1, z1. */
  box: Int32Array;
}

/** Union-find over provisional labels; a root is the smallest label of its set. */
class LabelSets {
  private parent = new Int32Array(256);
  count = 0;

  make(): number {
    const l = ++this.count;
    if (l >= this.parent.length) {
      const grown = new Int32Array(this.parent.length * 2);
      grown.set(this.parent);
      this.parent = grown;
    }
    this.parent[l] = l;
    return l;
  }

  find(l: number): number {
    const p = this.parent;
    while (p[l] !== l) {
      p[l] = p[p[l]]; // path halving
      l = p[l];
    }
    return l;
  }

  union(a: number, b: number): number {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra < rb) this.parent[rb] = ra;
    else this.parent[ra] = rb;
    return Math.min(ra, rb);
  }
}

/** A row met before the current one (dy, dz), and whether its pixels at x ± 1 are neighbours too. */
interface BackRow {
  dy: number;
  dz: number;
  /** Diagonal neighbours along x join: a run [x0, x1] touches [x0 − 1, x1 + 1] of that row, else [x0, x1]. */
  wide: boolean;
}

/** The backward neighbours of a connectivity grouped by row: every such row holds its dx = 0 neighbour. */
function backRows(connectivity: Connectivity, depth: number): BackRow[] {
  const rows: BackRow[] = [];
  for (const [dx, dy, dz] of backwardOffsets(connectivity, depth)) {
    if (dy === 0 && dz === 0) continue; // the left neighbour: the run itself
    const row = rows.find((r) => r.dy === dy && r.dz === dz);
    if (row) row.wide ||= dx !== 0;
    else rows.push({ dy, dz, wide: dx !== 0 });
  }
  return rows;
}

/**
 * Labels the connected objects of `values` (0 = no object; each other value is its own object class,
 * so a class map is labelled in one pass for every class). Two passes with union-find in typed arrays,
 * linear in pixels, over runs: a run of one value along x is one provisional label, joined once to each
 * label it touches in the rows before it, so a blob costs a few operations per row, not per pixel.
 * Object ids follow the raster order of each object's first pixel, because the smallest provisional
 * label of a set is the one its first run made. `into`, when given, is where the ids go (a buffer of
 * the grid's size the caller reuses; it is cleared here).
 */
export function labelComponents(values: Uint8Array | Uint16Array, grid: Grid, connectivity: Connectivity, into?: Int32Array): Components {
  const { width: W, height: H, depth: D } = grid;
  const plane = W * H;
  const ids = into ? into.fill(0) : new Int32Array(plane * D);
  const rows = backRows(connectivity, D);
  const sets = new LabelSets();
  const words = zeroWords(values);
  // A row at a time, each a call of its own: short calls get the row's code optimised once, where a
  // loop over the whole map would have its function compiled again for each inner loop it ran hot in.
  for (let z = 0; z < D; z++) for (let y = 0; y < H; y++) labelRow(values, words, ids, rows, sets, grid, y, z);
  return relabel(ids, sets, values, words, grid);
}

/** Provisional labels of the runs of row y of slice z, joined to those they touch in `rows` before it. */
function labelRow(values: Uint8Array | Uint16Array, words: Uint32Array | undefined, ids: Int32Array, rows: BackRow[], sets: LabelSets, grid: Grid, y: number, z: number): void {
  const { width: W, height: H } = grid;
  const plane = W * H;
  const start = z * plane + y * W;
  for (let x = nextObject(values, words, start, 0, W); x < W; x = nextObject(values, words, start, x, W)) {
    const v = values[start + x];
    let end = x + 1; // the run is [x, end)
    while (end < W && values[start + end] === v) end++;
    let label = 0;
    for (let k = 0; k < rows.length; k++) {
      const { dy, dz, wide } = rows[k];
      if (y + dy < 0 || y + dy >= H || z + dz < 0) continue;
      const at = start + dy * W + dz * plane;
      const to = wide && end < W ? end + 1 : end;
      let seen = 0;
      for (let j = wide && x > 0 ? x - 1 : x; j < to; j++) {
        if (values[at + j] !== v) continue;
        const l = ids[at + j];
        if (l === seen) continue; // the same run of that row
        seen = l;
        label = label === 0 ? l : l === label ? label : sets.union(label, l);
      }
    }
    ids.fill(label === 0 ? sets.make() : label, start + x, start + end);
    x = end;
  }
}

/** A one-byte map's bytes as 32-bit words, for passing four zeros at once; undefined where it cannot be viewed so. */
function zeroWords(values: Uint8Array | Uint16Array): Uint32Array | undefined {
  return values instanceof Uint8Array && values.byteOffset % 4 === 0 ? new Uint32Array(values.buffer, values.byteOffset, values.length >> 2) : undefined;
}

/** The first x ≥ `x` of the row at `start` (W pixels) whose value is not 0, or W; whole zero words at a time where there are `words`. */
function nextObject(values: Uint8Array | Uint16Array, words: Uint32Array | undefined, start: number, x: number, W: number): number {
  if (words) {
    for (; x < W && (start + x) % 4 !== 0; x++) if (values[start + x] !== 0) return x;
    while (x + 4 <= W && words[(start + x) >> 2] === 0) x += 4;
  }
  while (x < W && values[start + x] === 0) x++;
  return x;
}

/**
 * Provisional labels → object ids 1…count (a root is never larger than its members, so it is numbered
 * first), measuring each object on the way: a run at a time, found in `values` as labelling found it
 * (one value, one provisional label).
 */
function relabel(ids: Int32Array, sets: LabelSets, values: Uint8Array | Uint16Array, words: Uint32Array | undefined, grid: Grid): Components {
  const { width: W, height: H, depth: D } = grid;
  const compact = new Int32Array(sets.count + 1);
  let count = 0;
  for (let l = 1; l <= sets.count; l++) {
    const r = sets.find(l);
    compact[l] = r === l ? ++count : compact[r];
  }
  const value = new Uint16Array(count);
  const size = new Float64Array(count);
  const box = new Int32Array(count * 6);
  const measured: Components = { ids, count, value, size, box };
  // A row at a time, as labelling went (see `labelComponents`).
  for (let z = 0; z < D; z++) for (let y = 0; y < H; y++) measureRow(measured, compact, values, words, W, (z * H + y) * W, y, z);
  return measured;
}

/** Row y of slice z (at `start`): its runs get their object ids, and their objects their value, size and box. */
function measureRow(c: Components, compact: Int32Array, values: Uint8Array | Uint16Array, words: Uint32Array | undefined, W: number, start: number, y: number, z: number): void {
  const { ids, value, size, box } = c;
  for (let x = nextObject(values, words, start, 0, W); x < W; x = nextObject(values, words, start, x, W)) {
    const v = values[start + x];
    let end = x + 1;
    while (end < W && values[start + end] === v) end++;
    const id = compact[ids[start + x]];
    ids.fill(id, start + x, start + end);
    const k = id - 1;
    const b = k * 6;
    if (size[k] === 0) {
      value[k] = v;
      box[b] = x;
      box[b + 3] = end - 1;
      box[b + 1] = box[b + 4] = y;
      box[b + 2] = box[b + 5] = z;
    } else {
      if (x < box[b]) box[b] = x;
      if (end - 1 > box[b + 3]) box[b + 3] = end - 1;
      if (y < box[b + 1]) box[b + 1] = y;
      if (y > box[b + 4]) box[b + 4] = y;
      box[b + 5] = z; // z only grows in raster order
    }
    size[k] += end - x;
    x = end;
  }
}

/** Class, size and bounding box of each object of an id map (ids 1…count, 0 = none). */
export function measureObjects(ids: Int32Array, count: number, values: ArrayLike<number>, grid: Grid): Components {
  const { width: W, height: H, depth: D } = grid;
  const value = new Uint16Array(count);
  const size = new Float64Array(count);
  const box = new Int32Array(count * 6);
  for (let z = 0, i = 0; z < D; z++)
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++, i++) {
        const id = ids[i];
        if (id === 0) continue;
        const k = id - 1;
        const b = k * 6;
        if (size[k]++ === 0) {
          value[k] = values[i];
          box[b] = box[b + 3] = x;
          box[b + 1] = box[b + 4] = y;
          box[b + 2] = box[b + 5] = z;
          continue;
        }
        if (x < box[b]) box[b] = x;
        if (x > box[b + 3]) box[b + 3] = x;
        if (y < box[b + 1]) box[b + 1] = y;
        if (y > box[b + 4]) box[b + 4] = y;
        box[b + 5] = z; // z only grows in raster order
      }
  return { ids, count, value, size, box };
}
