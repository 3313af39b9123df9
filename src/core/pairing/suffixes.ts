import type { Candidate, Unit } from './match';
import { baseOf, compare, dirOf, roleSuffix, withoutExtension } from './paths';

/** One folder holding `<stem>_gt|_mask|_label` next to `<stem>_pred|_prediction|_prob` (or `-`). */
export function suffixUnits(files: readonly string[]): Unit[] {
  const byDir = new Map<string, { gts: Candidate[]; preds: Candidate[] }>();
  for (const path of files) {
    const parsed = roleSuffix(baseOf(withoutExtension(path)));
    if (!parsed) continue;
    const dir = dirOf(path);
    let entry = byDir.get(dir);
    if (!entry) byDir.set(dir, (entry = { gts: [], preds: [] }));
    const c: Candidate = { path, key: parsed.base, stem: parsed.base };
    (parsed.role === 'gt' ? entry.gts : entry.preds).push(c);
  }
  return [...byDir.entries()]
    .sort(([a], [b]) => compare(a, b))
    .map(([dir, { gts, preds }]) => {
      const where = `in ${dir ? `${dir}/` : './'}`;
      return { dataset: dir, gtWhere: where, gts, sources: [{ model: '', where, preds }] };
    });
}
