/**
 * MONAI's include_background=false on the losses over classes, by hand on a 2×2 pair of three classes:
 * labels 0 1 / 2 1, each pixel 1/2 on its own class and 1/4 on the two others. Per class c the soft
 * counts are tp = (0.5, 1, 0.5), Σp = (1.25, 1.5, 1.25), Σy = (1, 2, 1), and Σ_{label=c} −ln q_c =
 * (1, 2, 1)·ln 2. Powers of two keep every value exact up to the last logarithm.
 */
import { describe, expect, it } from 'vitest';
import { computePair, type EngineOptions } from '../../src/core/engine';
import { LOSSES } from '../../src/core/registry';
import type { PairInput } from '../../src/core/types';

const three: PairInput = {
  width: 2, height: 2, mode: 'multiclass', classes: 3, labels: Uint8Array.of(0, 1, 2, 1),
  // Channel-major [C, H, W].
  prob: Float64Array.of(0.5, 0.25, 0.25, 0.25, /* c1 */ 0.25, 0.5, 0.25, 0.5, /* c2 */ 0.25, 0.25, 0.5, 0.25),
};
const LN2 = Math.log(2);
const value = (input: PairInput, id: string, o: Partial<EngineOptions> = {}): number => {
  const v = computePair(input, { ...o, losses: [id] }).losses[id];
  expect(v.status).toBe('ok');
  return v.value as number;
};
const withBg = (id: string, input = three) => value(input, id);
const withoutBg = (id: string, input = three) => value(input, id, { includeBackground: false });

describe('include_background=false on a three-class pair', () => {
  // Dice loss per class with s = 1: 1 − (2tp + 1)/(Σp + Σy + 1) = 5/13, 1/3, 5/13.
  const dice = [5 / 13, 1 / 3, 5 / 13];

  it('categorical cross-entropy: channel 0 leaves the sum, N stays 4', () => {
    expect(withBg('ce')).toBeCloseTo((4 * LN2) / 4, 12);
    expect(withoutBg('ce')).toBeCloseTo((3 * LN2) / 4, 12);
    // include_background=true is the default.
    expect(value(three, 'ce', { includeBackground: true })).toBeCloseTo(LN2, 12);
  });

  it('dice-ce: the Dice part without the background, the cross-entropy over every channel (MONAI DiceCELoss)', () => {
    expect(withBg('dice-ce')).toBeCloseTo(LN2 + (dice[0] + dice[1] + dice[2]) / 3, 12);
    expect(withoutBg('dice-ce')).toBeCloseTo(LN2 + (dice[1] + dice[2]) / 2, 12);
    // So it is not ce + dice once the background is left out.
    expect(withoutBg('dice-ce')).not.toBeCloseTo(withoutBg('ce') + withoutBg('dice'), 3);
  });

  it('exp-log: both terms and the class-frequency weights without the background', () => {
    const g = 0.3;
    const diceTerm = (cs: number[]) => cs.reduce((a, c) => a + (-Math.log(1 - dice[c])) ** g, 0) / cs.length;
    const a = LN2 ** g;
    // f = (1, 2, 1): w = sqrt(4/f) = (2, √2, 2); the term Σ_{label=c}(−ln q_c)^γ is (a, 2a, a).
    const ceAll = (2 * a + Math.SQRT2 * 2 * a + 2 * a) / 4;
    expect(withBg('exp-log')).toBeCloseTo(0.8 * diceTerm([0, 1, 2]) + 0.2 * ceAll, 12);
    // Foreground f = (2, 1): w = (sqrt(3/2), sqrt(3)); still over N = 4 pixels.
    const ceFg = (Math.sqrt(1.5) * 2 * a + Math.sqrt(3) * a) / 4;
    expect(withoutBg('exp-log')).toBeCloseTo(0.8 * diceTerm([1, 2]) + 0.2 * ceFg, 12);
  });

  it('generalized Dice: w_c = 1/(Σy_c)² over classes 1 and 2', () => {
    const s = 1e-5;
    const w = [1, 1 / 4, 1];
    const tp = [0.5, 1, 0.5];
    const den = [2.25, 3.5, 2.25];
    const gd = (cs: number[]) => 1 - (2 * cs.reduce((x, c) => x + w[c] * tp[c], 0) + s) / (cs.reduce((x, c) => x + w[c] * den[c], 0) + s);
    expect(withBg('generalized-dice')).toBeCloseTo(gd([0, 1, 2]), 12);
    expect(withoutBg('generalized-dice')).toBeCloseTo(gd([1, 2]), 12);
  });

  it('dice, and every class-mean loss, is the mean over classes 1 and 2', () => {
    expect(withBg('dice')).toBeCloseTo((dice[0] + dice[1] + dice[2]) / 3, 12);
    expect(withoutBg('dice')).toBeCloseTo((dice[1] + dice[2]) / 2, 12);
    const all = computePair(three, { includeBackground: false });
    for (const l of LOSSES.filter((m) => !m.multiclass)) {
      const per = [1, 2].map((c) => all.perClass![String(c)].losses[l.id].value as number);
      expect(all.losses[l.id].value, l.id).toBeCloseTo((per[0] + per[1]) / 2, 12);
    }
  });

  it('per class, only the two-class losses change: class c against the rest keeps channel c alone', () => {
    const off = computePair(three, { includeBackground: false }).perClass!;
    const on = computePair(three).perClass!;
    for (const c of ['0', '1', '2']) {
      const twoClass = ['exp-log', 'generalized-dice'];
      for (const l of LOSSES) if (!twoClass.includes(l.id)) expect(off[c].losses[l.id], `${l.id} class ${c}`).toEqual(on[c].losses[l.id]);
      for (const id of twoClass) expect(off[c].losses[id].value, `${id} class ${c}`).not.toBeCloseTo(on[c].losses[id].value as number, 3);
      expect(off[c].metrics).toEqual(on[c].metrics);
    }
  });
});

describe('include_background=false on a binary pair', () => {
  // p = 1/2, 1/4 on the foreground pixels, 1/4, 1/2 on the background: the classes {1 − p, p}.
  const binary: PairInput = { width: 2, height: 2, mode: 'binary', classes: 2, labels: Uint8Array.of(1, 1, 0, 0), prob: Float64Array.of(0.5, 0.25, 0.25, 0.5) };

  it('exp-log keeps the foreground channel alone (as generalized Dice does)', () => {
    const g = 0.3;
    // Foreground: tp = 0.75, Σp = 1.5, Σy = 2; background (1 − p): tp = 1.25, Σp = 2.5, Σy = 2.
    const diceFg = (2 * 0.75 + 1) / (1.5 + 2 + 1);
    const diceBg = (2 * 1.25 + 1) / (2.5 + 2 + 1);
    const ceFg = LN2 ** g + (2 * LN2) ** g; // −ln 1/2, −ln 1/4
    const ceBg = Math.log(4 / 3) ** g + LN2 ** g; // −ln 3/4, −ln 1/2
    // With the background f = (2, 2): w = sqrt(4/2) for both; without it w = 1.
    const both = 0.8 * ((-Math.log(diceBg)) ** g + (-Math.log(diceFg)) ** g) / 2 + 0.2 * (Math.SQRT2 * (ceFg + ceBg)) / 4;
    expect(withBg('exp-log', binary)).toBeCloseTo(both, 12);
    expect(withoutBg('exp-log', binary)).toBeCloseTo(0.8 * (-Math.log(diceFg)) ** g + 0.2 * ceFg / 4, 12);
  });

  it('a single-channel loss is unchanged, as MONAI ignores the flag for one channel', () => {
    for (const id of ['ce', 'dice-ce', 'dice', 'focal', 'combo']) expect(withoutBg(id, binary), id).toBe(withBg(id, binary));
  });
});
