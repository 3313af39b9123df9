import { describe, expect, it } from 'vitest';
import { findClassNames } from '../../../src/extension/report/classNamesFile';

const files = (entries: Record<string, unknown>) => async (uri: string) =>
  uri in entries ? new TextEncoder().encode(typeof entries[uri] === 'string' ? (entries[uri] as string) : JSON.stringify(entries[uri])) : undefined;

describe('class names beside the ground truth, for the loss report', () => {
  it("nnU-Net's dataset.json in the ground-truth folder's parent", async () => {
    const read = files({ 'file:///d/dataset.json': { name: 'x', labels: { background: 0, liver: 1, tumour: 2 } } });
    expect(await findClassNames(['file:///d/labelsTr/a.nii.gz'], read)).toEqual(['background', 'liver', 'tumour']);
  });

  it('a classes.json inside the folder; gaps get a default name; a dataset.json without labels is skipped', async () => {
    const read = files({ 'file:///d/dataset.json': { name: 'x' }, 'file:///d/gt/classes.json': { 0: 'sky', 2: 'tree' } });
    expect(await findClassNames(['file:///d/gt/a.png'], read)).toEqual(['sky', 'class 1', 'tree']);
  });

  it('none, or not JSON: undefined', async () => {
    expect(await findClassNames(['file:///d/gt/a.png'], files({ 'file:///d/classes.json': '{oops' }))).toBeUndefined();
    expect(await findClassNames(['file:///d/gt/a.png'], files({}))).toBeUndefined();
  });
});
