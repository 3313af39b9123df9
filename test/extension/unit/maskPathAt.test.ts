import { describe, expect, it } from 'vitest';
import { maskPathAt } from '../../../src/extension/maskPathAt';

const at = (line: string, needle: string) => maskPathAt(line, line.indexOf(needle) + 1)?.path;

describe('mask path under the cursor', () => {
  it('finds paths in CSV, JSON, Python and prose', () => {
    expect(at('cells/gt/img_001.png,cells/pred/unet/img_001.png,0.85', 'cells/pred')).toBe('cells/pred/unet/img_001.png');
    expect(at('  "street/pred/frame_0001.npy",', 'frame')).toBe('street/pred/frame_0001.npy');
    expect(at("gt = load('data/my masks/a_gt.PNG')", 'my masks')).toBe('data/my masks/a_gt.PNG');
    expect(at('see /abs/x.png and y.npy', 'y.npy')).toBe('y.npy');
    expect(at('uri file:///tmp/a%20b/c.png here', 'tmp')).toBe('/tmp/a b/c.png');
  });

  it('ignores other files and text off the path', () => {
    expect(at('image.pngx and notes.txt', 'image')).toBeUndefined();
    expect(maskPathAt('a.png     b', 8)).toBeUndefined();
    expect(at('archive.png.zip', 'archive')).toBeUndefined();
  });

  it('gives the range of the path itself', () => {
    expect(maskPathAt('x "a/b.png" y', 4)).toEqual({ path: 'a/b.png', start: 3, end: 10 });
  });

  it('finds a path on a megabyte-long line, with offsets in the whole line', () => {
    const line = 'x'.repeat(1_000_000) + ' "data/gt/a.png" ' + 'y'.repeat(1_000_000);
    const at = line.indexOf('data/gt');
    expect(maskPathAt(line, at + 3)).toEqual({ path: 'data/gt/a.png', start: at, end: at + 'data/gt/a.png'.length });
    expect(maskPathAt(line, 10)).toBeUndefined();
  });
});
