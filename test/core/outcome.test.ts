import { describe, expect, it } from 'vitest';
import { Outcome, outcomeOf } from '../../src/core/outcome';
import { FN, FP, IGNORED, OUTCOME_COLOURS, TP } from '../../src/shared/colours';

describe('pixel outcome (the one TP/FP/FN definition of every overlay)', () => {
  it('one class against the rest: the binary confusion', () => {
    expect([outcomeOf(0, 0), outcomeOf(1, 1), outcomeOf(0, 1), outcomeOf(1, 0)]).toEqual([Outcome.TN, Outcome.TP, Outcome.FP, Outcome.FN]);
  });

  it('class maps: a wrong foreground class is a false positive, a missed one a false negative', () => {
    expect(outcomeOf(2, 2)).toBe(Outcome.TP);
    expect(outcomeOf(2, 1)).toBe(Outcome.FP);
    expect(outcomeOf(0, 3)).toBe(Outcome.FP);
    expect(outcomeOf(3, 0)).toBe(Outcome.FN);
  });

  it('each outcome has its overlay colour; true negatives none', () => {
    expect(OUTCOME_COLOURS[Outcome.TN]).toBeNull();
    expect([Outcome.TP, Outcome.FP, Outcome.FN, Outcome.IGNORED].map((o) => OUTCOME_COLOURS[o])).toEqual([TP, FP, FN, IGNORED]);
  });
});
