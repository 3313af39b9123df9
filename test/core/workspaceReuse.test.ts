/**
 * A reusable workspace hands out buffers that earlier statistics wrote: the distance fields, surface
 * distances and sums computed in them equal those of a fresh workspace, for masks that are empty,
 * full or neither (the transforms leave some pixels unwritten in each case), and `computePair`, which
 * keeps its workspace between pairs, gives every pair the numbers it gives it alone.
 */
import { describe, expect, it } from 'vitest';
import { EdtWorkspace, reusableWorkspace } from '../../src/core/distance/edt';
import { computePair, resolveOptions } from '../../src/core/engine';
import { objectValueMaps } from '../../src/core/objects/evaluate';
import { CpuClassStats, type ClassView } from '../../src/core/stats/cpuClassStats';
import type { PairInput } from '../../src/core/types';
import { randomPair, rng } from '../helpers/random';

const W = 23;
const H = 17;

function view(seed: number, kind: 'empty' | 'full' | 'blobs'): ClassView {
  const r = rng(seed);
  const n = W * H;
  const blob = () => {
    const b = { x: r() * W, y: r() * H, rad: 2 + r() * 6 };
    return Uint8Array.from({ length: n }, (_, i) => (Math.hypot((i % W) - b.x, Math.floor(i / W) - b.y) < b.rad ? 1 : 0));
  };
  const y = kind === 'empty' ? new Uint8Array(n) : kind === 'full' ? new Uint8Array(n).fill(1) : blob();
  const hard = kind === 'blobs' ? blob() : Uint8Array.from(y, (v) => 1 - v);
  return { width: W, height: H, p: Float32Array.from(hard, (h) => (h ? 0.7 : 0.1)), y, hard, valid: null };
}

const everything = (s: CpuClassStats) => {
  const d = s.distances;
  const out = { y: Array.from(d.y), hard: Array.from(d.hard), sums: s.sums, fields: s.fields };
  return { ...out, surface: [Array.from(s.surface.predToGt), Array.from(s.surface.gtToPred)] };
};

describe('reusable workspace', () => {
  it('buffers written by earlier statistics give the numbers of fresh ones', () => {
    const params = resolveOptions().sumParams;
    const grid = { width: W, height: H, sx: 1, sy: 1.5 };
    const ws = new EdtWorkspace(grid, true);
    // Dirty spares: what an earlier pair could have left.
    const dirty = [ws.takeF32(), ws.takeF32(), ws.takeF32(), ws.takeU8(), ws.takeU8(), ws.takeU8()];
    for (const b of dirty) b.fill(7);
    ws.give(...dirty);
    for (const [seed, kind] of [[1, 'empty'], [2, 'full'], [3, 'blobs'], [4, 'blobs'], [5, 'empty']] as const) {
      const v = view(seed, kind);
      const reused = new CpuClassStats(v, params, ws);
      const got = everything(reused);
      reused.releaseDistances();
      expect(got, `${kind} (seed ${seed})`).toEqual(everything(new CpuClassStats(v, params, new EdtWorkspace(grid))));
    }
  });

  it('computePair gives each pair of a batch its numbers alone', () => {
    const pair = (seed: number): PairInput => {
      const v = view(seed, 'blobs');
      return { width: W, height: H, mode: 'binary', classes: 2, labels: v.y, prob: v.p };
    };
    const alone = [11, 12, 13].map((s) => JSON.stringify(computePair(pair(s))));
    const batch = [11, 12, 13, 12, 11].map((s) => JSON.stringify(computePair(pair(s))));
    expect(batch).toEqual([alone[0], alone[1], alone[2], alone[1], alone[0]]);
    expect(reusableWorkspace({ ...{ width: W, height: H, sx: 1, sy: 1 }, depth: 1, sz: 1 })).toBe(reusableWorkspace({ width: W, height: H, sx: 1, sy: 1 }));
  });

  it("a binary pair's masks made by objectValueMaps give the numbers of the engine's own, ignored pixels too", () => {
    for (const seed of [21, 22, 23]) {
      const input = randomPair(seed, 31, 19);
      // Every seventh pixel ignored in one of the pairs.
      const withIgnore: PairInput = { ...input, labels: input.labels.map((v, i) => (i % 7 === 3 ? 255 : v)), ignoreIndex: 255 };
      for (const [what, pair] of [['plain', input], ['ignore index', withIgnore]] as const) {
        const maps = objectValueMaps(pair, 0.5);
        const given = { y: maps.gt as Uint8Array, hard: maps.pred as Uint8Array };
        const own = JSON.stringify(computePair(pair));
        expect(JSON.stringify(computePair(pair, {}, given)), `seed ${seed}, ${what}`).toBe(own);
        // The engine leaves the masks as it found them: the objects read them next.
        expect(given, `seed ${seed}, ${what}`).toEqual({ y: objectValueMaps(pair, 0.5).gt, hard: objectValueMaps(pair, 0.5).pred });
      }
    }
  });
});

