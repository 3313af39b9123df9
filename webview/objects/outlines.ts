/**
 * Object outlines as segments along pixel edges: an edge is on an object's outline when the pixels on
 * its two sides are not both in the object (the image's border counts as outside). Drawn as lines, so
 * at any zoom an outline lies exactly between the object's pixels and its neighbours', over the raster
 * layers rather than hiding their pixels.
 */

/**
 * Edges of the objects of an id map (`ids[y·width + x]`, 0 = none), one flat list [x0, y0, x1, y1, …]
 * per group; `groupOf[id]` puts object `id` in a group, or leaves it out with −1. An edge between two
 * objects of the map is on both outlines. One pass over the image, whatever the number of objects.
 */
export function outlineSegments(ids: ArrayLike<number>, width: number, height: number, groupOf: Int8Array, groups: number): Float32Array[] {
  const out: number[][] = Array.from({ length: groups }, () => []);
  const add = (id: number, x0: number, y0: number, x1: number, y1: number) => {
    const g = id ? groupOf[id] : -1;
    if (g >= 0) out[g].push(x0, y0, x1, y1);
  };
  for (let y = 0; y <= height; y++)
    for (let x = 0; x <= width; x++) {
      const here = x < width && y < height ? ids[y * width + x] : 0;
      if (y < height) {
        // The vertical edge left of (x, y).
        const left = x > 0 ? ids[y * width + x - 1] : 0;
        if (left !== here) (add(left, x, y, x, y + 1), add(here, x, y, x, y + 1));
      }
      if (x < width) {
        // The horizontal edge above (x, y).
        const above = y > 0 ? ids[(y - 1) * width + x] : 0;
        if (above !== here) (add(above, x, y, x + 1, y), add(here, x, y, x + 1, y));
      }
    }
  return out.map((s) => Float32Array.from(s));
}
