/**
 * Computes pairs in a pool of worker threads (`dist/worker.js`) so the extension host never blocks.
 * Files are read here through `vscode.workspace.fs` (remote workspaces work) and their bytes moved to
 * the worker. Results are cached by the content of both files and the settings that decide the
 * numbers, so touching a file, switching the sort or reopening the report recomputes nothing.
 */
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import { failedPair, type JobSettings, type PairJob } from '../core/report/pairJob';
import type { PairReport } from '../core/report/schema';
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

interface Task {
  message: WorkerRequest;
  settle(r: WorkerResponse | Error): void;
}

interface PoolWorker {
  worker: Worker;
  busy?: Task;
  /** Ends an idle worker, so a quiet extension holds no threads. */
  idleTimer?: ReturnType<typeof setTimeout>;
}

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
  private readonly workers: PoolWorker[] = [];
  /** Hovers and tooltips go before the background computation of the tree. */
  private readonly urgent: Task[] = [];
  private readonly background: Task[] = [];
  private nextId = 1;
  private disposed = false;
  private readonly results = new Lru<CachedValues>(20_000);
  private readonly thumbnails = new Lru<Thumbnail>(300);
  private readonly inFlight = new Map<string, Promise<CachedValues>>();
  private readonly hashes = new Map<string, FileHash>();

  constructor(
    private readonly workerScript: string,
    readonly size = Math.max(1, Math.min(4, availableParallelism() - 1)),
  ) {}

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
    const options = `${settings.engine.threshold}:${settings.ignoreIndex}:${settings.maxPixels}:${maxSize}`;
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

  /** Queues a request; resolves with the worker's reply, rejects with CancellationError when cancelled first. */
  private run(priority: 'urgent' | 'background', message: WorkerRequest, token?: vscode.CancellationToken): Promise<WorkerResponse> {
    if (this.disposed || token?.isCancellationRequested) return Promise.reject(new vscode.CancellationError());
    return new Promise<WorkerResponse>((resolve, reject) => {
      const queue = priority === 'urgent' ? this.urgent : this.background;
      const task: Task = {
        message: { ...message, gt: ownBytes(message.gt), pred: ownBytes(message.pred) },
        settle: (r) => {
          cancel?.dispose();
          if (r instanceof Error) reject(r);
          else resolve(r);
        },
      };
      // Only a queued task is dropped; one a worker already has finishes (pairs take milliseconds to seconds).
      const cancel = token?.onCancellationRequested(() => {
        const at = queue.indexOf(task);
        if (at >= 0) {
          queue.splice(at, 1);
          task.settle(new vscode.CancellationError());
        }
      });
      queue.push(task);
      this.pump();
    });
  }

  private pump(): void {
    while (this.urgent.length + this.background.length > 0) {
      const w = this.idleWorker();
      if (!w) return;
      const task = (this.urgent.shift() ?? this.background.shift()) as Task;
      task.message.id = this.nextId++;
      clearTimeout(w.idleTimer);
      w.busy = task;
      w.worker.postMessage(task.message, [task.message.gt.buffer as ArrayBuffer, task.message.pred.buffer as ArrayBuffer]);
    }
  }

  private idleWorker(): PoolWorker | undefined {
    const idle = this.workers.find((w) => !w.busy);
    if (idle || this.workers.length >= this.size) return idle;
    const w: PoolWorker = { worker: new Worker(this.workerScript) };
    w.worker.on('message', (r: WorkerResponse) => {
      const task = w.busy;
      w.busy = undefined;
      if (task && task.message.id === r.id) task.settle(r);
      this.pump();
      if (!w.busy) w.idleTimer = setTimeout(() => this.retire(w), IDLE_MS);
    });
    // A crash fails only the pair it was computing; the next request gets a fresh worker.
    const lost = (why: string) => {
      const at = this.workers.indexOf(w);
      if (at < 0) return;
      this.workers.splice(at, 1);
      w.busy?.settle({ id: w.busy.message.id, kind: 'error', message: why });
      w.busy = undefined;
      if (!this.disposed) this.pump();
    };
    w.worker.on('error', (e) => lost(`compute worker failed: ${e.message}`));
    w.worker.on('exit', (code) => lost(`compute worker exited (code ${code})`));
    this.workers.push(w);
    return w;
  }

  private retire(w: PoolWorker): void {
    const at = this.workers.indexOf(w);
    if (at < 0 || w.busy) return;
    this.workers.splice(at, 1);
    void w.worker.terminate();
  }

  dispose(): void {
    this.disposed = true;
    for (const t of [...this.urgent.splice(0), ...this.background.splice(0)]) t.settle(new vscode.CancellationError());
    for (const w of this.workers.splice(0)) {
      clearTimeout(w.idleTimer);
      w.busy?.settle(new vscode.CancellationError());
      void w.worker.terminate();
    }
  }
}
