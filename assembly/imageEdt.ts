/**
 * The two-sided squared EDT of an image (`twoSided2d` in src/core/distance/edt.ts) and its boundary
 * (`boundary` there), compiled to
 * WebAssembly by `npm run wasm` (AssemblyScript). The same passes with the same float64 arithmetic in
 * the same order, so its values equal the TypeScript transform's bit for bit (test/core/imageKernel.test.ts
 * holds them to it): a column pass down and up, then per row the lower envelope of parabolas for the
 * outside distances at every pixel, and for the inside ones on each row's span of the mask.
 *
 * Every array lives in the imported memory at byte offsets the caller lays out (`imageKernel.ts`):
 * mask u8[w·h] (0 or 1), rows i32[w·h] (the column distances, then the result), row f32[w], f f64[w], v i32[w], z f64[w + 1],
 * sq f64[2h + 1] (r·r·sy² for r < h, ∞ beyond: the caller fills it), fg u8[h], bg u8[h].
 */

/** Lower envelope of the parabolas s2·(q − p)² + f[p] for finite f[p], p < n: apexes in v, boundaries in z; its top index, −1 if none. */
function envelope(f: usize, v: usize, z: usize, n: i32, s2: f64): i32 {
  let k = -1;
  let p = 0;
  let gp: f64 = 0;
  let zp: f64 = -Infinity;
  const s22 = 2 * s2;
  for (let q = 0; q < n; q++) {
    const fq = load<f64>(f + (<usize>q << 3));
    if (fq == Infinity) continue;
    const gq = fq + s2 * <f64>q * <f64>q;
    let s: f64 = -Infinity;
    while (k >= 0) {
      s = (gq - gp) / (s22 * <f64>(q - p));
      if (s > zp) break;
      k--;
      if (k >= 0) {
        p = load<i32>(v + (<usize>k << 2));
        gp = load<f64>(f + (<usize>p << 3)) + s2 * <f64>p * <f64>p;
        zp = load<f64>(z + (<usize>k << 3));
      }
    }
    k++;
    store<i32>(v + (<usize>k << 2), q);
    zp = k == 0 ? -Infinity : s;
    store<f64>(z + (<usize>k << 3), zp);
    p = q;
    gp = gq;
  }
  store<f64>(z + (<usize>(k + 1) << 3), Infinity);
  return k;
}

/** The envelope at q = 0…n−1 into out[q] (f32), only where mask[q] differs from `skip` (2: everywhere). */
function sample(f: usize, v: usize, z: usize, k: i32, n: i32, s2: f64, out: usize, mask: usize, skip: i32): void {
  let q = 0;
  for (let j = 0; j <= k; j++) {
    const e = load<f64>(z + (<usize>(j + 1) << 3));
    const end = e >= <f64>(n - 1) ? n - 1 : <i32>Math.floor(e);
    const p = load<i32>(v + (<usize>j << 2));
    const fp = load<f64>(f + (<usize>p << 3));
    for (; q <= end; q++) {
      if (<i32>load<u8>(mask + q) == skip) continue;
      const d = <f64>(q - p);
      store<f32>(out + (<usize>q << 2), <f32>(s2 * d * d + fp));
    }
  }
}

const ONES = i32x4.splat(1);

/** The column pass down at pixel i of a row below the first. */
@inline function downOne(mask: usize, rows: usize, i: i32, w: i32): void {
  const d = load<u8>(mask + i - w) != load<u8>(mask + i) ? 1 : load<i32>(rows + (<usize>(i - w) << 2)) + 1;
  store<i32>(rows + (<usize>i << 2), d);
}

/** The column pass up at pixel i of a row above the last. */
@inline function upOne(mask: usize, rows: usize, i: i32, w: i32): void {
  const d = load<u8>(mask + i + w) != load<u8>(mask + i) ? 1 : load<i32>(rows + (<usize>(i + w) << 2)) + 1;
  if (d < load<i32>(rows + (<usize>i << 2))) store<i32>(rows + (<usize>i << 2), d);
}

@inline function sqOf(sq: usize, rows: usize, i: i32): f64 {
  return load<f64>(sq + (<usize>load<i32>(rows + (<usize>i << 2)) << 3));
}

/**
 * Squared distance of every pixel to the other side of the mask, into `rows` (as f32; `row`: f32[w] of
 * scratch). Returns 0 when the mask has no pixel or no background (every distance is then 0: the caller
 * fills it).
 */
export function twoSided(mask: usize, rows: usize, row: usize, f: usize, v: usize, z: usize, sq: usize, fg: usize, bg: usize, w: i32, h: i32, sx2: f64): i32 {
  // Column pass down: distance to the nearest pixel of the other value above (h: none); rows with
  // mask pixels, rows with background and the mask's box on the way.
  let bx0 = w;
  let bx1 = -1;
  let anyBg = 0;
  for (let y = 0; y < h; y++) {
    const r0 = y * w;
    let any = 0;
    let all = 1;
    if (y == 0) {
      for (let x = 0; x < w; x++) {
        const m = <i32>load<u8>(mask + x);
        any |= m;
        all &= m;
        store<i32>(rows + (<usize>x << 2), h);
      }
    } else {
      // Sixteen pixels whose mask equals the sixteen above (most of them) add one to the distances above
      // with four vector additions; the others, and the row's tail, a pixel at a time.
      let i = r0;
      let anyV = i8x16.splat(0);
      let allV = i8x16.splat(1);
      for (; i + 16 <= r0 + w; i += 16) {
        const m = v128.load(mask + i);
        anyV = v128.or(anyV, m);
        allV = v128.and(allV, m);
        if (i8x16.all_true(i8x16.eq(m, v128.load(mask + i - w)))) {
          const at = rows + (<usize>i << 2);
          const up = at - (<usize>w << 2);
          v128.store(at, i32x4.add(v128.load(up), ONES), 0);
          v128.store(at, i32x4.add(v128.load(up, 16), ONES), 16);
          v128.store(at, i32x4.add(v128.load(up, 32), ONES), 32);
          v128.store(at, i32x4.add(v128.load(up, 48), ONES), 48);
        } else for (let j = i; j < i + 16; j++) downOne(mask, rows, j, w);
      }
      any = v128.any_true(anyV) ? 1 : 0;
      all = i8x16.all_true(allV) ? 1 : 0;
      for (; i < r0 + w; i++) {
        const m = <i32>load<u8>(mask + i);
        any |= m;
        all &= m;
        downOne(mask, rows, i, w);
      }
    }
    store<u8>(fg + y, <u8>any);
    store<u8>(bg + y, <u8>(all ^ 1));
    anyBg |= all ^ 1;
    if (any) {
      for (let x = 0; x < bx0; x++) if (load<u8>(mask + r0 + x)) bx0 = x;
      for (let x = w - 1; x > bx1; x--) if (load<u8>(mask + r0 + x)) bx1 = x;
    }
  }
  if (bx1 < 0 || anyBg == 0) return 0;
  // ... and up: the nearest below is the pixel below when it differs, else as far as its own plus one
  // (sixteen at a time where the mask equals the sixteen below, as above).
  for (let y = h - 2; y >= 0; y--) {
    const r0 = y * w;
    let i = r0 + w;
    for (; i - 16 >= r0; i -= 16) {
      const at = i - 16;
      if (i8x16.all_true(i8x16.eq(v128.load(mask + at), v128.load(mask + at + w)))) {
        const p = rows + (<usize>at << 2);
        const below = p + (<usize>w << 2);
        v128.store(p, i32x4.min_s(v128.load(p), i32x4.add(v128.load(below), ONES)), 0);
        v128.store(p, i32x4.min_s(v128.load(p, 16), i32x4.add(v128.load(below, 16), ONES)), 16);
        v128.store(p, i32x4.min_s(v128.load(p, 32), i32x4.add(v128.load(below, 32), ONES)), 32);
        v128.store(p, i32x4.min_s(v128.load(p, 48), i32x4.add(v128.load(below, 48), ONES)), 48);
      } else for (let j = i - 1; j >= at; j--) upOne(mask, rows, j, w);
    }
    for (let j = i - 1; j >= r0; j--) upOne(mask, rows, j, w);
  }
  // Per row: the outside envelope (rows with background) over every pixel's parabola (0 on the mask's
  // edge, ∞ inside it, the column distance elsewhere), written at every pixel; then the inside one (rows
  // with mask pixels) on the row's span of the mask grown by one (0 off the mask beside it, ∞ further
  // off), written at mask pixels. The row's distances then take the place of its column distances,
  // which no later row reads: the result is in `rows`, as float32.
  for (let y = 0; y < h; y++) {
    const r0 = y * w;
    if (load<u8>(bg + y)) {
      store<f64>(f, load<u8>(mask + r0) ? 0 : sqOf(sq, rows, r0));
      store<f64>(f + (<usize>(w - 1) << 3), load<u8>(mask + r0 + w - 1) ? 0 : sqOf(sq, rows, r0 + w - 1));
      for (let q = 1; q < w - 1; q++) {
        const i = r0 + q;
        const edge: f64 = load<u8>(mask + i - 1) & load<u8>(mask + i + 1) ? Infinity : 0;
        store<f64>(f + (<usize>q << 3), load<u8>(mask + i) ? edge : sqOf(sq, rows, i));
      }
      sample(f, v, z, envelope(f, v, z, w, sx2), w, sx2, row, mask + r0, 2);
    }
    if (load<u8>(fg + y)) {
      let a = bx0;
      while (!load<u8>(mask + r0 + a)) a++;
      let b = bx1;
      while (!load<u8>(mask + r0 + b)) b--;
      const x0 = a > 0 ? a - 1 : 0;
      const n = (b < w - 1 ? b + 1 : b) - x0 + 1;
      const s0 = r0 + x0;
      store<f64>(f, load<u8>(mask + s0) ? sqOf(sq, rows, s0) : 0);
      store<f64>(f + (<usize>(n - 1) << 3), load<u8>(mask + s0 + n - 1) ? sqOf(sq, rows, s0 + n - 1) : 0);
      for (let q = 1; q < n - 1; q++) {
        const i = s0 + q;
        const beside: f64 = load<u8>(mask + i - 1) | load<u8>(mask + i + 1) ? 0 : Infinity;
        store<f64>(f + (<usize>q << 3), load<u8>(mask + i) ? sqOf(sq, rows, i) : beside);
      }
      sample(f, v, z, envelope(f, v, z, n, sx2), n, sx2, row + (<usize>x0 << 2), mask + s0, 0);
    }
    memory.copy(rows + (<usize>r0 << 2), row, <usize>w << 2);
  }
  return 1;
}

/**
 * The boundary of an image's mask (`boundary` in src/core/distance/edt.ts): 1 at mask pixels on the
 * image's edge or with a 4-neighbour off the mask, else 0, into out (every pixel written). Sixteen
 * pixels a vector step away from the edges.
 */
export function boundary(mask: usize, out: usize, w: i32, h: i32): void {
  for (let y = 0; y < h; y++) {
    const r0 = y * w;
    // Every mask pixel of the first and last rows and columns is on the boundary.
    if (y == 0 || y == h - 1 || w < 3) {
      memory.copy(out + r0, mask + r0, w);
      continue;
    }
    store<u8>(out + r0, load<u8>(mask + r0));
    let i = r0 + 1;
    for (; i + 16 <= r0 + w - 1; i += 16) {
      const inner = v128.and(v128.and(v128.load(mask + i - 1), v128.load(mask + i + 1)), v128.and(v128.load(mask + i - w), v128.load(mask + i + w)));
      v128.store(out + i, v128.andnot(v128.load(mask + i), inner));
    }
    for (; i < r0 + w - 1; i++) {
      const inner = load<u8>(mask + i - 1) & load<u8>(mask + i + 1) & load<u8>(mask + i - w) & load<u8>(mask + i + w);
      store<u8>(out + i, load<u8>(mask + i) & ~inner & 1);
    }
    store<u8>(out + r0 + w - 1, load<u8>(mask + r0 + w - 1));
  }
}
