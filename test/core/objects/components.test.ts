import { describe, expect, it } from 'vitest';
import { labelComponents, measureObjects } from '../../../src/core/objects/components';
import { backwardOffsets, CONNECTIVITIES, type Connectivity } from '../../../src/core/objects/connectivity';
import { rng } from '../../helpers/random';
import { fromRows } from './grid';

const label = (rows: string[], c: Connectivity) => {
  const g = fromRows(rows);
  return labelComponents(g.values, g, c);
};
const idRows = (rows: string[], c: Connectivity) => {
  const g = fromRows(rows);
  const ids = labelComponents(g.values, g, c).ids;
  return Array.from({ length: g.height * g.depth }, (_, r) => Array.from(ids.subarray(r * g.width, (r + 1) * g.width)).join(''));
};

/** Flood fill from each unlabelled pixel in raster order: the definition the two-pass labelling must equal. */
function floodFill(values: Uint16Array, w: number, h: number, d: number, c: Connectivity): Int32Array {
  const ids = new Int32Array(values.length);
  const all = [...backwardOffsets(c, d), ...backwardOffsets(c, d).map(([x, y, z]) => [-x, -y, -z] as const)];
  let next = 0;
  for (let s = 0; s < values.length; s++) {
    if (!values[s] || ids[s]) continue;
    ids[s] = ++next;
    const stack = [s];
    while (stack.length) {
      const i = stack.pop() as number;
      const x = i % w;
      const y = Math.floor(i / w) % h;
      const z = Math.floor(i / (w * h));
      for (const [dx, dy, dz] of all) {
        const [nx, ny, nz] = [x + dx, y + dy, z + dz];
        if (nx < 0 || ny < 0 || nz < 0 || nx >= w || ny >= h || nz >= d) continue;
        const j = nx + ny * w + nz * w * h;
        if (values[j] !== values[i] || ids[j]) continue;
        ids[j] = next;
        stack.push(j);
      }
    }
  }
  return ids;
}

describe('connected components', () => {
  it('joins diagonal neighbours with 8-connectivity and keeps them apart with 4', () => {
    const rows = ['##..', '##..', '..##', '..##'];
    expect(label(rows, 8).count).toBe(1);
    expect(idRows(rows, 4)).toEqual(['1100', '1100', '0022', '0022']);
    // 6 and 18/26 on an image are 4 and 8.
    expect(label(rows, 6).count).toBe(2);
    expect(label(rows, 18).count).toBe(1);
  });

  it('merges provisional labels that meet later (U shapes, a spiral), numbering objects by their first pixel', () => {
    expect(idRows(['#.#.#', '#.#.#', '#####'], 4)).toEqual(['10101', '10101', '11111']);
    expect(idRows(['#.#.#', '#.#.#', '###.#', '....#', '#####'], 4)).toEqual(['10102', '10102', '11102', '00002', '22222']);
    expect(idRows(['#.#.#', '.#.#.', '#....'], 8)).toEqual(['10101', '01010', '10000']);
    expect(idRows(['#####', '....#', '###.#', '#...#', '#####'], 4)).toEqual(['11111', '00001', '11101', '10001', '11111']);
  });

  it('gives each class its own objects, even where two classes touch', () => {
    const c = label(['1122', '1122', '..2.', '3...'], 8);
    expect(c.count).toBe(3);
    expect(Array.from(c.value)).toEqual([1, 2, 3]);
    expect(Array.from(c.size)).toEqual([4, 5, 1]);
  });

  it('measures size and an inclusive bounding box, objects on the border included', () => {
    const c = label(['#...#', '#...#', '...##'], 8);
    expect(c.count).toBe(2);
    expect(Array.from(c.size)).toEqual([2, 4]);
    expect(Array.from(c.box)).toEqual([0, 0, 0, 0, 1, 0, 3, 0, 0, 4, 2, 0]);
  });

  it('an empty map has no objects; a full one has one', () => {
    expect(label(['...', '...'], 8).count).toBe(0);
    const full = label(['###', '###'], 4);
    expect(full.count).toBe(1);
    expect(full.size[0]).toBe(6);
  });

  it('in a volume: face, edge and corner neighbours across slices under 6, 18 and 26', () => {
    const corner = ['#.', '..', '', '..', '.#'];
    expect(label(corner, 26).count).toBe(1);
    expect(label(corner, 18).count).toBe(2);
    expect(label(corner, 6).count).toBe(2);
    const edge = ['#.', '..', '', '.#', '..'];
    expect(label(edge, 18).count).toBe(1);
    expect(label(edge, 6).count).toBe(2);
    const face = ['#.', '..', '', '#.', '..'];
    expect(label(face, 6).count).toBe(1);
    // 4 and 8 on a volume are 6 and 26.
    expect(label(corner, 8).count).toBe(1);
    expect(label(edge, 4).count).toBe(2);
    const c = label(['.#', '..', '', '.#', '.#'], 6);
    expect(Array.from(c.box)).toEqual([1, 0, 0, 1, 1, 1]);
    expect(c.size[0]).toBe(3);
  });

  it('equals a flood fill on random class maps and volumes, for every connectivity, and measures as pixel by pixel', () => {
    const r = rng(13);
    for (let t = 0; t < 60; t++) {
      const w = 1 + Math.floor(r() * 20);
      const h = 1 + Math.floor(r() * 20);
      const d = t % 2 ? 1 : 1 + Math.floor(r() * 6);
      const density = r();
      const classes = 1 + Math.floor(r() * 3);
      const values = Uint16Array.from({ length: w * h * d }, () => (r() < density ? 1 + Math.floor(r() * classes) : 0));
      for (const c of CONNECTIVITIES) {
        const got = labelComponents(values, { width: w, height: h, depth: d }, c);
        const want = floodFill(values, w, h, d, c);
        expect(got.ids).toEqual(want);
        expect(got.count).toBe(Math.max(0, ...want));
        // Measured run by run: the same as pixel by pixel.
        const measured = measureObjects(got.ids, got.count, values, { width: w, height: h, depth: d });
        expect([got.value, got.size, got.box]).toEqual([measured.value, measured.size, measured.box]);
        // Into a reused buffer that still holds another map's ids: the same result.
        expect(labelComponents(values, { width: w, height: h, depth: d }, c, new Int32Array(values.length).fill(7))).toEqual(got);
        // One byte a pixel (zeros passed four at a time), at every alignment of the bytes: the same objects.
        const bytes = new Uint8Array(values.length + 3);
        for (let offset = 0; offset < 4; offset++) {
          const view = bytes.subarray(offset, offset + values.length);
          view.set(values);
          expect(labelComponents(view, { width: w, height: h, depth: d }, c)).toEqual(got);
        }
      }
    }
  });
});
