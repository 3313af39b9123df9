import { describe, expect, it } from 'vitest';
import { suggestedIgnoreIndex, withIgnoreIndexAdvice } from '../../../src/extension/ignoreIndexHint';

describe('the ignore-index advice on a failed pair', () => {
  it('suggests 255 for the street sample read without an ignore index', () => {
    const core = 'pred/frame_0001.npy: prediction has 4 channels but ground truth gt/frame_0001.png has class 255';
    expect(suggestedIgnoreIndex(core)).toBe(255);
    expect(withIgnoreIndexAdvice(core)).toBe(`${core}. If 255 marks void (unlabelled) pixels, set maskInspector.ignoreIndex to 255.`);
    expect(suggestedIgnoreIndex('p.npy: prediction has 2 channels but ground truth g.png is a binary 0/65535 mask')).toBe(65535);
    // The core's class limit names the CLI's flag; the extension names its setting instead.
    const capped = 'gt/a.png: ground truth class 255 gives 256 classes, more than the limit of 255; if 255 marks void pixels, give it as the ignore index (--ignore-index 255)';
    expect(withIgnoreIndexAdvice(capped)).toBe('gt/a.png: ground truth class 255 gives 256 classes, more than the limit of 255; if 255 marks void pixels, give it as the ignore index (maskInspector.ignoreIndex: 255)');
  });

  it('says nothing for other problems or other classes', () => {
    expect(suggestedIgnoreIndex('p.npy: prediction has 4 channels but ground truth g.png has class 7')).toBeUndefined();
    expect(suggestedIgnoreIndex('g.png: not a PNG file')).toBeUndefined();
    expect(withIgnoreIndexAdvice('g.png: not a PNG file')).toBe('g.png: not a PNG file');
  });
});
