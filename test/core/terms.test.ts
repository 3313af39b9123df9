/**
 * The term declarations' background swaps: the sums of the background problem (1 − p, 1 − y, not
 * hard), computed from its own pixels, equal `backgroundSums` of the foreground's, for every term.
 */
import { describe, expect, it } from 'vitest';
import { classViews, resolveOptions } from '../../src/core/engine';
import { EdtWorkspace } from '../../src/core/distance/edt';
import { CpuClassStats } from '../../src/core/stats/cpuClassStats';
import { backgroundSums } from '../../src/core/stats/terms/cpu';
import { SUM_TERMS } from '../../src/core/stats/terms/sums';
import { loadReferenceCase, referenceCases } from '../helpers/reference';

describe('background sums', () => {
  it.each(referenceCases().filter((n) => n !== 'multiclass-3'))('%s: every term of the background problem', (name) => {
    const { input } = loadReferenceCase(name);
    const o = resolveOptions({ params: { focal: { gamma: 1.5 }, 'exp-log': { ceGamma: 0.7 } } });
    const [v] = classViews({ ...input, probCodes: undefined }, o.threshold);
    const ws = new EdtWorkspace({ width: v.width, height: v.height, sx: 1, sy: 1 });
    const fg = new CpuClassStats(v, o.sumParams, ws).sums;
    const notValid = (i: number) => !!v.valid && !v.valid[i];
    const bgView = {
      ...v,
      p: Float64Array.from(v.p, (x) => 1 - x),
      y: Uint8Array.from(v.y, (y, i) => (notValid(i) ? 0 : 1 - y)),
      hard: Uint8Array.from(v.hard, (h, i) => (notValid(i) ? 0 : 1 - h)),
    };
    const bg = new CpuClassStats(bgView, o.sumParams, ws).sums;
    const swapped = backgroundSums(fg);
    for (const k of Object.keys(SUM_TERMS) as Array<keyof typeof SUM_TERMS>) {
      // 1 − p is not exact in floating point: ln(clip(1 − p)) of the foreground and ln q of the background differ by rounding.
      expect(Math.abs(swapped[k] - bg[k]), `${name} ${k}: ${swapped[k]} vs ${bg[k]}`).toBeLessThanOrEqual(1e-9 * Math.abs(bg[k]) + 1e-6);
    }
  });
});
