import { describe, expect, it } from 'vitest';
import { parseShardText, resolveShard } from '../../src/cli/shard';

describe('the shard of a process, from the flags and the scheduler', () => {
  it('--shard K/N counts from 1; anything else is not a shard', () => {
    expect(parseShardText('1/4')).toEqual({ index: 1, count: 4 });
    expect(parseShardText('4/4')).toEqual({ index: 4, count: 4 });
    expect(parseShardText('auto')).toBe('auto');
    for (const bad of ['0/4', '5/4', '1/0', '1', '-1/4', '1.5/4', 'a/b', '']) expect(parseShardText(bad), bad).toBeUndefined();
  });

  it('no flag: no shard, whatever the environment holds', () => {
    expect(resolveShard({}, { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_COUNT: '4' })).toBeUndefined();
  });

  it('Slurm arrays: --array=0-3, --array=1-4, --array=10-40:10', () => {
    const slurm = (id: number, min: number, count: number, step?: number) =>
      resolveShard({ shard: 'auto' }, { SLURM_ARRAY_TASK_ID: String(id), SLURM_ARRAY_TASK_MIN: String(min), SLURM_ARRAY_TASK_COUNT: String(count), ...(step && { SLURM_ARRAY_TASK_STEP: String(step) }) });
    expect([0, 1, 2, 3].map((id) => slurm(id, 0, 4)?.index)).toEqual([1, 2, 3, 4]);
    expect([1, 2, 3, 4].map((id) => slurm(id, 1, 4)?.index)).toEqual([1, 2, 3, 4]);
    expect([10, 20, 30, 40].map((id) => slurm(id, 10, 4, 10)?.index)).toEqual([1, 2, 3, 4]);
    expect(slurm(2, 0, 4)).toMatchObject({ index: 3, count: 4, source: 'SLURM_ARRAY_TASK_ID=2, SLURM_ARRAY_TASK_MIN=0' });
    // --shard-count wins over the array's size.
    expect(resolveShard({ shard: 'auto', shardCount: 8 }, { SLURM_ARRAY_TASK_ID: '7', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_COUNT: '8' })).toMatchObject({ index: 8, count: 8 });
    // A list like --array=1,5,9 cannot be numbered 1..N.
    expect(() => slurm(9, 1, 3)).toThrow(/SLURM_ARRAY_TASK_ID=9 is not one of 3 evenly spaced tasks/);
    expect(() => resolveShard({ shard: 'auto' }, { SLURM_ARRAY_TASK_ID: 'x' })).toThrow(/SLURM_ARRAY_TASK_ID='x' is not a non-negative integer/);
  });

  it('Kubernetes Indexed Jobs: JOB_COMPLETION_INDEX from 0, N from --shard-count', () => {
    expect(resolveShard({ shardCount: 5 }, { JOB_COMPLETION_INDEX: '0' })).toMatchObject({ index: 1, count: 5 });
    expect(resolveShard({ shard: 'auto', shardCount: 5 }, { JOB_COMPLETION_INDEX: '4' })).toMatchObject({ index: 5, count: 5, source: 'JOB_COMPLETION_INDEX=4' });
    expect(() => resolveShard({ shardCount: 5 }, { JOB_COMPLETION_INDEX: '5' })).toThrow(/not below --shard-count 5/);
    expect(() => resolveShard({ shard: 'auto' }, { JOB_COMPLETION_INDEX: '1' })).toThrow(/give --shard-count N/);
  });

  it('explicit K/N wins over the environment', () => {
    expect(resolveShard({ shard: { index: 2, count: 3 } }, { JOB_COMPLETION_INDEX: '0' })).toMatchObject({ index: 2, count: 3, source: '--shard' });
  });
});
