/**
 * Whether a shown loss report still matches the settings: the report keeps the numbers it was computed
 * with, and says what changed since (so no one reads old numbers as new ones). Pure.
 */
import type { Columns } from '../../core/report/formats';
import type { ReportSettings } from '../../core/report/schema';
import type { PresetId } from '../../core/types';

/** What a report's numbers and columns depend on. */
export interface ReportBasis {
  preset: PresetId;
  settings: ReportSettings;
  columns: Columns;
  maxPixels: number;
}

const text = (v: unknown): string => (v === null || v === undefined ? 'none' : Array.isArray(v) ? v.join(' × ') : String(v));
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** One phrase per setting that differs ("preset paper → monai"); empty when the report is current. */
export function basisChanges(shown: ReportBasis, now: ReportBasis): string[] {
  const out: string[] = [];
  const scalar = (name: string, a: unknown, b: unknown) => {
    if (!same(a, b)) out.push(`${name} ${text(a)} → ${text(b)}`);
  };
  scalar('preset', shown.preset, now.preset);
  scalar('threshold', shown.settings.threshold, now.settings.threshold);
  scalar('ignore index', shown.settings.ignoreIndex, now.settings.ignoreIndex);
  scalar('spacing', shown.settings.spacing, now.settings.spacing);
  scalar('NSD tolerance', shown.settings.nsdTolerance, now.settings.nsdTolerance);
  scalar('pixel limit', shown.maxPixels, now.maxPixels);
  if (!same(shown.settings.params, now.settings.params)) out.push('loss parameters');
  // Settings added to the report later are named by their key.
  const known = new Set(['threshold', 'ignoreIndex', 'spacing', 'nsdTolerance', 'params']);
  const keys = new Set([...Object.keys(shown.settings), ...Object.keys(now.settings)].filter((k) => !known.has(k)));
  for (const k of keys) if (!same((shown.settings as unknown as Record<string, unknown>)[k], (now.settings as unknown as Record<string, unknown>)[k])) out.push(k);
  if (!same(shown.columns, now.columns)) out.push('losses or metrics shown');
  return out;
}
