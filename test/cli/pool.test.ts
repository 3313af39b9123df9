import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeAll, startWorkers } from '../../src/cli/pool';
import type { PairJob } from '../../src/core/report/pairJob';
import type { PairReport } from '../../src/core/report/schema';

describe('worker pool', () => {
  it('a worker that dies fails its pair, is replaced, and the run still ends', async () => {
    // A worker script that exits at once: every pair it is given is lost with it.
    const dir = mkdtempSync(join(tmpdir(), 'mask-inspector-pool-'));
    const crash = join(dir, 'crash.js');
    writeFileSync(crash, 'process.exit(3);\n');
    const jobs: PairJob[] = Array.from({ length: 5 }, (_, i) => ({ root: dir, gt: `gt/${i}.png`, pred: `pred/${i}.png`, dataset: '', model: '' }));
    const out: PairReport[] = [];
    const workers = startWorkers(2, crash);
    try {
      for await (const r of computeAll(jobs, { engine: {} }, workers)) out.push(r);
    } finally {
      await workers?.close();
    }
    expect(out.map((r) => r.pred)).toEqual(jobs.map((j) => j.pred));
    for (const r of out) {
      expect(r.error?.code).toBe('internal');
      expect(r.error?.message).toMatch(/pred\/\d\.png: worker stopped \(exit code 3\)/);
    }
  }, 30_000);
});
