/** Options bounding one pair's work and the run's memory, parsed apart from the rest. */
export interface LimitArgs {
  maxClasses?: number;
  /** Bytes the whole run may use (divided among parallel pairs). */
  maxMemory?: number;
}

export const LIMIT_FLAGS = ['--max-classes', '--max-memory'] as const;

export const LIMIT_USAGE = `  --max-classes N                  refuse masks with more classes (largest label + 1) (default 255)
  --max-memory MIB                 memory the run may use, shared by its parallel pairs; a pair estimated
                                   to need more is refused (default: 3/4 of RAM, at most the free memory)`;

/** `one(flag)` gives a flag's single value; `fail(message)` throws the usage error. */
export function parseLimitArgs(one: (flag: string) => string | undefined, fail: (message: string) => never): LimitArgs {
  const out: LimitArgs = {};
  const int = (flag: string, min: number, max: number): number | undefined => {
    const text = one(flag);
    if (text === undefined) return undefined;
    const x = Number(text);
    if (text.trim() === '' || !Number.isInteger(x) || x < min || x > max) fail(`${flag} needs an integer in ${min}..${max}, got '${text}'`);
    return x;
  };
  const classes = int('--max-classes', 2, 65536);
  const memory = int('--max-memory', 16, 1 << 30);
  if (classes !== undefined) out.maxClasses = classes;
  if (memory !== undefined) out.maxMemory = memory * 1024 * 1024;
  return out;
}
