import { describe, expect, it } from 'vitest';
import { discoverPairs, findPartner, isMaskFile } from '../../../src/core/pairing';

describe('volume files in pairing', () => {
  it('NIfTI, NRRD and npz are mask files; a double extension counts as one', () => {
    expect(['a.nii', 'a.NII.GZ', 'b.nrrd', 'c.seg.nrrd', 'd.npz'].every(isMaskFile)).toBe(true);
    expect(['a.gz', 'a.nii.gz.bak', 'x.tar.gz', '.nii.gz', 'nii.gz'].some(isMaskFile)).toBe(false);
  });

  it('nnU-Net: labelsTs/ beside a predictions folder, case_0001.nii.gz with case_0001.npz', () => {
    const r = discoverPairs([
      'Dataset001/imagesTs/case_0001_0000.nii.gz',
      'Dataset001/labelsTs/case_0001.nii.gz',
      'Dataset001/labelsTs/case_0002.nii.gz',
      'Dataset001/predictions/case_0001.npz',
      'Dataset001/predictions/case_0002.nii.gz',
    ]);
    expect(r.groups).toEqual([
      {
        dataset: 'Dataset001',
        model: '',
        pairs: [
          { gt: 'Dataset001/labelsTs/case_0001.nii.gz', pred: 'Dataset001/predictions/case_0001.npz', stem: 'case_0001' },
          { gt: 'Dataset001/labelsTs/case_0002.nii.gz', pred: 'Dataset001/predictions/case_0002.nii.gz', stem: 'case_0002' },
        ],
      },
    ]);
  });

  it('labelsTr/ with several prediction folders (models side by side)', () => {
    const r = discoverPairs(['labelsTr/a.nii.gz', 'pred_3d_fullres/a.nii.gz', 'pred_2d/a.npz']);
    expect(r.groups.map((g) => [g.model, g.pairs.map((p) => p.pred)])).toEqual([
      ['2d', ['pred_2d/a.npz']],
      ['3d_fullres', ['pred_3d_fullres/a.nii.gz']],
    ]);
  });

  it('suffixes in one folder, whatever the double extension', () => {
    const r = discoverPairs(['vols/liver_gt.seg.nrrd', 'vols/liver_pred.nii.gz', 'vols/kidney_label.nii', 'vols/kidney_prob.npy']);
    expect(r.groups.flatMap((g) => g.pairs.map((p) => [p.gt, p.pred, p.stem]))).toEqual([
      ['vols/kidney_label.nii', 'vols/kidney_prob.npy', 'kidney'],
      ['vols/liver_gt.seg.nrrd', 'vols/liver_pred.nii.gz', 'liver'],
    ]);
  });

  it('finds the partner of a volume', () => {
    const files = ['labelsTs/case_0003.nii.gz', 'predictions/case_0003.npz'];
    expect(findPartner('predictions/case_0003.npz', files).pairs.map((p) => p.gt)).toEqual(['labelsTs/case_0003.nii.gz']);
  });
});
