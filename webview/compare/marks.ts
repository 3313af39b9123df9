/**
 * Performance marks the view sets on its timeline (`performance.getEntriesByName`): the benchmark
 * reads the time from a pair's `load` to each, and the browser tests their order.
 */
/** The masks' layers (confusion, boundaries) are on the canvas. */
export const OVERLAYS_DRAWN = 'mask-inspector:overlays-drawn';
/** The table shows the numbers of the latest change. */
export const NUMBERS_SHOWN = 'mask-inspector:numbers-shown';
