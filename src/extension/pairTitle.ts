/**
 * The title of a comparison: which file, and which model it comes from. Masks of one stem in sibling
 * folders ("cells/gt/img_003.png", "cells/pred/unet/img_003.png") read "img_003.png — unet vs gt";
 * otherwise both names, with their folders where those differ. Pure: takes `/`-separated paths.
 */
const stemOf = (name: string): string => name.replace(/\.[^.]*$/, '');

export function pairTitle(gtPath: string, predPath: string): string {
  const g = gtPath.split('/');
  const p = predPath.split('/');
  const gName = g.pop() ?? '';
  const pName = p.pop() ?? '';
  let common = 0;
  while (common < g.length && common < p.length && g[common] === p[common]) common++;
  if (common === g.length && common === p.length) return `${pName} vs ${gName}`;
  // Each file's own folder: the model's for a prediction (pred/<model>/…).
  const side = (dirs: string[]) => dirs.at(-1) ?? '.';
  if (stemOf(gName) === stemOf(pName)) return `${pName} — ${side(p)} vs ${side(g)}`;
  return `${side(p)}/${pName} vs ${side(g)}/${gName}`;
}
