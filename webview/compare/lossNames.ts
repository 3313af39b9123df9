/** Display names of the losses, by id (the read-out, the heat-map scale). */
import { LOSSES } from '../../src/core/registry';

export const LOSS_NAMES: ReadonlyMap<string, string> = new Map(LOSSES.map((l) => [l.id, l.name]));
