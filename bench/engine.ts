/**
 * Engine benchmark: the full suite (every loss and metric) on one binary pair, one thread, and the
 * share of each stage. Each size runs in its own process so its peak memory is its own.
 */
import { execFileSync } from 'node:child_process';
import { computePair, cpuStats, evaluateClass, resolveOptions } from '../src/core/engine';
import { loadGroundTruth, loadPrediction, makePairInput } from '../src/core/io/index';
import type { PairInput } from '../src/core/types';
import { nodeDecoders } from '../src/node/inflate';
import { encodeNpy } from '../test/core/io/npyWriter';
import { greyPng } from '../test/core/io/pngWriter';
import { PEERS_NOTE, peerCells, type PeerTiming, peersUnavailable, timePeers } from './peers';
import { median, row } from './table';

/** A ground truth of a few blobs and a soft, shifted, noisy prediction, as 8- and 16-bit PNGs. */
export function syntheticPair(size: number, seed = 1): { gt: Uint8Array; pred: Uint8Array } {
  const n = size * size;
  const gt = new Uint8Array(n);
  const pred = new Uint16Array(n);
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const blobs = Array.from({ length: 5 }, () => ({ x: rand() * size, y: rand() * size, r: (0.05 + rand() * 0.15) * size }));
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      let inside = 0;
      let p = 0;
      for (const b of blobs) {
        if (Math.hypot(x - b.x, y - b.y) < b.r) inside = 255;
        const d = Math.hypot(x - b.x - 0.03 * b.r, y - b.y + 0.02 * b.r) - b.r * (1 + 0.1 * Math.sin(x / 7));
        p = Math.max(p, 1 / (1 + Math.exp(d / (0.01 * size))));
      }
      gt[y * size + x] = inside;
      pred[y * size + x] = Math.round(Math.min(1, Math.max(0, p + 0.05 * (rand() - 0.5))) * 65535);
    }
  return { gt: greyPng(size, size, gt, 8), pred: greyPng(size, size, pred, 16) };
}

/** The pair's files as the benchmark reads them: the 16-bit PNG, or its probabilities as a float32 `.npy`. */
function benchFiles(size: number, float: boolean): { gt: Uint8Array; pred: Uint8Array; predName: string } {
  const files = syntheticPair(size);
  if (!float) return { ...files, predName: 'pred.png' };
  const prob = decode({ ...files, predName: 'pred.png' }).prob;
  return { gt: files.gt, pred: encodeNpy({ descr: '<f4', shape: [size, size], data: prob }), predName: 'pred.npy' };
}

/** Decoded as the command line decodes (Node's zlib for PNG data). */
function decode(files: { gt: Uint8Array; pred: Uint8Array; predName: string }): PairInput {
  const opts = { maxPixels: 1 << 26, ...nodeDecoders };
  return makePairInput(loadGroundTruth(files.gt, 'gt.png', opts), loadPrediction(files.pred, files.predName, opts));
}

/** The engine's order: the distance fields, then the pixel and field sums (one pass for a float prediction). */
const STAGES = ['decode', 'distance fields', 'sums + field sums', 'surface', 'lovasz sort', 'losses+metrics'] as const;

/** One instrumented run: the same work as computePair, timed stage by stage. */
function stagedRun(files: { gt: Uint8Array; pred: Uint8Array; predName: string }): Record<(typeof STAGES)[number], number> {
  let t = performance.now();
  const lap = () => {
    const now = performance.now();
    const d = now - t;
    t = now;
    return d;
  };
  const input = decode(files);
  const decodeMs = lap();
  const o = resolveOptions();
  const [s] = cpuStats(input, o);
  void s.distances;
  const dist = lap();
  void s.fields;
  void s.sums;
  const sums = lap();
  void s.surface;
  const surface = lap();
  void s.lovaszHinge;
  const lovasz = lap();
  evaluateClass(s, o);
  return { decode: decodeMs, 'distance fields': dist, 'sums + field sums': sums, surface, 'lovasz sort': lovasz, 'losses+metrics': lap() };
}

/** Child process: prints one JSON line for a size. */
export function engineChild(size: number, float: boolean): void {
  const files = benchFiles(size, float);
  const runs = size <= 256 ? 30 : size <= 1024 ? 11 : 3;
  const pair = decode(files);
  computePair(pair); // warm-up
  const full: number[] = [];
  const withDecode: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const p = decode(files);
    const t1 = performance.now();
    computePair(p);
    const t2 = performance.now();
    full.push(t2 - t1);
    withDecode.push(t2 - t0);
  }
  // Baseline of the surface stage, run by run beside it (a shared machine's load moves both alike):
  // the same distances from a transform per boundary, the path taken when no distance field is there to read.
  const o = resolveOptions();
  const baselineSurface = (): number => {
    const [s] = cpuStats(pair, o);
    const t = performance.now();
    void s.surface;
    return performance.now() - t;
  };
  const stages = Array.from({ length: runs }, () => ({ ...stagedRun(files), baseline: baselineSurface() }));
  const stageMedians = Object.fromEntries(STAGES.map((k) => [k, median(stages.map((x) => x[k]))]));
  const surfaceBaseline = median(stages.map((x) => x.baseline));
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  // The peers on the 1024² pair, the size of the issue's anchor (SMP included: it is an image).
  const peers = size === 1024 && !peersUnavailable() ? timePeers(pair, { smp: true, runs: 3 }) : undefined;
  process.stdout.write(JSON.stringify({ size, float, runs, full: median(full), withDecode: median(withDecode), stageMedians, surfaceBaseline, peakMiB, peers }) + '\n');
}

export function engineBench(self: string): void {
  console.log('\n## Engine: full suite (20 losses + 10 metrics), one binary pair, one thread\n');
  console.log('Surface baseline: the surface stage by a transform per boundary (no distance field to read), in the same process.\n');
  const cols = ['pair', 'prediction', 'runs', 'compute ms', 'with decode ms', ...STAGES.map((s) => `${s} %`), 'surface ms', '× baseline', 'peak RSS MiB', 'Python peers ms', 'peers ÷ compute', 'w/o HD-DT ÷ compute'];
  console.log(row(cols));
  console.log(row(cols.map(() => '---')));
  const cases: Array<[number, boolean]> = [[256, false], [1024, false], [1024, true], [4096, false]];
  for (const [size, float] of cases) {
    const out = execFileSync(process.execPath, [self, 'engine-child', String(size), float ? 'float' : 'png16'], { encoding: 'utf8', maxBuffer: 1 << 20 });
    const r = JSON.parse(out.trim().split('\n').pop() as string) as {
      runs: number; full: number; withDecode: number; stageMedians: Record<string, number>; surfaceBaseline: number; peakMiB: number; peers?: PeerTiming;
    };
    const total = Object.values(r.stageMedians).reduce((a, b) => a + b, 0);
    console.log(
      row([
        `${size}²`, float ? 'float32 .npy' : '16-bit PNG', String(r.runs), r.full.toFixed(1), r.withDecode.toFixed(1),
        ...STAGES.map((k) => ((100 * r.stageMedians[k]) / total).toFixed(0)),
        r.stageMedians.surface.toFixed(1), (r.stageMedians.surface / r.surfaceBaseline).toFixed(2), r.peakMiB.toFixed(0),
        ...peerCells(r.peers, r.full),
      ]),
    );
  }
  console.log(`\n${PEERS_NOTE}${peersUnavailable() ? `\nNot measured in this run: ${peersUnavailable()}.` : ''}`);
}
