/** Deterministic pseudo-random integers in [0, 2^depth), for fixtures. */
export function samplesFor(count: number, depth: number, seed = 1): number[] {
  let s = seed;
  const max = 2 ** depth;
  return Array.from({ length: count }, () => {
    s = (s * 1103515245 + 12345) >>> 0;
    return (s >>> 8) % max;
  });
}
