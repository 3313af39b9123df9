/**
 * Who computes a volume's whole-volume numbers for the slice viewer: its own engine whenever the payload
 * carries the probabilities (voxels × channels up to the limit), the host's compute worker only beyond.
 */
import { describe, expect, it } from 'vitest';
import { decodePair } from '../../../src/core/io/decodePair';
import { panelPayload } from '../../../src/extension/webview/pairMessage';
import { hostComputesVolume, volumePayload } from '../../../src/extension/webview/volumeMessage';
import { nodeDecoders } from '../../../src/node/inflate';
import { niftiFile, volumeValues } from '../../helpers/volumeWriter';

const dims: [number, number, number] = [5, 4, 3];
const n = dims[0] * dims[1] * dims[2];
const files = (classes: number) => ({
  gtBytes: niftiFile({ dims, type: 'uint8', values: volumeValues(dims, (x, y, z) => (x + y + z) % classes) }),
  gtName: 'gt.nii',
  predBytes: niftiFile({ dims, type: 'uint8', values: volumeValues(dims, (x, y) => (x + y) % classes) }),
  predName: 'pred.nii',
});

function payload(classes: number, limit: number) {
  const f = files(classes);
  const d = decodePair({ gt: f.gtName, pred: f.predName }, f.gtBytes, f.predBytes, {}, nodeDecoders);
  return volumePayload(d, f, { key: 'k' }, 0.5, limit);
}

describe('whole-volume numbers of the slice viewer', () => {
  it('a volume the viewer can take is computed there, not by the host', () => {
    const shown = panelPayload(files(2), { key: 'k' }, 0.5);
    if (shown.kind !== 'volume') throw new Error('not a volume');
    expect(shown.volume.prob).toBeDefined();
    expect(hostComputesVolume(shown.volume)).toBe(false);
  });

  it('beyond the limit (voxels × channels) the host computes them', () => {
    expect(hostComputesVolume(payload(2, n))).toBe(false);
    expect(hostComputesVolume(payload(2, n - 1))).toBe(true);
    // Three classes: three channels per voxel.
    expect(hostComputesVolume(payload(3, 3 * n))).toBe(false);
    const big = payload(3, 3 * n - 1);
    expect(big.prob).toBeUndefined();
    expect(hostComputesVolume(big)).toBe(true);
  });
});
