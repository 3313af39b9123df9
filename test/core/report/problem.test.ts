import { describe, expect, it } from 'vitest';
import { encodePng, greyPng } from '../io/pngWriter';
import { computePairJob, toProblem } from '../../../src/core/report/pairJob';
import { getLoss } from '../../../src/core/registry';
import { MaskError } from '../../../src/core/types';

const job = { root: 'data', gt: 'gt/a.png', pred: 'pred/a.png', dataset: '', model: '' };

describe('a failed pair says which files and what kind of failure', () => {
  it('an allocation failure names both files and is out-of-memory, not an invalid setting', () => {
    for (const e of [new RangeError('Array buffer allocation failed'), new RangeError('Invalid typed array length: 4294967296')]) {
      const p = toProblem(e, job);
      expect(p.code).toBe('out-of-memory');
      expect(p.message).toBe(`gt/a.png with pred/a.png: out of memory (${e.message})`);
    }
  });

  it('any other error names both files, on one line', () => {
    expect(toProblem(new RangeError('offset is out of bounds\n    at x (y.js:1:2)'), job)).toEqual({ code: 'internal', message: 'gt/a.png with pred/a.png: offset is out of bounds' });
    expect(toProblem(new TypeError('x is undefined'), job)).toEqual({ code: 'internal', message: 'gt/a.png with pred/a.png: x is undefined' });
  });

  it('a setting the engine refuses stays invalid-setting; a file problem keeps its own code and file', () => {
    let thrown: unknown;
    try {
      getLoss('nope');
    } catch (e) {
      thrown = e;
    }
    expect(toProblem(thrown, job).code).toBe('invalid-setting');
    expect(toProblem(new MaskError('corrupt-png', 'gt/a.png: corrupt PNG'), job)).toEqual({ code: 'corrupt-png', message: 'gt/a.png: corrupt PNG' });
  });

  it('computePairJob: an unknown loss is a setting problem, a tiny 65,536-class mask a file problem', () => {
    const g = greyPng(2, 1, [0, 1]);
    expect(computePairJob(job, g, g, { engine: { losses: ['nope'] } }).error?.code).toBe('invalid-setting');
    const many = encodePng({ width: 3, height: 1, colorType: 'grey', bitDepth: 16, samples: [0, 1, 65535] });
    const r = computePairJob(job, many, g, { engine: {} });
    expect(r.error?.code).toBe('too-many-classes');
    expect(r.error?.message).toMatch(/^gt\/a\.png: /);
  });
});
