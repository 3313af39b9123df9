import { describe, expect, it } from 'vitest';
import { discoverPairs, findPartner, isMaskFile } from '../../../src/core/pairing';
import { MaskError } from '../../../src/core/types';

describe('isMaskFile', () => {
  it('accepts .png and .npy in any case, nothing else', () => {
    expect(['a.png', 'dir/b.NPY', 'c.Png'].every(isMaskFile)).toBe(true);
    expect(['a.jpg', 'a.png.txt', '.png', 'png', 'dir.png/readme'].some(isMaskFile)).toBe(false);
  });
});

describe('sibling folders', () => {
  it('pairs gt/ with pred/ by stem, extension free, with nested subfolders', () => {
    const r = discoverPairs(['ds/gt/a.png', 'ds/gt/sub/b.png', 'ds/pred/a.npy', 'ds/pred/sub/b.png', 'ds/images/a.png', 'notes.txt']);
    expect(r.groups).toEqual([
      {
        dataset: 'ds',
        model: '',
        pairs: [
          { gt: 'ds/gt/a.png', pred: 'ds/pred/a.npy', stem: 'a' },
          { gt: 'ds/gt/sub/b.png', pred: 'ds/pred/sub/b.png', stem: 'sub/b' },
        ],
      },
    ]);
    expect(r.unpaired).toEqual([]);
    expect(r.ignored).toEqual(['ds/images/a.png']);
  });

  it('accepts every folder name, case-insensitively, and the root as dataset', () => {
    const gtNames = ['gt', 'ground_truth', 'GroundTruth', 'labels', 'Masks', 'annotations', 'targets'];
    const predNames = ['pred', 'preds', 'Prediction', 'predictions', 'output', 'outputs', 'results', 'inference'];
    for (const g of gtNames) {
      for (const p of predNames) {
        const r = discoverPairs([`${g}/x.png`, `${p}/x.png`]);
        expect(r.groups, `${g} ${p}`).toEqual([{ dataset: '', model: '', pairs: [{ gt: `${g}/x.png`, pred: `${p}/x.png`, stem: 'x' }] }]);
      }
    }
  });

  it('reports several prediction folders as models side by side', () => {
    const files = [
      'ds/gt/a.png',
      'ds/gt/b.png',
      'ds/pred/modelA/a.png',
      'ds/pred/modelA/b.png',
      'ds/pred/modelB/a.npy',
      'ds/pred_unet/a.png',
      'ds/pred_unet/b.png',
      'ds/outputs-deeplab/b.png',
    ];
    const r = discoverPairs(files);
    expect(r.groups.map((g) => [g.dataset, g.model, g.pairs.map((p) => p.pred)])).toEqual([
      ['ds', 'deeplab', ['ds/outputs-deeplab/b.png']],
      ['ds', 'modelA', ['ds/pred/modelA/a.png', 'ds/pred/modelA/b.png']],
      ['ds', 'modelB', ['ds/pred/modelB/a.npy']],
      ['ds', 'unet', ['ds/pred_unet/a.png', 'ds/pred_unet/b.png']],
    ]);
    expect(r.unpaired).toEqual([
      { path: 'ds/gt/a.png', reason: "no prediction with stem 'a' in ds/outputs-deeplab/" },
      { path: 'ds/gt/b.png', reason: "no prediction with stem 'b' in ds/pred/modelB/" },
    ]);
  });

  it('mirrored subfolders are not models; a lone model folder is model ""', () => {
    const mirror = discoverPairs(['gt/train/a.png', 'pred/train/a.png']);
    expect(mirror.groups).toEqual([{ dataset: '', model: '', pairs: [{ gt: 'gt/train/a.png', pred: 'pred/train/a.png', stem: 'train/a' }] }]);
    const one = discoverPairs(['gt/a.png', 'pred/unet/a.png']);
    expect(one.groups).toEqual([{ dataset: '', model: '', pairs: [{ gt: 'gt/a.png', pred: 'pred/unet/a.png', stem: 'a' }] }]);
  });

  it('same model name from two folders is told apart by folder', () => {
    const r = discoverPairs(['d/gt/a.png', 'd/pred/unet/a.png', 'd/pred_unet/a.png']);
    expect(r.groups.map((g) => g.model)).toEqual(['pred/unet', 'pred_unet']);
  });

  it('several datasets, each with its own parent', () => {
    const r = discoverPairs(['b/gt/x.png', 'b/pred/x.png', 'a/labels/x.png', 'a/outputs/x.npy']);
    expect(r.groups.map((g) => g.dataset)).toEqual(['a', 'b']);
  });

  it('explains unpaired files', () => {
    const r = discoverPairs(['ds/gt/a.png', 'ds/gt/c.png', 'ds/pred/b.png', 'ds/pred/c.png', 'lone/gt/x.png', 'other/pred/y.png']);
    expect(r.groups[0]!.pairs).toEqual([{ gt: 'ds/gt/c.png', pred: 'ds/pred/c.png', stem: 'c' }]);
    expect(r.unpaired).toEqual([
      { path: 'ds/gt/a.png', reason: "no prediction with stem 'a' in ds/pred/" },
      { path: 'ds/pred/b.png', reason: "ground truth missing for prediction: no stem 'b' in ds/gt/" },
      { path: 'lone/gt/x.png', reason: expect.stringMatching(/^no prediction folder next to lone\/gt\//) },
      { path: 'other/pred/y.png', reason: expect.stringMatching(/^no ground-truth folder next to other\/pred\//) },
    ]);
  });

  it('duplicates are never guessed: all of them are reported as ambiguous', () => {
    const r = discoverPairs(['gt/a.png', 'pred/a.png', 'pred/a.npy', 'gt/b.png', 'gt/b.npy', 'pred/b.png', 'gt/c.png', 'pred/c.png']);
    expect(r.groups[0]!.pairs.map((p) => p.stem)).toEqual(['c']);
    expect(r.unpaired).toEqual([
      { path: 'gt/a.png', reason: 'ambiguous: two predictions a.npy and a.png for gt/a.png' },
      { path: 'gt/b.npy', reason: "ambiguous: two ground truths b.npy and b.png for stem 'b'" },
      { path: 'gt/b.png', reason: "ambiguous: two ground truths b.npy and b.png for stem 'b'" },
      { path: 'pred/a.npy', reason: 'ambiguous: two predictions a.npy and a.png for gt/a.png' },
      { path: 'pred/a.png', reason: 'ambiguous: two predictions a.npy and a.png for gt/a.png' },
      { path: 'pred/b.png', reason: 'ambiguous: two ground truths b.npy and b.png for pred/b.png' },
    ]);
  });

  it('uses the preferred of several ground-truth folders and says so', () => {
    const r = discoverPairs(['ds/gt/a.png', 'ds/masks/a.png', 'ds/pred/a.png']);
    expect(r.groups[0]!.pairs).toEqual([{ gt: 'ds/gt/a.png', pred: 'ds/pred/a.png', stem: 'a' }]);
    expect(r.unpaired).toEqual([{ path: 'ds/masks/a.png', reason: 'ds/ has several ground-truth folders; ds/gt/ was used' }]);
  });

  it('strips role suffixes inside sibling folders', () => {
    const r = discoverPairs(['gt/a_mask.png', 'pred/a_prob.npy']);
    expect(r.groups[0]!.pairs).toEqual([{ gt: 'gt/a_mask.png', pred: 'pred/a_prob.npy', stem: 'a' }]);
  });

  it('normalises ./ and duplicates; output is sorted whatever the input order', () => {
    const files = ['./ds/gt/b.png', 'ds/pred/b.png', './ds/gt/a.png', 'ds//pred/a.png', 'ds/gt/a.png'];
    const r1 = discoverPairs(files);
    const r2 = discoverPairs([...files].reverse());
    expect(r1).toEqual(r2);
    expect(r1.groups[0]!.pairs.map((p) => p.gt)).toEqual(['ds/gt/a.png', 'ds/gt/b.png']);
  });

  it('a backslash or a line break is part of a name, kept as it is', () => {
    const r = discoverPairs(['a\\b_gt.png', 'a\\b_pred.png', 'ds/gt/x\ny.png', 'ds/pred/x\ny.png', 'c\nd_gt.png', 'ds/gt/e\\f.png']);
    expect(r.groups.flatMap((g) => g.pairs.map((p) => [p.gt, p.pred]))).toEqual([
      ['a\\b_gt.png', 'a\\b_pred.png'],
      ['ds/gt/x\ny.png', 'ds/pred/x\ny.png'],
    ]);
    expect(r.unpaired.map((u) => u.path)).toEqual(['c\nd_gt.png', 'ds/gt/e\\f.png']);
  });
});

describe('suffixes in one folder', () => {
  it('pairs _gt/_mask/_label with _pred/_prediction/_prob, - or _, any case', () => {
    const r = discoverPairs(['d/a_gt.png', 'd/a_pred.npy', 'd/b-Mask.png', 'd/b-PROB.png', 'd/c_label.png', 'd/c_prediction.png', 'd/img.png', 'e_gt.png', 'e_pred.png']);
    expect(r.groups).toEqual([
      { dataset: '', model: '', pairs: [{ gt: 'e_gt.png', pred: 'e_pred.png', stem: 'e' }] },
      {
        dataset: 'd',
        model: '',
        pairs: [
          { gt: 'd/a_gt.png', pred: 'd/a_pred.npy', stem: 'a' },
          { gt: 'd/b-Mask.png', pred: 'd/b-PROB.png', stem: 'b' },
          { gt: 'd/c_label.png', pred: 'd/c_prediction.png', stem: 'c' },
        ],
      },
    ]);
    expect(r.ignored).toEqual(['d/img.png']);
  });

  it('explains a missing partner', () => {
    const r = discoverPairs(['d/a_gt.png', 'd/b_pred.png']);
    expect(r.unpaired).toEqual([
      { path: 'd/a_gt.png', reason: "no prediction with stem 'a' in d/" },
      { path: 'd/b_pred.png', reason: "ground truth missing for prediction: no stem 'b' in d/" },
    ]);
  });
});

describe('user patterns', () => {
  it('{stem} with ** that must agree between sides', () => {
    const files = ['x/a.label.png', 'x/a.logits.npy', 'y/b.label.png', 'z/b.logits.npy', 'y/c.label.png', 'y/c.logits.npy'];
    const r = discoverPairs(files, { patterns: [{ gt: '**/{stem}.label.png', pred: '**/{stem}.logits.npy' }] });
    expect(r.groups).toEqual([
      { dataset: 'x', model: '', pairs: [{ gt: 'x/a.label.png', pred: 'x/a.logits.npy', stem: 'x/a' }] },
      { dataset: 'y', model: '', pairs: [{ gt: 'y/c.label.png', pred: 'y/c.logits.npy', stem: 'y/c' }] },
    ]);
    expect(r.unpaired).toEqual([
      { path: 'y/b.label.png', reason: "no prediction with stem 'y/b' matching '**/{stem}.logits.npy'" },
      { path: 'z/b.logits.npy', reason: "ground truth missing for prediction: no stem 'z/b' matching '**/{stem}.label.png'" },
    ]);
  });

  it('** matches no folder too; * and ? are free on each side', () => {
    const r = discoverPairs(['a.label.png', 'a.logits.npy', 'gt_v1/q1.png', 'run-7/q1.npy'], {
      patterns: [
        { gt: '**/{stem}.label.png', pred: '**/{stem}.logits.npy' },
        { gt: 'gt_*/{stem}.png', pred: 'run-?/{stem}.npy' },
      ],
    });
    expect(r.groups.flatMap((g) => g.pairs)).toEqual([
      { gt: 'a.label.png', pred: 'a.logits.npy', stem: 'a' },
      { gt: 'gt_v1/q1.png', pred: 'run-7/q1.npy', stem: 'q1' },
    ]);
  });

  it('{model} names prediction sets', () => {
    const r = discoverPairs(['labels/a.png', 'runs/r1/a.npy', 'runs/r2/a.npy'], { patterns: [{ gt: 'labels/{stem}.png', pred: 'runs/{model}/{stem}.npy' }] });
    expect(r.groups.map((g) => [g.dataset, g.model, g.pairs.length])).toEqual([
      ['', 'r1', 1],
      ['', 'r2', 1],
    ]);
  });

  it('patterns win over built-in layouts; builtin: false turns those off', () => {
    const files = ['gt/a.png', 'pred/a.png', 'pred/a.alt.png'];
    const r = discoverPairs(files, { patterns: [{ gt: 'gt/{stem}.png', pred: 'pred/{stem}.alt.png' }] });
    expect(r.groups.flatMap((g) => g.pairs)).toEqual([{ gt: 'gt/a.png', pred: 'pred/a.alt.png', stem: 'a' }]);
    expect(r.unpaired).toEqual([{ path: 'pred/a.png', reason: expect.stringMatching(/^no ground-truth folder next to pred\//) }]);
    const off = discoverPairs(['gt/a.png', 'pred/a.png'], { builtin: false });
    expect(off.groups).toEqual([]);
  });

  it('literal regex characters are literal', () => {
    const r = discoverPairs(['m(1)/a{2}.png', 'p+/a{2}.npy'], { patterns: [{ gt: 'm(1)/{stem}.png', pred: 'p+/{stem}.npy' }] });
    expect(r.groups.flatMap((g) => g.pairs)).toEqual([{ gt: 'm(1)/a{2}.png', pred: 'p+/a{2}.npy', stem: 'a{2}' }]);
  });

  it('bad patterns are a MaskError', () => {
    for (const p of [
      { gt: 'gt/*.png', pred: 'pred/{stem}.png' },
      { gt: '**/{stem}.png', pred: 'pred/{stem}.png' },
      { gt: 'a**/{stem}.png', pred: 'a**/{stem}.png' },
      { gt: '{model}/{stem}.png', pred: '{stem}.npy' },
    ]) {
      expect(() => discoverPairs(['x.png'], { patterns: [p] })).toThrow(MaskError);
    }
  });
});

describe('findPartner', () => {
  const files = ['ds/gt/a.png', 'ds/pred/m1/a.png', 'ds/pred/m2/a.npy', 'ds/gt/b.png', 'ds/images/a.png'];
  it('a ground truth gets one partner per model; a prediction its ground truth', () => {
    expect(findPartner('ds/gt/a.png', files)).toEqual({
      role: 'gt',
      pairs: [
        { gt: 'ds/gt/a.png', pred: 'ds/pred/m1/a.png', stem: 'a', dataset: 'ds', model: 'm1' },
        { gt: 'ds/gt/a.png', pred: 'ds/pred/m2/a.npy', stem: 'a', dataset: 'ds', model: 'm2' },
      ],
    });
    expect(findPartner('./ds/pred/m2/a.npy', files).pairs.map((p) => p.gt)).toEqual(['ds/gt/a.png']);
  });
  it('explains when there is none', () => {
    expect(findPartner('ds/gt/b.png', files).reason).toBe("no prediction with stem 'b' in ds/pred/m1/; no prediction with stem 'b' in ds/pred/m2/");
    expect(findPartner('ds/images/a.png', files).reason).toMatch(/not in a known layout/);
    expect(findPartner('ds/readme.md', files).reason).toMatch(/not a mask file/);
  });
});
