import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computePair, type EngineOptions } from '../../src/core/engine';
import { loadGroundTruth, loadPrediction, makePairInput, type LoadedPair } from '../../src/core/io/index';
import type { Tagged } from '../../src/core/types';
import { nodeDecoders } from '../../src/node/inflate';
import { close, parseParamKey } from '../helpers/reference';

const DIR = join(__dirname, '..', 'fixtures', 'reference3d');

interface ValueSet3d {
  losses: Record<string, number>;
  metrics: Record<string, Tagged>;
}

interface Expected3d {
  mode: 'binary' | 'multiclass';
  classes?: number;
  shape: [number, number, number];
  spacing: [number, number, number];
  paper: ValueSet3d & {
    perClass?: Record<string, ValueSet3d>;
    metricsPooledHd95?: Tagged;
    params?: Record<string, number>;
    metricsNsdTol2?: Tagged;
  };
  peers?: Record<string, Record<string, number>>;
  files: { gt: string; pred: string };
}

function load(name: string, pure = false): { input: LoadedPair; expected: Expected3d } {
  const dir = join(DIR, name);
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected3d;
  const decode = { maxPixels: 1 << 26, ...(pure ? {} : nodeDecoders) };
  const gt = loadGroundTruth(readFileSync(join(dir, expected.files.gt)), expected.files.gt, decode);
  const pred = loadPrediction(readFileSync(join(dir, expected.files.pred)), expected.files.pred, { ...decode, width: gt.width, height: gt.height, depth: gt.depth });
  return { input: makePairInput(gt, pred), expected };
}

function expectTagged(actual: Tagged | undefined, expected: Tagged, label: string): void {
  expect(actual?.status, label).toBe(expected.status);
  if (expected.status === 'ok') expect(close(actual?.value ?? null, expected.value as number), `${label}: ${actual?.value} vs ${expected.value}`).toBe(true);
  else expect(actual?.value, label).toBeNull();
}

function expectLoss(actual: Tagged | undefined, expected: number, label: string): void {
  expect(actual?.status, label).toBe('ok');
  expect(close(actual?.value ?? null, expected), `${label}: ${actual?.value} vs ${expected}`).toBe(true);
}

describe.each(readdirSync(DIR).sort())('3-D reference vector %s', (name) => {
  const { input, expected } = load(name);
  const run = (o: Partial<EngineOptions> = {}) => computePair(input, { spacing: expected.spacing, ...o });
  const paper = run();

  it('reads the volume with its shape, mode and header spacing', () => {
    expect([input.width, input.height, input.depth]).toEqual(expected.shape);
    expect(input.mode).toBe(expected.mode);
    if (expected.classes) expect(input.classes).toBe(expected.classes);
    expect(input.spacing).toEqual(expected.spacing);
  });

  it('the pure-JS inflate reads the same volume as the native one', () => {
    const pure = load(name, true).input;
    const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    expect(bytes(pure.labels).equals(bytes(input.labels))).toBe(true);
    expect(bytes(pure.prob).equals(bytes(input.prob))).toBe(true);
  });

  it('paper losses and metrics', () => {
    for (const [id, v] of Object.entries(expected.paper.losses)) expectLoss(paper.losses[id], v, `${name} ${id}`);
    for (const [id, v] of Object.entries(expected.paper.metrics)) expectTagged(paper.metrics[id], v, `${name} ${id}`);
  });

  it('per-class values', () => {
    for (const [k, set] of Object.entries(expected.paper.perClass ?? {})) {
      for (const [id, v] of Object.entries(set.losses)) expectLoss(paper.perClass?.[k]?.losses[id], v, `${name} class ${k} ${id}`);
      for (const [id, v] of Object.entries(set.metrics)) expectTagged(paper.perClass?.[k]?.metrics[id], v, `${name} class ${k} ${id}`);
    }
  });

  it('non-default parameters, pooled hd95 (medpy) and nsd tolerance 2', () => {
    for (const [key, v] of Object.entries(expected.paper.params ?? {})) {
      const [id, params] = parseParamKey(key);
      expectLoss(run({ params: { [id]: params }, losses: [id] }).losses[id], v, `${name} ${key}`);
    }
    const pooled = expected.paper.metricsPooledHd95;
    if (pooled) expectTagged(run({ preset: 'medpy', metrics: ['hd95'], losses: [] }).metrics.hd95, pooled, `${name} pooled hd95`);
    const tol2 = expected.paper.metricsNsdTol2;
    if (tol2) expectTagged(run({ nsdTolerance: 2, metrics: ['nsd'], losses: [] }).metrics.nsd, tol2, `${name} nsd τ=2`);
  });

  it('MONAI and MedPy surface distances', () => {
    const medpy = run({ preset: 'medpy', losses: [] });
    for (const [lib, values] of Object.entries(expected.peers ?? {})) {
      const r = lib === 'medpy' ? medpy : run({ preset: 'monai', losses: [] });
      for (const [id, v] of Object.entries(values)) expectTagged(r.metrics[id], { value: v, status: 'ok' }, `${name} ${lib} ${id}`);
    }
  });
});

describe('volumes and images agree', () => {
  it('a 2-D mask stored as a one-slice volume gives the 2-D numbers, whatever the slice spacing', async () => {
    const { loadReferenceCase, referenceCases } = await import('../helpers/reference');
    for (const name of referenceCases()) {
      const c = loadReferenceCase(name);
      const image = computePair(c.input, { spacing: [0.5, 2] });
      const volume = computePair({ ...c.input, depth: 1 }, { spacing: [0.5, 2, 7] });
      expect(volume, name).toEqual(image);
    }
  });
});
