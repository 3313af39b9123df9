import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { decodePng, type RawImage } from '../../src/core/io/png';
import { nodeInflate } from '../../src/node/inflate';
import type { PairInput, Tagged } from '../../src/core/types';

export const REFERENCE_DIR = join(__dirname, '..', 'fixtures', 'reference');

export interface Expected {
  mode: 'binary' | 'multiclass';
  ignoreIndex?: number;
  classes?: number;
  paper: {
    losses: Record<string, number>;
    metrics?: Record<string, Tagged>;
    params?: Record<string, number>;
    metricsPooledHd95?: Tagged;
    'metricsSpacingX0.5Y2'?: Record<string, Tagged>;
    perClass?: Record<string, { losses: Record<string, number>; metrics: Record<string, Tagged> }>;
  };
  monai?: { losses?: Record<string, number>; metrics?: Record<string, Tagged & { status: string }> };
  smp?: { losses?: Record<string, number> };
  medpy?: { metrics?: Record<string, { value: number | null; status: string }> };
}

export interface ReferenceCase {
  name: string;
  input: PairInput;
  expected: Expected;
}

/** A fixture PNG's samples as stored (8-bit labels, 16-bit probability codes). */
const decode = (path: string): RawImage => decodePng(readFileSync(path), path, { maxPixels: 1 << 24, inflate: nodeInflate });

/** Reads a float32 C-order .npy (the reference's multi-class prediction). */
function readNpyF32(path: string): { shape: number[]; data: Float32Array } {
  const b = readFileSync(path);
  const headerLen = b.readUInt16LE(8);
  const header = b.subarray(10, 10 + headerLen).toString('latin1');
  const shape = (/'shape': \(([^)]*)\)/.exec(header)?.[1] ?? '').split(',').filter((s) => s.trim()).map(Number);
  const start = 10 + headerLen;
  const data = new Float32Array(b.buffer.slice(b.byteOffset + start, b.byteOffset + b.byteLength));
  return { shape, data };
}

export function loadReferenceCase(name: string): ReferenceCase {
  const dir = join(REFERENCE_DIR, name);
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
  const gt = decode(join(dir, 'gt.png'));
  const n = gt.width * gt.height;
  const raw = gt.samples;
  const ignore = expected.ignoreIndex;
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++)
    labels[i] = raw[i] === ignore ? raw[i] : expected.mode === 'binary' ? (raw[i] ? 1 : 0) : raw[i];
  if (expected.mode === 'multiclass') {
    const npy = readNpyF32(join(dir, 'pred.npy'));
    return {
      name,
      expected,
      input: { width: gt.width, height: gt.height, mode: 'multiclass', classes: npy.shape[0], labels, prob: npy.data, ignoreIndex: ignore },
    };
  }
  const pred = decode(join(dir, 'pred.png'));
  const values = Uint16Array.from(pred.samples);
  const prob = Float32Array.from(values, (v) => v / 65535);
  return {
    name,
    expected,
    input: { width: gt.width, height: gt.height, mode: 'binary', classes: 2, labels, prob, ignoreIndex: ignore, probCodes: { values, levels: 65535 } },
  };
}

export const referenceCases = (): string[] => readdirSync(REFERENCE_DIR).sort();

/**
 * Registry ids a case's vectors leave out on purpose. Everything else must be there: a loss or metric
 * missing from `expected.json` fails the reference test instead of passing unchecked.
 */
export const KNOWN_GAPS: Record<string, { losses: readonly string[]; classLosses: readonly string[] }> = {
  // The multi-class vectors cover the losses with a multi-class form of their own (ce, generalized-dice,
  // exp-log) and dice overall, and per class the region losses and focal.
  'multiclass-3': {
    losses: ['weighted-ce', 'balanced-ce', 'focal', 'distance-penalized-ce', 'jaccard', 'tversky', 'focal-tversky', 'sensitivity-specificity', 'log-cosh-dice', 'mcc', 'lovasz-hinge', 'shape-aware', 'hausdorff-dt', 'boundary', 'combo', 'dice-ce'],
    classLosses: ['ce', 'weighted-ce', 'balanced-ce', 'distance-penalized-ce', 'sensitivity-specificity', 'log-cosh-dice', 'generalized-dice', 'mcc', 'lovasz-hinge', 'shape-aware', 'hausdorff-dt', 'boundary', 'exp-log', 'combo', 'dice-ce'],
  },
};

/** "tversky@fpWeight=0.5,fnWeight=0.5" → ['tversky', {fpWeight: 0.5, fnWeight: 0.5}] */
export function parseParamKey(key: string): [string, Record<string, number | 'none' | 'auto'>] {
  const [id, rest] = key.split('@');
  const params: Record<string, number | 'none' | 'auto'> = {};
  for (const kv of (rest ?? '').split(',').filter(Boolean)) {
    const [k, v] = kv.split('=');
    params[k] = v === 'none' || v === 'auto' ? v : Number(v);
  }
  return [id, params];
}

/** 1e-4 relative, with a floor for expected zeros. */
export function close(actual: number | null, expected: number, rel = 1e-4): boolean {
  return actual !== null && Math.abs(actual - expected) <= rel * Math.abs(expected) + 1e-9;
}
