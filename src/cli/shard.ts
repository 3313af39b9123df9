import type { Shard } from '../core/report/shard';

/** `--shard K/N`, `--shard auto` (from the scheduler's environment) and `--shard-count N`, as given. */
export interface ShardArgs {
  shard?: { index: number; count: number } | 'auto';
  shardCount?: number;
}

/** A shard taken from the environment, and the words saying where it came from. */
export interface ResolvedShard extends Shard {
  source: string;
}

/** A scheduler variable as a non-negative integer; undefined when unset. */
function envInt(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  const x = Number(text);
  if (!Number.isInteger(x) || x < 0) throw new Error(`--shard: ${name}='${text}' is not a non-negative integer`);
  return x;
}

/**
 * The shard of this process: explicit K/N, else a Slurm array task (K from SLURM_ARRAY_TASK_ID minus
 * SLURM_ARRAY_TASK_MIN, over SLURM_ARRAY_TASK_STEP; N = SLURM_ARRAY_TASK_COUNT), else a Kubernetes
 * Indexed Job (K = JOB_COMPLETION_INDEX + 1, N from --shard-count). Undefined without sharding.
 */
export function resolveShard(a: ShardArgs, env: NodeJS.ProcessEnv): ResolvedShard | undefined {
  if (a.shard === undefined && a.shardCount === undefined) return undefined;
  if (a.shard !== undefined && a.shard !== 'auto') return { ...a.shard, source: '--shard' };
  const slurmId = envInt(env, 'SLURM_ARRAY_TASK_ID');
  if (slurmId !== undefined) {
    const min = envInt(env, 'SLURM_ARRAY_TASK_MIN') ?? 0;
    const step = envInt(env, 'SLURM_ARRAY_TASK_STEP') || 1;
    const count = a.shardCount ?? envInt(env, 'SLURM_ARRAY_TASK_COUNT');
    if (count === undefined || count < 1) throw new Error('--shard auto: SLURM_ARRAY_TASK_COUNT is not set; give --shard-count N');
    const offset = slurmId - min;
    const index = offset / step + 1;
    if (offset < 0 || !Number.isInteger(index) || index > count)
      throw new Error(
        `--shard auto: SLURM_ARRAY_TASK_ID=${slurmId} is not one of ${count} evenly spaced tasks from SLURM_ARRAY_TASK_MIN=${min} (step ${step}); use --array=0-${count - 1} or give --shard K/N`,
      );
    return { index, count, source: `SLURM_ARRAY_TASK_ID=${slurmId}, SLURM_ARRAY_TASK_MIN=${min}${step > 1 ? `, SLURM_ARRAY_TASK_STEP=${step}` : ''}` };
  }
  const k8s = envInt(env, 'JOB_COMPLETION_INDEX');
  if (k8s !== undefined) {
    if (a.shardCount === undefined) throw new Error('--shard auto: JOB_COMPLETION_INDEX is set but the number of shards is not; give --shard-count N (the Job\'s completions)');
    if (k8s >= a.shardCount) throw new Error(`--shard auto: JOB_COMPLETION_INDEX=${k8s} is not below --shard-count ${a.shardCount}`);
    return { index: k8s + 1, count: a.shardCount, source: `JOB_COMPLETION_INDEX=${k8s}` };
  }
  throw new Error('--shard auto: neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set; give --shard K/N');
}

/** Parses the text of `--shard`: `K/N` with 1 ≤ K ≤ N, or `auto`; undefined when it is neither. */
export function parseShardText(text: string): ShardArgs['shard'] | undefined {
  if (text === 'auto') return 'auto';
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return index >= 1 && index <= count ? { index, count } : undefined;
}
