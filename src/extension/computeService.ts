/**
 * Computes pairs in a pool of worker threads (`dist/worker.js`) so the extension host never blocks.
 * Files are read here through `vscode.workspace.fs` (remote workspaces work) and their bytes moved to
 * the worker. Results are cached by the content of both files and the settings that decide the
 * numbers, so touching a file, switching the sort or reopening the report recomputes nothing.
 */
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import * as vscode from 'vscode';
import { failedPair, type JobSettings, type PairJob } from '../core/report/pairJob';
import type { PairReport } from '../core/report/schema';
import { PoolCancelled, WorkerLost, WorkerPool } from '../node/workerPool';
import { readMaskFile } from './readMaskFile';
import type { Thumbnail, WorkerRequest, WorkerResponse } from './worker/protocol';

export interface PairFiles {
  gt: vscode.Uri;
  pred: vscode.Uri;
  job: PairJob;
}

/** Values of a report without the job's paths: the same bytes at another path reuse them. */
type CachedValues = Omit<PairReport, keyof PairJob>;

/** A map that forgets its least recently used entries beyond `limit`. */
class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly limit: number) {}
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: string, v: V): void {
    this.map.delete(key);
    this.map.set(key, v);
    if (this.map.size > this.limit) this.map.delete(this.map.keys().next().value as string);
  }
}

/** A worker idle this long ends, so a quiet extension holds no threads. */
const IDLE_MS = 60_000;

/** A file's content hash, valid while its modification time and size stay the same. */
interface FileHash {
  mtime: number;
  size: number;
  hash: string;
}

const valuesOf = ({ root: _r, gt: _g, pred: _p, dataset: _d, model: _m, ...values }: PairReport): CachedValues => values;

/** A copy unless the view spans its whole buffer, so transferring it detaches nothing else. */
function ownBytes(a: Uint8Array): Uint8Array {
  return a.byteOffset === 0 && a.byteLength === a.buffer.byteLength && a.buffer instanceof ArrayBuffer ? a : a.slice();
}

export class ComputeService implements vscode.Disposable {
  private readonly pool: WorkerPool<WorkerRequest, WorkerResponse>;
  private nextId = 1;
  private disposed = false;
  private readonly results = new Lru<CachedValues>(20_000);
  private readonly thumbnails = new Lru<Thumbnail>(300);
  private readonly inFlight = new Map<string, Promise<CachedValues>>();
  private readonly hashes = new Map<string, FileHash>();

  constructor(
    workerScript: string,
    readonly size = Math.max(1, Math.min(4, availableParallelism() - 1)),
  ) {
    this.pool = new WorkerPool(workerScript, { size, idleMs: IDLE_MS });
  }

  /** Forgets the hashes of these files (the watcher saw them change). */
  forget(uris: readonly vscode.Uri[]): void {
    for (const u of uris) this.hashes.delete(u.toString());
  }

  /** Every loss and metric of one pair; a file that cannot be read or decoded gives `error`, never a throw. */
  async compute(
    files: PairFiles,
    settings: JobSettings,
    settingsKey: string,
    token?: vscode.CancellationToken,
    priority: 'urgent' | 'background' = 'background',
  ): Promise<PairReport> {
    const known = await this.knownHashes(files);
    const hit = known && this.results.get(`${known}:${settingsKey}`);
    if (hit) return { ...files.job, ...hit };
    let bytes: { gt: Uint8Array; pred: Uint8Array; hashes: string };
    try {
      bytes = await this.read(files, settings.maxPixels);
    } catch (e) {
      return failedPair(files.job, { code: 'unreadable', message: (e as Error).message });
    }
    const key = `${bytes.hashes}:${settingsKey}`;
    const cached = this.results.get(key);
    if (cached) return { ...files.job, ...cached };
    // The tree and the report may ask for the same pair at once: one computation serves both.
    let running = this.inFlight.get(key);
    if (!running) {
      running = this.run(priority, { id: 0, kind: 'compute', job: files.job, gt: bytes.gt, pred: bytes.pred, settings }, token)
        .then((r) => {
          if (r.kind !== 'compute') {
            // A crashed worker or a bug: reported on this pair, but not cached.
            return valuesOf(failedPair(files.job, { code: 'internal', message: r.kind === 'error' ? r.message : 'unexpected worker reply' }));
          }
          const values = valuesOf(r.report);
          this.results.set(key, values);
          return values;
        })
        .finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, running);
    }
    try {
      return { ...files.job, ...(await running) };
    } catch (e) {
      // Whoever started it cancelled; this caller did not, so it starts its own.
      if (e instanceof vscode.CancellationError && !token?.isCancellationRequested && !this.disposed) return this.compute(files, settings, settingsKey, token, priority);
      throw e;
    }
  }

  /**
   * Computes many pairs with a bounded number in flight (so not every file is read at once), calling
   * `onResult` as each finishes. Stops early, without throwing, when the token is cancelled.
   */
  async computeMany(
    pairs: readonly PairFiles[],
    settings: JobSettings,
    settingsKey: string,
    onResult: (index: number, report: PairReport) => void,
    token?: vscode.CancellationToken,
  ): Promise<void> {
    let next = 0;
    const lane = async () => {
      while (next < pairs.length && !token?.isCancellationRequested) {
        const i = next++;
        try {
          const report = await this.compute(pairs[i]!, settings, settingsKey, token);
          if (!token?.isCancellationRequested) onResult(i, report);
        } catch (e) {
          if (!(e instanceof vscode.CancellationError)) throw e;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(pairs.length, this.size * 2) }, lane));
  }

  /** The error overlay of a pair at thumbnail size, for hovers (ahead of background work). */
  async thumbnail(files: PairFiles, settings: JobSettings, maxSize: number, token?: vscode.CancellationToken): Promise<Thumbnail> {
    // Everything the overlay is read and drawn with (the files are read as for the numbers: decodePair).
    const { engine, ...read } = settings;
    const options = JSON.stringify([engine.threshold, read, maxSize]);
    const known = await this.knownHashes(files);
    const hit = known && this.thumbnails.get(`${known}:${options}`);
    if (hit) return hit;
    const bytes = await this.read(files, settings.maxPixels);
    const key = `${bytes.hashes}:${options}`;
    const cached = this.thumbnails.get(key);
    if (cached) return cached;
    const r = await this.run('urgent', { id: 0, kind: 'thumbnail', job: files.job, gt: bytes.gt, pred: bytes.pred, settings, maxSize }, token);
    if (r.kind !== 'thumbnail') throw new Error(r.kind === 'error' ? r.message : 'unexpected worker reply');
    this.thumbnails.set(key, r.thumbnail);
    return r.thumbnail;
  }

  /** Hashes of both files from memory when neither changed since (one `stat` each, no read). */
  private async knownHashes(files: PairFiles): Promise<string | undefined> {
    const hashes: string[] = [];
    for (const uri of [files.gt, files.pred]) {
      const h = this.hashes.get(uri.toString());
      if (!h) return undefined;
      try {
        const st = await vscode.workspace.fs.stat(uri);
        if (st.mtime !== h.mtime || st.size !== h.size) return undefined;
      } catch {
        return undefined;
      }
      hashes.push(h.hash);
    }
    return hashes.join(':');
  }

  private async read(files: PairFiles, maxPixels: number | undefined): Promise<{ gt: Uint8Array; pred: Uint8Array; hashes: string }> {
    const read = async (uri: vscode.Uri, name: string): Promise<{ bytes: Uint8Array; hash: string }> => {
      const { stat, bytes } = await readMaskFile(uri, name, maxPixels);
      const hash = createHash('sha1').update(bytes).digest('hex');
      this.hashes.set(uri.toString(), { mtime: stat.mtime, size: stat.size, hash });
      return { bytes, hash };
    };
    const [gt, pred] = await Promise.all([read(files.gt, files.job.gt), read(files.pred, files.job.pred)]);
    return { gt: gt.bytes, pred: pred.bytes, hashes: `${gt.hash}:${pred.hash}` };
  }

  /**
   * Queues a request (hovers and tooltips go before the tree's background work); resolves with the
   * worker's reply, rejects with CancellationError when cancelled before a worker took it.
   */
  private async run(priority: 'urgent' | 'background', message: WorkerRequest, token?: vscode.CancellationToken): Promise<WorkerResponse> {
    if (this.disposed || token?.isCancellationRequested) throw new vscode.CancellationError();
    const own = { ...message, id: this.nextId++, gt: ownBytes(message.gt), pred: ownBytes(message.pred) };
    const abort = new AbortController();
    const cancel = token?.onCancellationRequested(() => abort.abort());
    try {
      return await this.pool.run(own, { urgent: priority === 'urgent', transfer: [own.gt.buffer as ArrayBuffer, own.pred.buffer as ArrayBuffer], signal: abort.signal });
    } catch (e) {
      if (e instanceof PoolCancelled) throw new vscode.CancellationError();
      // A crash fails only the pair it was computing; the next request gets a fresh worker.
      if (e instanceof WorkerLost) return { id: own.id, kind: 'error', message: e.error !== undefined ? `compute worker failed: ${e.error}` : `compute worker exited (code ${e.exitCode})` };
      throw e;
    } finally {
      cancel?.dispose();
    }
  }

  dispose(): void {
    this.disposed = true;
    void this.pool.close();
  }
}
