import { describe, expect, it } from 'vitest';
import { pairTitle } from '../../../src/extension/pairTitle';

describe('comparison titles', () => {
  it('name the model (prediction folder) when both files have one name', () => {
    expect(pairTitle('/ws/cells/gt/img_003.png', '/ws/cells/pred/unet/img_003.png')).toBe('img_003.png — unet vs gt');
    expect(pairTitle('/ws/cells/gt/img_003.png', '/ws/cells/pred/threshold/img_003.png')).toBe('img_003.png — threshold vs gt');
    expect(pairTitle('/ws/street/gt/frame_0003.png', '/ws/street/pred/frame_0003.npy')).toBe('frame_0003.npy — pred vs gt');
  });

  it('keep both names when the files sit side by side or have different stems', () => {
    expect(pairTitle('/ws/lesions/case1_gt.png', '/ws/lesions/case1_prob.png')).toBe('case1_prob.png vs case1_gt.png');
    expect(pairTitle('/ws/x/one.png', '/ws/y/two.png')).toBe('y/two.png vs x/one.png');
    expect(pairTitle('/ws/data/a.png', '/ws/data/pred/a.png')).toBe('a.png — pred vs data');
  });
});
