import { describe, expect, it } from 'vitest';
import { computePair, type EngineOptions } from '../../src/core/engine';
import { LOSSES, METRICS } from '../../src/core/registry';
import type { PresetId, Tagged } from '../../src/core/types';
import { close, KNOWN_GAPS, loadReferenceCase, parseParamKey, referenceCases } from '../helpers/reference';

function expectTagged(actual: Tagged | undefined, expected: Tagged, label: string): void {
  expect(actual, label).toBeDefined();
  expect(actual?.status, label).toBe(expected.status);
  if (expected.status === 'ok') expect(close(actual?.value ?? null, expected.value as number), `${label}: ${actual?.value} vs ${expected.value}`).toBe(true);
  else expect(actual?.value, label).toBeNull();
}

function expectLoss(actual: Tagged | undefined, expected: number, label: string): void {
  expect(actual?.status, label).toBe('ok');
  expect(close(actual?.value ?? null, expected), `${label}: ${actual?.value} vs ${expected}`).toBe(true);
}

describe.each(referenceCases())('reference vector %s', (name) => {
  const c = loadReferenceCase(name);
  const run = (o: Partial<EngineOptions>, withCodes = true) =>
    computePair(withCodes ? c.input : { ...c.input, probCodes: undefined }, o);
  const paper = run({});

  it('has a value for every loss and metric of the registry', () => {
    const gaps = KNOWN_GAPS[name] ?? { losses: [], classLosses: [] };
    const lossIds = LOSSES.map((l) => l.id);
    const metricIds = METRICS.map((m) => m.id);
    const missing = (want: string[], have: object | undefined, gap: readonly string[] = []) =>
      want.filter((id) => !gap.includes(id) && !(have && id in have));
    expect(missing(lossIds, c.expected.paper.losses, gaps.losses), `${name} paper.losses`).toEqual([]);
    const perClass = Object.entries(c.expected.paper.perClass ?? {});
    if (c.expected.mode === 'binary') expect(missing(metricIds, c.expected.paper.metrics), `${name} paper.metrics`).toEqual([]);
    else expect(perClass.map(([k]) => k), `${name} classes`).toEqual(Array.from({ length: c.expected.classes ?? 0 }, (_, k) => String(k)));
    for (const [k, set] of perClass) {
      expect(missing(lossIds, set.losses, gaps.classLosses), `${name} class ${k} losses`).toEqual([]);
      expect(missing(metricIds, set.metrics), `${name} class ${k} metrics`).toEqual([]);
    }
    // A gap that is not one is stale.
    for (const id of gaps.losses) expect(c.expected.paper.losses, `${name}: ${id} listed as a gap`).not.toHaveProperty(id);
  });

  it('paper losses', () => {
    for (const [id, v] of Object.entries(c.expected.paper.losses)) expectLoss(paper.losses[id], v, `${name} ${id}`);
  });

  it('paper losses on the float path equal the histogram path', () => {
    if (!c.input.probCodes) return;
    const float = run({}, false);
    for (const [id, v] of Object.entries(c.expected.paper.losses)) expectLoss(float.losses[id], v, `${name} ${id} (float)`);
  });

  it('paper metrics', () => {
    for (const [id, v] of Object.entries(c.expected.paper.metrics ?? {})) expectTagged(paper.metrics[id], v, `${name} ${id}`);
  });

  it('per-class values', () => {
    for (const [k, set] of Object.entries(c.expected.paper.perClass ?? {})) {
      for (const [id, v] of Object.entries(set.losses)) expectLoss(paper.perClass?.[k]?.losses[id], v, `${name} class ${k} ${id}`);
      for (const [id, v] of Object.entries(set.metrics)) expectTagged(paper.perClass?.[k]?.metrics[id], v, `${name} class ${k} ${id}`);
    }
  });

  it('non-default parameters', () => {
    for (const [key, v] of Object.entries(c.expected.paper.params ?? {})) {
      const [id, params] = parseParamKey(key);
      expectLoss(run({ params: { [id]: params }, losses: [id] }).losses[id], v, `${name} ${key}`);
    }
  });

  it('pooled hd95 and pixel spacing', () => {
    const pooled = c.expected.paper.metricsPooledHd95;
    if (pooled) expectTagged(run({ preset: 'medpy', metrics: ['hd95'], losses: [] }).metrics.hd95, pooled, `${name} pooled hd95`);
    const spaced = c.expected.paper['metricsSpacingX0.5Y2'];
    if (spaced) {
      const r = run({ spacing: [0.5, 2], losses: [] });
      for (const [id, v] of Object.entries(spaced)) expectTagged(r.metrics[id], v, `${name} spacing ${id}`);
    }
  });

  it.each(['monai', 'smp', 'medpy'] as PresetId[])('preset %s matches the library', (preset) => {
    const lib = c.expected[preset as 'monai' | 'smp' | 'medpy'] as
      | { losses?: Record<string, number>; metrics?: Record<string, { value: number | null; status: string }> }
      | undefined;
    if (!lib) return;
    const r = run({ preset });
    for (const [key, v] of Object.entries(lib.losses ?? {})) {
      const [id, params] = parseParamKey(key);
      const value = Object.keys(params).length ? run({ preset, params: { [id]: params }, losses: [id] }).losses[id] : r.losses[id];
      expectLoss(value, v, `${name} ${preset} ${key}`);
    }
    for (const [id, v] of Object.entries(lib.metrics ?? {})) {
      // Where the library errors, or answers NaN for a one-sided empty hd95 (a MONAI convention the
      // spec does not copy), the spec's table counts: that is the paper preset's value.
      const spec = c.expected.paper.metrics?.[id];
      const differs = v.status === 'error' || (id === 'hd95' && v.status === 'undefined' && spec?.status === 'infinite');
      const expected = differs ? spec : (v as Tagged);
      if (expected) expectTagged(r.metrics[id], expected, `${name} ${preset} ${id}`);
    }
  });
});
