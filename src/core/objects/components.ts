import { backwardOffsets, type Connectivity, type Offset } from './connectivity';

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

/**
 * Labels the connected objects of `values` (0 = no object; each other value is its own object class,
 * so a class map is labelled in one pass for every class). Two passes with union-find in typed arrays:
 * linear in pixels. Object ids follow the raster order of each object's first pixel, because the
 * smallest provisional label of a set is the one its first pixel made.
 */
export function labelComponents(values: Uint8Array | Uint16Array, grid: Grid, connectivity: Connectivity): Components {
  const { width: W, height: H, depth: D } = grid;
  const plane = W * H;
  const ids = new Int32Array(plane * D);
  // The left neighbour is checked first: when it shares the value, every neighbour that is also its
  // backward neighbour is already in its set, and only the rest (`afterLeft`) needs a look.
  const all = backwardOffsets(connectivity, D).filter(([dx, dy, dz]) => !(dx === -1 && dy === 0 && dz === 0));
  const isBackward = (o: Offset) => all.some((b) => b[0] === o[0] && b[1] === o[1] && b[2] === o[2]) || (o[0] === -1 && o[1] === 0 && o[2] === 0);
  const afterLeft = all.filter(([dx, dy, dz]) => !isBackward([dx + 1, dy, dz]));
  const lists = [all, afterLeft].map((offsets) => ({
    dx: Int32Array.from(offsets, (o) => o[0]),
    dy: Int32Array.from(offsets, (o) => o[1]),
    dz: Int32Array.from(offsets, (o) => o[2]),
    delta: Int32Array.from(offsets, ([dx, dy, dz]) => dx + dy * W + dz * plane),
  }));
  const sets = new LabelSets();
  for (let z = 0, i = 0; z < D; z++)
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++, i++) {
        const v = values[i];
        if (v === 0) continue;
        const leftSame = x > 0 && values[i - 1] === v;
        let label = leftSame ? ids[i - 1] : 0;
        const { dx, dy, dz, delta } = lists[leftSame ? 1 : 0];
        for (let k = 0; k < delta.length; k++) {
          const nx = x + dx[k];
          const ny = y + dy[k];
          if (nx < 0 || nx >= W || ny < 0 || ny >= H || z + dz[k] < 0) continue;
          const j = i + delta[k];
          if (values[j] !== v) continue;
          const l = ids[j];
          label = label === 0 ? l : l === label ? label : sets.union(label, l);
        }
        ids[i] = label === 0 ? sets.make() : label;
      }

  // Provisional label → object id; a root is never larger than its members, so it is numbered first.
  const compact = new Int32Array(sets.count + 1);
  let count = 0;
  for (let l = 1; l <= sets.count; l++) {
    const r = sets.find(l);
    compact[l] = r === l ? ++count : compact[r];
  }
  for (let i = 0; i < ids.length; i++) ids[i] = compact[ids[i]];
  return measureObjects(ids, count, values, grid);
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
