import { describe, expect, it } from 'vitest';
import { inferRoles } from '../../../src/extension/pairRoles';

describe('roles of two selected files', () => {
  it('uses the discovery layouts', () => {
    expect(inferRoles('cells/pred/unet/img_001.png', 'cells/gt/img_001.png')).toEqual({ gt: 'cells/gt/img_001.png', pred: 'cells/pred/unet/img_001.png', sure: true });
    expect(inferRoles('lesions/case1_prob.png', 'lesions/case1_gt.png')).toEqual({ gt: 'lesions/case1_gt.png', pred: 'lesions/case1_prob.png', sure: true });
    expect(inferRoles('street/gt/frame_0001.png', 'street/pred/frame_0001.npy').gt).toBe('street/gt/frame_0001.png');
  });

  it('falls back to words in the names, then to the order of selection', () => {
    expect(inferRoles('run3/output_a.png', 'labels_v2/b.png')).toEqual({ gt: 'labels_v2/b.png', pred: 'run3/output_a.png', sure: true });
    expect(inferRoles('x/one.png', 'y/two.png')).toEqual({ gt: 'x/one.png', pred: 'y/two.png', sure: false });
  });

  it('honours user patterns', () => {
    expect(inferRoles('b/x.npy', 'a/x.png', [{ gt: 'a/{stem}.png', pred: 'b/{stem}.npy' }]).gt).toBe('a/x.png');
  });
});
