/**
 * Worker threads for the CLI's `--jobs N` and the extension's compute service: up to `size` workers,
 * started when work comes, one task each at a time, urgent tasks first. A worker that dies (a crash, out
 * of memory) fails only the task it held, with `WorkerLost`; the next task gets a fresh worker. A queued
 * task whose signal aborts is dropped with `PoolCancelled`; one a worker already holds runs to its end.
 * `inOrder` runs a stream of items with bounded look-ahead and yields their results in input order.
 */
import { Worker, type TransferListItem } from 'node:worker_threads';

/** A task dropped before a worker took it: its signal aborted, or the pool was closed. */
export class PoolCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'PoolCancelled';
  }
}

/** The worker holding a task died: `error` is what it threw, else `exitCode` is how it ended. */
export class WorkerLost extends Error {
  constructor(
    message: string,
    readonly error?: string,
    readonly exitCode?: number,
  ) {
    super(message);
    this.name = 'WorkerLost';
  }
}

export interface PoolOptions {
  /** Workers at most. */
  size: number;
  /** Ends a worker idle this long, so a quiet process holds no threads; never when absent. */
  idleMs?: number;
  /**
   * Tasks a worker is handed at once (1 when absent): with 2 it has its next task when it replies, and
   * does not wait for this thread to be scheduled to send one (a batch on busy cores). Only for a worker
   * that replies in the order it was sent (one that computes each request before taking the next). A task
   * handed on is no longer urgent-first nor cancellable; one behind a task whose worker died goes back
   * to the queue.
   */
  depth?: number;
}

export interface RunOptions {
  /** Ahead of every task that is not (hovers before the tree's background work). */
  urgent?: boolean;
  /** Buffers moved to the worker rather than copied. */
  transfer?: readonly TransferListItem[];
  /** Drops the task while it waits in the queue. */
  signal?: AbortSignal;
}

const STOPPED = Symbol('stopped');

interface Task<Req, Res> {
  message: Req;
  transfer: readonly TransferListItem[];
  done(reply: Res): void;
  fail(e: Error): void;
}

interface Slot<Req, Res> {
  worker: Worker;
  /** Handed to the worker, in the order it replies: the first is the one it runs. */
  tasks: Task<Req, Res>[];
  idleTimer?: ReturnType<typeof setTimeout>;
}

/** A pool of one worker script; each request gets the worker's next message as its reply. */
export class WorkerPool<Req, Res> {
  private readonly slots: Slot<Req, Res>[] = [];
  private readonly urgent: Task<Req, Res>[] = [];
  private readonly queued: Task<Req, Res>[] = [];
  private closed = false;
  /** What `configure` gave, for workers started after it. */
  private greeting?: { message: unknown };

  constructor(
    private readonly script: string,
    private readonly opts: PoolOptions,
  ) {}

  get size(): number {
    return this.opts.size;
  }

  /** The worker's reply to `message`; rejects with `PoolCancelled` or `WorkerLost`. */
  run(message: Req, o: RunOptions = {}): Promise<Res> {
    if (this.closed || o.signal?.aborted) return Promise.reject(new PoolCancelled());
    return new Promise<Res>((resolve, reject) => {
      const queue = o.urgent ? this.urgent : this.queued;
      const onAbort = () => {
        const at = queue.indexOf(task);
        if (at >= 0) {
          queue.splice(at, 1);
          task.fail(new PoolCancelled());
        }
      };
      const task: Task<Req, Res> = {
        message,
        transfer: o.transfer ?? [],
        done: (r) => {
          o.signal?.removeEventListener('abort', onAbort);
          resolve(r);
        },
        fail: (e) => {
          o.signal?.removeEventListener('abort', onAbort);
          reject(e);
        },
      };
      o.signal?.addEventListener('abort', onAbort);
      queue.push(task);
      this.pump();
    });
  }

  /** Drops every waiting task and ends every worker (a task one held fails with `PoolCancelled`). */
  async close(): Promise<void> {
    this.closed = true;
    for (const t of [...this.urgent.splice(0), ...this.queued.splice(0)]) t.fail(new PoolCancelled());
    const slots = this.slots.splice(0);
    for (const s of slots) {
      clearTimeout(s.idleTimer);
      for (const t of s.tasks.splice(0)) t.fail(new PoolCancelled());
    }
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private pump(): void {
    while (!this.closed && this.urgent.length + this.queued.length > 0) {
      const slot = this.idleSlot();
      if (!slot) return;
      const task = (this.urgent.shift() ?? this.queued.shift())!;
      clearTimeout(slot.idleTimer);
      slot.tasks.push(task);
      slot.worker.postMessage(task.message, task.transfer);
    }
  }

  /** Starts workers up to `size` now, ahead of any task: they boot while the caller prepares the work. */
  prestart(): void {
    while (!this.closed && this.slots.length < this.opts.size) this.spawn();
  }

  /**
   * A message every worker gets ahead of its tasks, sent now to those running and to each one started
   * later (what `workerData` would carry, when it is known only after the workers started). No reply.
   */
  configure(message: unknown): void {
    this.greeting = { message };
    for (const s of this.slots) s.worker.postMessage(message);
  }

  private idleSlot(): Slot<Req, Res> | undefined {
    const idle = this.slots.find((s) => s.tasks.length === 0);
    if (idle) return idle;
    if (this.slots.length >= this.opts.size) return this.slots.find((s) => s.tasks.length < (this.opts.depth ?? 1));
    return this.spawn();
  }

  private spawn(): Slot<Req, Res> {
    const slot: Slot<Req, Res> = { worker: new Worker(this.script), tasks: [] };
    if (this.greeting) slot.worker.postMessage(this.greeting.message);
    slot.worker.on('message', (r: Res) => {
      const task = slot.tasks.shift();
      task?.done(r);
      this.pump();
      if (slot.tasks.length === 0 && this.opts.idleMs !== undefined && this.slots.includes(slot)) slot.idleTimer = setTimeout(() => this.retire(slot), this.opts.idleMs);
    });
    const lost = (e: WorkerLost) => {
      const at = this.slots.indexOf(slot);
      if (at < 0) return;
      this.slots.splice(at, 1);
      clearTimeout(slot.idleTimer);
      const [task, ...waiting] = slot.tasks.splice(0);
      task?.fail(e);
      this.queued.unshift(...waiting); // never started: another worker runs them
      this.pump();
    };
    slot.worker.on('error', (e) => lost(new WorkerLost(e.message, e.message)));
    slot.worker.on('exit', (code) => lost(new WorkerLost(`worker stopped (exit code ${code})`, undefined, code)));
    this.slots.push(slot);
    return slot;
  }

  /**
   * `run` over many items, yielding in input order: at most `ahead` requests beyond the last one yielded,
   * so memory does not grow with the run. `settle` turns a reply, or the error of a lost or cancelled
   * task, into the result. Once `stop` aborts nothing more is requested or yielded.
   */
  async *inOrder<T, Out>(items: Iterable<T>, request: (item: T) => Req, settle: (item: T, reply: Res | Error) => Out, ahead: number, stop?: AbortSignal): AsyncGenerator<Out> {
    const iterator = items[Symbol.iterator]();
    const pending: Promise<Out>[] = [];
    const fill = () => {
      while (pending.length < ahead && !stop?.aborted) {
        const it = iterator.next();
        if (it.done) return;
        const item = it.value;
        pending.push(this.run(request(item)).then((r) => settle(item, r), (e: unknown) => settle(item, e instanceof Error ? e : new Error(String(e)))));
      }
    };
    let onStop = () => {};
    const stopped = new Promise<typeof STOPPED>((resolve) => {
      onStop = () => resolve(STOPPED);
      stop?.addEventListener('abort', onStop);
    });
    try {
      fill();
      while (pending.length && !stop?.aborted) {
        const r = await Promise.race([pending[0]!, stopped]);
        if (r === STOPPED) return;
        pending.shift();
        fill();
        yield r;
      }
    } finally {
      stop?.removeEventListener('abort', onStop);
    }
  }

  private retire(slot: Slot<Req, Res>): void {
    const at = this.slots.indexOf(slot);
    if (at < 0 || slot.tasks.length > 0) return;
    this.slots.splice(at, 1);
    void slot.worker.terminate();
  }
}
