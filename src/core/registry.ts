import { LOSSES } from './losses/index';
import type { LossModule } from './losses/types';
import { METRICS } from './metrics/index';
import type { MetricModule } from './metrics/types';
import { SettingError } from './types';

export { LOSSES, METRICS };
export type { LossModule, MetricModule };

const lossById = new Map(LOSSES.map((l) => [l.id, l]));
const metricById = new Map(METRICS.map((m) => [m.id, m]));

export function getLoss(id: string): LossModule {
  const l = lossById.get(id);
  if (!l) throw new SettingError(`unknown loss '${id}' (known: ${LOSSES.map((x) => x.id).join(', ')})`);
  return l;
}

export function getMetric(id: string): MetricModule {
  const m = metricById.get(id);
  if (!m) throw new SettingError(`unknown metric '${id}' (known: ${METRICS.map((x) => x.id).join(', ')})`);
  return m;
}
