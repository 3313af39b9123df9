/**
 * The one-dimensional step of the separable exact EDT (Felzenszwalb & Huttenlocher 2012): the lower
 * envelope of the parabolas s2·(q − p)² + f[p] over the p < n with a finite f[p]. Every pass of the
 * 2-D and 3-D transforms calls this; each then samples the envelope where it needs values.
 */

/**
 * Builds the envelope: the apexes of its parabolas in v[0..k], the boundaries between them in z[0..k+1].
 * Returns k, or −1 when every f[p] is infinite (no parabola, nothing to sample).
 */
export function lowerEnvelope(f: Float64Array, n: number, s2: number, v: Int32Array, z: Float64Array): number {
  let k = -1;
  // The top parabola's apex, its f + s2·p² and left end, kept in locals.
  let p = 0;
  let gp = 0;
  let zp = -Infinity;
  const s22 = 2 * s2;
  for (let q = 0; q < n; q++) {
    const fq = f[q];
    if (fq === Infinity) continue;
    const gq = fq + s2 * q * q;
    let s = -Infinity;
    while (k >= 0) {
      s = (gq - gp) / (s22 * (q - p));
      if (s > zp) break;
      k--;
      if (k >= 0) {
        p = v[k];
        gp = f[p] + s2 * p * p;
        zp = z[k];
      }
    }
    k++;
    v[k] = q;
    zp = z[k] = k === 0 ? -Infinity : s;
    p = q;
    gp = gq;
  }
  z[k + 1] = Infinity;
  return k;
}

/**
 * The envelope built by `lowerEnvelope` (k ≥ 0) at q = 0..n−1, written to out[o + q·step]. Walks it
 * parabola by parabola (q lies on parabola j when z[j] < q ≤ z[j+1]): one loop exit per parabola
 * rather than a comparison per q that the branch predictor keeps missing.
 */
export function sampleEnvelope(f: Float64Array, n: number, s2: number, v: Int32Array, z: Float64Array, k: number, out: Float32Array, o: number, step: number): void {
  let q = 0;
  for (let j = 0; j <= k; j++) {
    const e = z[j + 1];
    const end = e >= n - 1 ? n - 1 : Math.floor(e);
    const p = v[j];
    const fp = f[p];
    for (; q <= end; q++) {
      const d = q - p;
      out[o + q * step] = s2 * d * d + fp;
    }
  }
}

/** `sampleEnvelope`, written only where mask[o + q·step] !== skip (out and mask index alike). */
export function sampleEnvelopeWhere(f: Float64Array, n: number, s2: number, v: Int32Array, z: Float64Array, k: number, out: Float32Array, o: number, step: number, mask: Uint8Array, skip: number): void {
  let q = 0;
  for (let j = 0; j <= k; j++) {
    const e = z[j + 1];
    const end = e >= n - 1 ? n - 1 : Math.floor(e);
    const p = v[j];
    const fp = f[p];
    for (; q <= end; q++) {
      const i = o + q * step;
      if (mask[i] === skip) continue;
      const d = q - p;
      out[i] = s2 * d * d + fp;
    }
  }
}
