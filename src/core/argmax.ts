/** The class of pixel `i` in channel-major `[C,H,W]` probabilities: the first maximum on ties. */
export function argmaxAt(prob: ArrayLike<number>, classes: number, n: number, i: number): number {
  let best = 0;
  let bestP = prob[i];
  for (let c = 1; c < classes; c++) {
    const pc = prob[c * n + i];
    if (pc > bestP) {
      bestP = pc;
      best = c;
    }
  }
  return best;
}
