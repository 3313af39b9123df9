/** The one worker pool of the CLI's --jobs and the extension's compute service, on a tiny worker script. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PoolCancelled, WorkerLost, WorkerPool } from '../../src/node/workerPool';

interface Req {
  value: number;
  ms?: number;
  crash?: number;
}
/** `configure`'s message: later replies add `plus`. */
interface Config {
  plus: number;
}
interface Res {
  value: number;
  thread: number;
}

// Replies value × 2 (+ the configured `plus`) after `ms`, with its thread id; `crash` exits with that
// code instead; a { plus } message is configuration, not replied to.
const dir = mkdtempSync(join(tmpdir(), 'mask-inspector-workerpool-'));
const script = join(dir, 'echo.cjs');
writeFileSync(
  script,
  `const { parentPort, threadId } = require('node:worker_threads');
let plus = 0;
parentPort.on('message', (m) => {
  if (m.plus !== undefined) return void (plus = m.plus);
  if (m.crash !== undefined) process.exit(m.crash);
  setTimeout(() => parentPort.postMessage({ value: m.value * 2 + plus, thread: threadId }), m.ms ?? 0);
});`,
);

let pool: WorkerPool<Req, Res> | undefined;
afterEach(async () => {
  await pool?.close();
});

describe('worker pool', () => {
  it('prestarted workers take the configuration sent after they started, and so does a replacement started later', async () => {
    pool = new WorkerPool<Req, Res>(script, { size: 2 });
    pool.prestart();
    pool.configure({ plus: 100 } satisfies Config);
    const replies = await Promise.all([pool.run({ value: 1, ms: 30 }), pool.run({ value: 2, ms: 30 })]);
    expect(replies.map((r) => r.value)).toEqual([102, 104]);
    // Both workers were there before the work came: two threads ran the two tasks at once.
    expect(new Set(replies.map((r) => r.thread)).size).toBe(2);
    await expect(pool.run({ value: 0, crash: 5 })).rejects.toBeInstanceOf(WorkerLost);
    const after = await Promise.all([pool.run({ value: 3 }), pool.run({ value: 4 })]);
    expect(after.map((r) => r.value)).toEqual([106, 108]);
  });

  it('runs tasks on up to `size` workers; urgent tasks go before queued ones', async () => {
    pool = new WorkerPool<Req, Res>(script, { size: 1 });
    const order: number[] = [];
    const track = (p: Promise<Res>) => p.then((r) => (order.push(r.value), r));
    const first = track(pool.run({ value: 1, ms: 50 }));
    const background = track(pool.run({ value: 2 }));
    const urgent = track(pool.run({ value: 3 }, { urgent: true }));
    await Promise.all([first, background, urgent]);
    expect(order).toEqual([2, 6, 4]);
  });

  it('a queued task whose signal aborts is dropped with PoolCancelled; a running one finishes', async () => {
    pool = new WorkerPool<Req, Res>(script, { size: 1 });
    const abort = new AbortController();
    const running = pool.run({ value: 1, ms: 50 }, { signal: abort.signal });
    const queued = pool.run({ value: 2 }, { signal: abort.signal });
    abort.abort();
    await expect(queued).rejects.toBeInstanceOf(PoolCancelled);
    await expect(running).resolves.toMatchObject({ value: 2 });
  });

  it('a worker that dies fails only its task, with how it ended; the next task gets a fresh worker', async () => {
    pool = new WorkerPool<Req, Res>(script, { size: 1 });
    const before = await pool.run({ value: 1 });
    const lost = pool.run({ value: 0, crash: 7 });
    const after = pool.run({ value: 5 });
    const e = await lost.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WorkerLost);
    expect(e).toMatchObject({ exitCode: 7, message: 'worker stopped (exit code 7)' });
    const r = await after;
    expect(r.value).toBe(10);
    expect(r.thread).not.toBe(before.thread);
  });

  it('with depth 2 a worker holds its next task; one behind a task whose worker died runs on a fresh worker', async () => {
    pool = new WorkerPool<Req, Res>(script, { size: 1, depth: 2 });
    const [a, b] = await Promise.all([pool.run({ value: 1, ms: 20 }), pool.run({ value: 2, ms: 20 })]);
    expect([a.value, b.value]).toEqual([2, 4]);
    expect(b.thread).toBe(a.thread);
    const lost = pool.run({ value: 0, crash: 3 });
    const behind = pool.run({ value: 5 });
    await expect(lost).rejects.toMatchObject({ exitCode: 3 });
    const r = await behind;
    expect(r.value).toBe(10);
    expect(r.thread).not.toBe(a.thread);
  });

  it('an idle worker ends after idleMs; a later task starts another', async () => {
    pool = new WorkerPool<Req, Res>(script, { size: 1, idleMs: 20 });
    const a = await pool.run({ value: 1 });
    const b = await pool.run({ value: 1 });
    expect(b.thread).toBe(a.thread);
    await new Promise((r) => setTimeout(r, 200));
    expect((await pool.run({ value: 1 })).thread).not.toBe(a.thread);
  });

  it('inOrder yields in input order, with at most `ahead` requested beyond the last yielded, a lost task settled', async () => {
    pool = new WorkerPool<Req, Res>(script, { size: 2 });
    const requested: number[] = [];
    const seen: Array<number | string> = [];
    const items = [0, 1, 2, 3, 4, 5, 6];
    const request = (i: number): Req => (requested.push(i), i === 3 ? { value: i, crash: 9 } : { value: i, ms: i === 0 ? 100 : 0 });
    const settle = (i: number, r: Res | Error) => (r instanceof Error ? `${i}: ${r.message}` : r.value);
    for await (const r of pool.inOrder(items, request, settle, 3)) {
      if (!seen.length) expect(requested.length).toBeLessThanOrEqual(4);
      seen.push(r);
    }
    expect(seen).toEqual([0, 2, 4, '3: worker stopped (exit code 9)', 8, 10, 12]);
  });

  it('inOrder stops requesting and yielding once its signal aborts', async () => {
    pool = new WorkerPool<Req, Res>(script, { size: 2 });
    const stop = new AbortController();
    const seen: number[] = [];
    for await (const r of pool.inOrder([1, 2, 3, 4, 5, 6], (value) => ({ value }), (_, r) => (r instanceof Error ? -1 : r.value), 2, stop.signal)) {
      seen.push(r);
      if (seen.length === 2) stop.abort();
    }
    expect(seen).toEqual([2, 4]);
  });

  it('close drops waiting and running tasks with PoolCancelled, and refuses new ones', async () => {
    pool = new WorkerPool<Req, Res>(script, { size: 1 });
    const running = pool.run({ value: 1, ms: 1000 });
    const queued = pool.run({ value: 2 });
    await new Promise((r) => setTimeout(r, 50));
    const dropped = [expect(running).rejects.toBeInstanceOf(PoolCancelled), expect(queued).rejects.toBeInstanceOf(PoolCancelled)];
    await pool.close();
    await Promise.all(dropped);
    await expect(pool.run({ value: 3 })).rejects.toBeInstanceOf(PoolCancelled);
  });
});
