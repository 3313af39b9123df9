import { it, expect } from 'vitest';
import UPNG from 'upng-js';
import { readFileSync, readdirSync } from 'node:fs';
import { encodePng } from './pngWriter';
import { samplesFor } from './samples';
import { loadGroundTruth, loadPrediction, makePairInput } from '../../../src/core/io';

it('upng cross-check', () => {
  for (const [ct, d] of [['grey',1],['grey',2],['grey',4],['grey',8],['grey',16],['rgb',8],['rgba',16],['palette',4]] as const) {
    for (const interlace of [false, true]) {
      const w = 13, h = 7, ch = {grey:1,rgb:3,rgba:4,palette:1}[ct];
      const samples = samplesFor(w*h*ch, d, 3);
      const palette = ct === 'palette' ? samplesFor(48, 8) : undefined;
      const png = encodePng({ width: w, height: h, colorType: ct, bitDepth: d, samples, palette, interlace, filter: 'cycle' });
      const img = UPNG.decode(png.buffer.slice(png.byteOffset, png.byteOffset + png.byteLength) as ArrayBuffer);
      const data = new Uint8Array(img.data);
      const bpl = Math.ceil(w * ch * d / 8);
      const got: number[] = [];
      for (let y = 0; y < h; y++) for (let i = 0; i < w * ch; i++) {
        if (d === 16) got.push((data[y*bpl+2*i]! << 8) | data[y*bpl+2*i+1]!);
        else if (d === 8) got.push(data[y*bpl+i]!);
        else { const bit = i*d; got.push((data[y*bpl+(bit>>3)]! >> (8-d-(bit&7))) & ((1<<d)-1)); }
      }
      const same = got.every((v, i) => v === samples[i]);
      console.log(ct, d, interlace, same ? 'upng agrees' : 'UPNG DIFFERS');
    }
  }
});

it('reference files', () => {
  const root = '/work/shared/reference';
  for (const c of readdirSync(root).sort()) {
    const exp = JSON.parse(readFileSync(`${root}/${c}/expected.json`, 'utf8'));
    const gt = loadGroundTruth(readFileSync(`${root}/${c}/gt.png`), `${c}/gt.png`, { maxPixels: 1e8, ignoreIndex: exp.ignoreIndex });
    const predName = c === 'multiclass-3' ? 'pred.npy' : 'pred.png';
    const pred = loadPrediction(readFileSync(`${root}/${c}/${predName}`), `${c}/${predName}`, { maxPixels: 1e8, width: gt.width, height: gt.height });
    const pair = makePairInput(gt, pred, {});
    const vals = new Set(gt.labels);
    let pmin = Infinity, pmax = -Infinity; for (const v of pair.prob) { pmin = Math.min(pmin, v); pmax = Math.max(pmax, v); }
    console.log(c, gt.width, gt.height, gt.kind, gt.classes, 'fg', gt.foregroundValue, 'labels', [...vals].sort((a,b)=>a-b).join(','), '| pred C', pred.channels, 'hard', pred.hard, 'p', pmin.toFixed(4), pmax.toFixed(4), '| mode', pair.mode, pair.classes, 'exp', exp.mode, exp.classes ?? '', exp.width ?? '', exp.height ?? '', pair.warnings);
    expect(pair.mode).toBe(exp.mode);
  }
});
