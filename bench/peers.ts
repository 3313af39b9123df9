/**
 * The Python peers' side of a bench row: `bench/peers.py` (numpy + scipy re-creations of the MONAI,
 * SMP and MedPy calls) timed on the very pair the engine row decoded. Only where python3 has numpy and
 * scipy; otherwise the reason is printed instead of a figure.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PairInput } from '../src/core/types';
import { encodeNpy } from '../test/core/io/npyWriter';

export interface PeerTiming {
  runs: number;
  /** Median ms of the whole peer subset, loading excluded (as the engine's compute column). */
  ms: number;
  /** The same without MONAI's HausdorffDTLoss: the subset the issues' anchor figures were measured on. */
  msWithoutHdDt: number;
  stages: Record<string, number>;
}

const SCRIPT = join(__dirname, '..', 'bench', 'peers.py');

/** Why the peers cannot run here, or undefined when they can. */
export function peersUnavailable(): string | undefined {
  const r = spawnSync('python3', ['-c', 'import numpy, scipy'], { encoding: 'utf8' });
  if (r.error) return 'python3 is not installed';
  if (r.status !== 0) return 'python3 lacks numpy or scipy';
  return undefined;
}

/** Times the peers on a decoded binary pair; `spacing` is (x, y[, z]) as the engine takes it. */
export function timePeers(pair: PairInput, opts: { spacing?: readonly number[]; smp: boolean; runs: number }): PeerTiming {
  const n = pair.width * pair.height * (pair.depth ?? 1);
  if (pair.mode !== 'binary' || pair.prob.length !== n) throw new Error('the peers bench takes a binary pair');
  // Engine arrays run x fastest: numpy's C order is then (z, y, x), and the spacing reversed with it.
  const shape = pair.depth && pair.depth > 1 ? [pair.depth, pair.height, pair.width] : [pair.height, pair.width];
  const dir = mkdtempSync(join(tmpdir(), 'mask-inspector-peers-'));
  try {
    const labels = Uint8Array.from(pair.labels, (v) => (v > 0 ? 1 : 0));
    writeFileSync(join(dir, 'gt.npy'), encodeNpy({ descr: '|u1', shape, data: labels }));
    writeFileSync(join(dir, 'prob.npy'), encodeNpy({ descr: '<f4', shape, data: Float32Array.from(pair.prob) }));
    const args = [SCRIPT, join(dir, 'gt.npy'), join(dir, 'prob.npy'), '--runs', String(opts.runs)];
    if (opts.spacing) args.push('--spacing', [...opts.spacing].reverse().join(','));
    if (opts.smp) args.push('--smp');
    const out = execFileSync('python3', args, { encoding: 'utf8', maxBuffer: 1 << 20, env: { ...process.env, OMP_NUM_THREADS: '1' } });
    return JSON.parse(out.trim().split('\n').pop() as string) as PeerTiming;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const PEERS_NOTE =
  'Python peers: MONAI, SMP and MedPy cannot be installed here (no Python package index), so `bench/peers.py` re-creates\n' +
  'their calls with the same algorithms and per-call recomputation on numpy + scipy.ndimage (the erosions and distance\n' +
  'transforms MedPy and MONAI\'s CPU path call), one thread, on the same decoded pair; a stand-in, not the libraries.\n' +
  '"peers ÷ compute" times the whole subset; "w/o HD-DT" leaves out MONAI\'s HausdorffDTLoss (which the engine computes\n' +
  'as hausdorff-dt), as the subset of the issues\' anchor figures (1164 ms at 1024²) did.';

/** The peers' cells of a bench row: their ms, and the ratios to the engine's compute ms. */
export function peerCells(peers: PeerTiming | undefined, computeMs: number): string[] {
  if (!peers) return ['–', '–', '–'];
  return [`${peers.ms.toFixed(0)} (w/o HD-DT ${peers.msWithoutHdDt.toFixed(0)})`, `× ${(peers.ms / computeMs).toFixed(1)}`, `× ${(peers.msWithoutHdDt / computeMs).toFixed(1)}`];
}
