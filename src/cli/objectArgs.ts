import { CONNECTIVITIES, DEFAULT_CONNECTIVITY } from '../core/objects/connectivity';
import { INSTANCE_ENCODINGS, type InstanceEncoding } from '../core/objects/instances';
import { MATCH_RULES, type MatchRule } from '../core/objects/match';
import type { ObjectSettings } from '../core/objects/report';

/** Options of object-level evaluation, parsed apart from the rest. */
export interface ObjectArgs {
  objects: ObjectSettings;
}

export const OBJECT_FLAGS = ['--connectivity', '--match', '--instances'] as const;

export const OBJECT_USAGE = `  --connectivity 4|8|6|18|26       neighbours that join pixels into one object (default: all, 8 on an
                                   image and 26 in a volume; 4 and 6 face neighbours, 18 adds edges)
  --match iou|overlap              objects match when IoU > 0.5 (default), or by any overlap, one to one
                                   (largest overlap first)
  --instances cityscapes|ids       both files are instance-id maps (grey PNG, integer .npy, NIfTI, NRRD):
                                   cityscapes = class*1000 + instance (below 1000: a class without
                                   instances), ids = each non-zero value one object of class 1 (cell
                                   masks); objects are the instances`;

/** `one(flag)` gives a flag's single value; `fail(message)` throws the usage error. */
export function parseObjectArgs(one: (flag: string) => string | undefined, fail: (message: string) => never): ObjectArgs {
  const c = one('--connectivity');
  const connectivity = c === undefined ? DEFAULT_CONNECTIVITY : CONNECTIVITIES.find((x) => String(x) === c.trim());
  if (connectivity === undefined) return fail(`--connectivity is one of ${CONNECTIVITIES.join(', ')}, got '${c}'`);
  const match = (one('--match') ?? 'iou') as MatchRule;
  if (!MATCH_RULES.includes(match)) fail(`--match is one of ${MATCH_RULES.join(', ')}, got '${match}'`);
  const instances = one('--instances') as InstanceEncoding | undefined;
  if (instances !== undefined && !INSTANCE_ENCODINGS.includes(instances)) fail(`--instances is one of ${INSTANCE_ENCODINGS.join(', ')}, got '${instances}'`);
  return { objects: instances ? { connectivity, match, instances } : { connectivity, match } };
}
