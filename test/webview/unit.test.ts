/**
 * The webview's pure parts in Node: message validation, the CSP, the channels' queue and checks, the
 * per-pixel maps (each loss is the mean of its map) and the Hausdorff witnesses (they realise HD).
 */
import { describe, expect, it } from 'vitest';
import { boundary } from '../../src/core/distance/edt';
import { computePair, cpuStats, resolveOptions } from '../../src/core/engine';
import type { Endpoint } from '../../src/shared/channel';
import { contentSecurityPolicy, webviewHtml } from '../../src/extension/webview/html';
import { hostChannel, pageChannel, parseFromWebview, type FromWebview, type ToWebview } from '../../src/shared/protocol';
import { reportHostChannel, type FromReport } from '../../src/shared/reportProtocol';
import { boundaryDistances } from '../../webview/engine/boundaryDistances';
import { fieldScalars } from '../../src/core/stats/pixelTerms';
import { contribution, MAP_LOSSES, mapTerms } from '../../webview/engine/pixelLoss';
import { findWitnesses } from '../../webview/engine/witnesses';
import { restoreState } from '../../webview/state';
import { referenceCases } from '../helpers/reference';
import { referencePair } from './fixtures';

const results = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'results', requestId: 1, key: 'k', backend: 'webgl', classIndex: 1, witnesses: [],
  values: { mode: 'binary', classes: 2, losses: { ce: { value: 0.5, status: 'ok' } }, metrics: { hd: { value: null, status: 'infinite' } } },
  timings: { numbersMs: 1, drawnMs: 2 }, ...over,
});

describe('parseFromWebview', () => {
  it('accepts every well-formed message', () => {
    const ok: unknown[] = [
      { type: 'ready', protocol: 1 },
      results(),
      results({ witnesses: [{ metric: 'hd', direction: 'predToGt', from: [1, 2], to: [3, 4], distance: 2.8 }], numTensors: 7, notice: 'cpu' }),
      results({ objects: { '1': { gt: 3, pred: 2, tp: 1, fp: 1, fn: 2 }, '2': { gt: 0, pred: 0, tp: 0, fp: 0, fn: 0 } } }),
      { type: 'optionsChanged', key: 'k', options: { preset: 'monai', threshold: 0.4, spacing: [1, 2], nsdTolerance: 1, params: { focal: { gamma: 3, alpha: 'none' } } } },
      { type: 'copy', text: 'a\tb' },
      { type: 'open', which: 'gt' },
      { type: 'swap' },
      { type: 'setIgnoreIndex', value: 255 },
      { type: 'openSetting', setting: 'maskInspector.ignoreIndex' },
      { type: 'error', message: 'boom', requestId: 3 },
    ];
    for (const m of ok) expect(parseFromWebview(m), JSON.stringify(m)).toBeDefined();
    // The object summary reaches the host.
    const withObjects = parseFromWebview(ok[3]) as Extract<FromWebview, { type: 'results' }>;
    expect(withObjects.objects?.['1']).toEqual({ gt: 3, pred: 2, tp: 1, fp: 1, fn: 2 });
  });

  it('rejects malformed ones', () => {
    const bad: unknown[] = [
      null, 'ready', [], { type: 'nope' }, { type: 'ready' },
      results({ backend: 'wasm' }),
      results({ values: { mode: 'binary', classes: 2, losses: { ce: { value: Number.NaN, status: 'ok' } }, metrics: {} } }),
      results({ values: { mode: 'binary', classes: 2, losses: { ce: { value: 1, status: 'undefined' } }, metrics: {} } }),
      results({ witnesses: [{ metric: 'hd', direction: 'up', from: [1, 2], to: [3, 4], distance: 1 }] }),
      results({ timings: { numbersMs: 1 } }),
      results({ objects: { '1': { gt: 3, pred: 2, tp: 1, fp: 1 } } }),
      results({ objects: { '1': { gt: -1, pred: 2, tp: 1, fp: 1, fn: 2 } } }),
      results({ objects: [3] }),
      { type: 'optionsChanged', key: 'k', options: { preset: 'x', threshold: 0.5, spacing: [1, 1], nsdTolerance: 1, params: {} } },
      { type: 'optionsChanged', key: 'k', options: { preset: 'paper', threshold: 0.5, spacing: [0, 1], nsdTolerance: 1, params: {} } },
      { type: 'optionsChanged', key: 'k', options: { preset: 'paper', threshold: 0.5, spacing: [1, 1], nsdTolerance: 1, params: { focal: { gamma: 'big' } } } },
      { type: 'copy', text: 3 },
      { type: 'open', which: '/etc/passwd' },
      { type: 'setIgnoreIndex', value: 70000 },
      { type: 'setIgnoreIndex', value: 2.5 },
      { type: 'openSetting', setting: 'security.workspace.trust.enabled' },
      { type: 'openSetting', setting: 'maskInspector.x"; rm' },
      { type: 'error', message: 'x'.repeat(5000) },
    ];
    for (const m of bad) expect(parseFromWebview(m), JSON.stringify(m)?.slice(0, 120)).toBeUndefined();
  });
});

describe('webview HTML', () => {
  it('has a strict CSP: nonce for scripts, no eval, no inline style', () => {
    const csp = contentSecurityPolicy('https://src', 'N0nce');
    expect(csp).toBe("default-src 'none'; img-src https://src blob: data:; style-src https://src; font-src https://src; script-src 'nonce-N0nce'; worker-src blob:");
    const html = webviewHtml({ cspSource: 'https://src', scriptUri: 'https://src/w.js', styleUri: 'https://src/w.css', nonce: 'N0nce', title: '<t>' });
    expect(html).toContain(`content="${csp}"`);
    expect(html).toContain('<script nonce="N0nce" src="https://src/w.js"></script>');
    expect(html).toContain('<title>&lt;t&gt;</title>');
    expect(html).not.toMatch(/unsafe-(eval|inline)/);
  });
});

describe('channel', () => {
  function endpoint<Out>() {
    const posted: Out[] = [];
    let listener: (m: unknown) => void = () => undefined;
    const e: Endpoint<Out> = {
      postMessage: (m) => posted.push(m),
      onDidReceiveMessage: (l) => ((listener = l), { dispose: () => (listener = () => undefined) }),
    };
    return { e, posted, receive: (m: unknown) => listener(m) };
  }

  it('host end of the comparison view: queues until ready, again after a reset, and drops invalid messages', () => {
    const { e, posted, receive } = endpoint<ToWebview>();
    const got: FromWebview[] = [];
    const invalid: unknown[] = [];
    const ch = hostChannel(e);
    ch.onMessage((m) => got.push(m));
    ch.onInvalid((m) => invalid.push(m));
    ch.post({ type: 'clear', message: 'a' });
    expect(posted).toHaveLength(0);
    receive({ type: 'ready', protocol: 1 });
    expect(posted).toEqual([{ type: 'clear', message: 'a' }]);
    ch.post({ type: 'clear', message: 'b' });
    expect(posted).toHaveLength(2);
    ch.reset();
    ch.post({ type: 'clear', message: 'c' });
    expect(posted).toHaveLength(2);
    receive({ type: 'copy', text: 42 });
    expect(invalid).toHaveLength(1);
    receive({ type: 'ready', protocol: 1 });
    expect(posted).toHaveLength(3);
    expect(got.map((m) => m.type)).toEqual(['ready', 'ready']);
    ch.dispose();
    receive({ type: 'swap' });
    expect(got).toHaveLength(2);
  });

  it('page end: sends at once, takes what its host sends, and a listener can leave', () => {
    const { e, posted, receive } = endpoint<FromWebview>();
    const ch = pageChannel(e);
    const got: ToWebview[] = [];
    const sub = ch.onMessage((m) => got.push(m));
    ch.post({ type: 'swap' });
    expect(posted).toEqual([{ type: 'swap' }]);
    receive({ type: 'clear', message: 'x' });
    receive('not a message');
    expect(got).toEqual([{ type: 'clear', message: 'x' }]);
    sub.dispose();
    receive({ type: 'clear', message: 'y' });
    expect(got).toHaveLength(1);
  });

  it('host end of the loss report: only checked messages', () => {
    const { e, receive } = endpoint<never>();
    const got: FromReport[] = [];
    const invalid: unknown[] = [];
    const ch = reportHostChannel(e);
    ch.onMessage((m) => got.push(m));
    ch.onInvalid((m) => invalid.push(m));
    receive({ type: 'open', index: 3 });
    receive({ type: 'export', format: 'exe' });
    expect(got).toEqual([{ type: 'open', index: 3 }]);
    expect(invalid).toEqual([{ type: 'export', format: 'exe' }]);
  });
});

describe('per-pixel maps', () => {
  // The mean of each map over the valid pixels is the loss: the maps show the very definition
  // (to float32 rounding of p: the core works on the exact 16-bit codes).
  it.each(referenceCases())('%s: mean of each map = the core loss, every class', (name) => {
    const { input } = referencePair(name);
    const o = resolveOptions({ params: { focal: { gamma: 1.5, alpha: 0.4 }, 'hausdorff-dt': { alpha: 1 }, 'weighted-ce': { beta: 3 } } });
    const stats = cpuStats(input, o);
    const pair = computePair(input, o);
    stats.forEach((s, c) => {
      const { y, hard, valid, p } = s.view;
      const { y: dy2, hard: dp2 } = s.distances;
      const field = fieldScalars(y, hard, dy2);
      const values = input.mode === 'binary' ? pair : pair.perClass?.[String(c)];
      for (const id of MAP_LOSSES) {
        const t = mapTerms(id, s, field, o);
        let sum = 0;
        for (let i = 0; i < y.length; i++) if (!valid || valid[i]) sum += contribution(t, p[i], y[i], dy2[i], dp2[i]);
        const expected = values?.losses[id].value as number;
        expect(Math.abs(sum / s.sums.n - expected), `${name} class ${c} ${id}`).toBeLessThanOrEqual(1e-6 * Math.abs(expected) + 1e-12);
      }
    });
  });
});

describe('Hausdorff witnesses', () => {
  it.each(referenceCases())('%s: the witnesses realise HD and HD95', (name) => {
    const { input } = referencePair(name);
    for (const preset of ['paper', 'medpy'] as const) {
      const o = resolveOptions({ preset, spacing: name === 'circle-shifted' ? [0.5, 2] : [1, 1] });
      const stats = cpuStats(input, o);
      const values = computePair(input, o);
      stats.forEach((s, c) => {
        const { width, height, y, hard } = s.view;
        const grid = { width, height, sx: o.spacing[0], sy: o.spacing[1] };
        const bG = boundary(y, width, height);
        const bP = boundary(hard, width, height);
        const ws = findWitnesses(boundaryDistances(bP, bG, grid), boundaryDistances(bG, bP, grid), width, o.spacing, preset);
        const metrics = input.mode === 'binary' ? values.metrics : values.perClass?.[String(c)].metrics;
        const hd = metrics?.hd;
        if (hd?.status !== 'ok') {
          expect(ws).toEqual([]);
          return;
        }
        const w = ws.find((x) => x.metric === 'hd');
        expect(w?.distance).toBeCloseTo(hd.value as number, 9);
        // `from` lies on its boundary, `to` on the other.
        const onBoundary = (m: Uint8Array, [px, py]: readonly [number, number]) => m[py * width + px] === 1;
        for (const x of ws) {
          expect(onBoundary(x.direction === 'predToGt' ? bP : bG, x.from)).toBe(true);
          expect(onBoundary(x.direction === 'predToGt' ? bG : bP, x.to)).toBe(true);
        }
        // HD95's witness is the order statistic at or just above the percentile.
        const w95 = ws.find((x) => x.metric === 'hd95');
        expect(w95?.distance).toBeGreaterThanOrEqual((metrics?.hd95.value as number) - 1e-9);
      });
    }
  });
});

describe('restoreState', () => {
  it('keeps what is valid and defaults the rest', () => {
    const s = restoreState({ key: 'k', classIndex: 2, mapLoss: 'focal', layers: { sdf: { on: true, opacity: 3 }, heat: 'x' }, viewport: { zoom: 4, cx: 1, cy: 2 } });
    expect(s.key).toBe('k');
    expect(s.classIndex).toBe(2);
    expect(s.mapLoss).toBe('focal');
    expect(s.layers.sdf).toEqual({ on: true, opacity: 1 });
    expect(s.layers.heat.on).toBe(false);
    expect(s.viewport).toEqual({ zoom: 4, cx: 1, cy: 2 });
    expect(restoreState({ mapLoss: 'dice', classIndex: -1 })).toMatchObject({ mapLoss: 'ce', classIndex: 1 });
    expect(restoreState({ objectSort: 'iou' }).objectSort).toBe('iou');
    expect(restoreState({ objectSort: 'area' }).objectSort).toBe('size');
  });
});
