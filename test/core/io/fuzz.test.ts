/**
 * Decoder fuzz, in process: thousands of seeded mutations of valid PNG and .npy masks through the whole
 * pair pipeline (decode, interpret, engine). Never a throw, never an internal error or a stack, a problem
 * is one line naming the file, and a pair that decodes has no NaN anywhere.
 */
import { describe, expect, it } from 'vitest';
import { nodeDecoders } from '../../../src/node/inflate';
import { computePairJob, type JobSettings } from '../../../src/core/report/pairJob';
import type { PairReport } from '../../../src/core/report/schema';
import { mutants, seeds } from '../../helpers/fuzz';

const MUTANTS = 2400;
// Small limits keep a lying header cheap: the fuzz is about what the decoders do with it.
const settings: JobSettings = { engine: {}, maxPixels: 1 << 16, memoryBudget: 256 << 20 };

/** Every number of a report is finite or carries a status: no NaN. */
function finiteEverywhere(p: PairReport): void {
  const walk = (v: unknown, where: string): void => {
    if (typeof v === 'number') expect(Number.isFinite(v), where).toBe(true);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${where}.${k}`);
  };
  walk(p, p.pred);
  expect(JSON.stringify(p)).not.toMatch(/NaN/);
}

describe(`decoder fuzz: ${MUTANTS} mutated PNG and .npy files`, () => {
  const byName = new Map(seeds().map((s) => [s.name, s.bytes]));

  it('every seed pair is computed as it is', () => {
    for (const s of seeds()) {
      const other = byName.get(s.partner)!;
      const job = { root: '', gt: s.role === 'gt' ? s.name : s.partner, pred: s.role === 'gt' ? s.partner : s.name, dataset: '', model: '' };
      const r = computePairJob(job, s.role === 'gt' ? s.bytes : other, s.role === 'gt' ? other : s.bytes, settings, nodeDecoders);
      expect(r.error, s.name).toBeNull();
      finiteEverywhere(r);
    }
  });

  it('no throw, no internal error, one line naming the file, no NaN; good pairs between them still computed', () => {
    const codes = new Map<string, number>();
    let computed = 0;
    for (const m of mutants(20261202, MUTANTS)) {
      const name = `m${m.mutant}-${m.name}`;
      const other = byName.get(m.partner)!;
      const job = { root: '', gt: m.role === 'gt' ? name : m.partner, pred: m.role === 'gt' ? m.partner : name, dataset: '', model: '' };
      const r = computePairJob(job, m.role === 'gt' ? m.bytes : other, m.role === 'gt' ? other : m.bytes, settings, nodeDecoders);
      if (r.error) {
        const e = r.error;
        codes.set(e.code, (codes.get(e.code) ?? 0) + 1);
        expect(e.code, `${name}: ${e.message}`).not.toBe('internal');
        expect(e.message, name).not.toContain('\n');
        expect(e.message, name).not.toMatch(/\bat .+:\d+:\d+/);
        // A file of the pair is named: the mutated one, or its partner when the mutation changed what
        // the partner has to be (a 3-D shape makes the partner a volume too).
        expect(e.message.startsWith(`${name}: `) || e.message.startsWith(`${m.partner}: `), `${name}: ${e.message}`).toBe(true);
      } else {
        computed++;
        finiteEverywhere(r);
      }
      // A good pair after each bad one: nothing the bad one did leaks into it.
      if (m.mutant % 100 === 0) {
        const good = computePairJob({ root: '', gt: 'grey8.png', pred: 'grey16.png', dataset: '', model: '' }, byName.get('grey8.png')!, byName.get('grey16.png')!, settings, nodeDecoders);
        expect(good.error).toBeNull();
        expect(good.metrics.dice?.status).toBe('ok');
      }
    }
    // The mutations reach far: many kinds of problem, and some files still decode.
    expect(codes.size).toBeGreaterThanOrEqual(8);
    expect(computed).toBeGreaterThan(0);
  });
});
