import { describe, expect, it } from 'vitest';
import { maskByteLimit, maskFileProblem } from '../../../src/extension/maskFileCheck';

describe('what the extension agrees to read as a mask', () => {
  const limit = maskByteLimit(1000);
  it('reads a regular file of a size an image of maxPixels can have', () => {
    expect(maskFileProblem({ isFile: true, isDirectory: false, size: 5000 }, 'a_gt.png', limit)).toBeUndefined();
  });

  it('refuses pipes, devices and folders before reading a byte, naming the file', () => {
    // What VS Code's stat says of a FIFO, and of a link to /dev/zero (Unknown | SymbolicLink): not a file.
    expect(maskFileProblem({ isFile: false, isDirectory: false, size: 0 }, 'hang/a_gt.png', limit)).toBe('hang/a_gt.png: not a regular file (a pipe, device or socket); not read');
    expect(maskFileProblem({ isFile: false, isDirectory: true, size: 0 }, 'x.png', limit)).toMatch(/^x\.png: is a folder/);
  });

  it('refuses files larger than any image within the pixel limit', () => {
    expect(maskFileProblem({ isFile: true, isDirectory: false, size: limit + 1 }, 'big.npy', limit)).toMatch(/^big\.npy: file is \d+ bytes, more than the limit of \d+ bytes/);
    expect(maskByteLimit(8192 * 8192)).toBe(2 ** 31 - 1);
  });
});
