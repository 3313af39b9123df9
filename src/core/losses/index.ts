import { balancedCe } from './balancedCe';
import { boundary } from './boundary';
import { ce } from './ce';
import { combo } from './combo';
import { dice } from './dice';
import { diceCe } from './diceCe';
import { distancePenalizedCe } from './distancePenalizedCe';
import { expLog } from './expLog';
import { focal } from './focal';
import { focalTversky } from './focalTversky';
import { generalizedDice } from './generalizedDice';
import { hausdorffDt } from './hausdorffDt';
import { jaccard } from './jaccard';
import { logCoshDice } from './logCoshDice';
import { lovaszHinge } from './lovaszHinge';
import { mcc } from './mcc';
import { sensitivitySpecificity } from './sensitivitySpecificity';
import { shapeAware } from './shapeAware';
import { tversky } from './tversky';
import type { LossModule } from './types';
import { weightedCe } from './weightedCe';

/** Every loss, in the order of docs/LOSSES.md. Adding a loss: one module here plus its tests (and, for a per-pixel sum, its term in stats/terms/). */
export const LOSSES: readonly LossModule[] = [
  ce, weightedCe, balancedCe, focal, distancePenalizedCe,
  dice, jaccard, tversky, focalTversky, sensitivitySpecificity, logCoshDice, generalizedDice, mcc, lovaszHinge,
  shapeAware, hausdorffDt, boundary,
  expLog, combo, diceCe,
];
