export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

/** A Markdown table row, so the printed figures paste into an issue as they are. */
export const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
