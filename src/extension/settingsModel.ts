/**
 * The `maskInspector.*` settings as typed values, checked against the registry. No `vscode` here:
 * `readSettings` takes a getter, so it is unit-tested and the extension wraps it.
 */
import type { PairingPattern } from '../core/pairing/index';
import { checkParam, type ParamValue } from '../core/params';
import { LOSSES, METRICS, getLoss } from '../core/registry';
import type { JobSettings } from '../core/report/pairJob';
import type { ReportSettings } from '../core/report/schema';
import { PRESETS, type PresetId } from '../core/types';
import type { Activation } from '../core/io/activation';
import type { MeanOver } from '../core/report/pooled';
import { ACTIVATION, defaultSpacing, HD_PERCENTILE, IGNORE_INDEX, inRange, MAX_PIXELS, MEAN_OVER_OPTION, NSD_TOLERANCE, PRESET, SPACING, THRESHOLD, type NumberOption } from '../core/options';
import { parseLabelMap, type LabelMap } from '../core/classes/labelMap';
import type { ViewOptions } from '../shared/protocol';
import { CONNECTIVITIES, DEFAULT_CONNECTIVITY, type Connectivity } from '../core/objects/connectivity';
import { INSTANCE_ENCODINGS, type InstanceEncoding } from '../core/objects/instances';
import { MATCH_RULES } from '../core/objects/match';
import type { ObjectSettings } from '../core/objects/report';

/** What the tree sorts by: a metric, or a loss (`loss:<id>` in the setting). */
export interface SortKey {
  kind: 'metric' | 'loss';
  id: string;
}

export interface MaskSettings {
  patterns: PairingPattern[];
  preset: PresetId;
  /** Loss and metric ids to compute, in registry order (the setting's empty list means all). */
  losses: string[];
  metrics: string[];
  params: Record<string, Record<string, ParamValue>>;
  threshold: number;
  ignoreIndex: number | undefined;
  spacing: [number, number];
  nsdTolerance: number;
  classNames: string[];
  classColors: string[];
  maxPixels: number;
  sortBy: SortKey;
  editorHover: boolean;
  /** Classes the pooled (dataset-level) means run over. */
  meanOver: MeanOver;
  /** What float predictions outside [0, 1] get. */
  activation: Activation;
  /** MONAI's include_background; undefined = the tool's conventions. */
  includeBackground: boolean | undefined;
  /** Percentile of the metric hd95. */
  hdPercentile: number;
  /** Ground-truth raw id → train id; undefined when none. */
  labelMap: LabelMap | undefined;
  /** NSD tolerance per class (index = class); undefined: `nsdTolerance` for all. */
  nsdTolerances: number[] | undefined;
  /** Ground truths are (C, H, W) multi-label channels. */
  multiLabel: boolean;
  /** Object-level evaluation: connectivity, matching rule, and whether files are instance-id maps. */
  objects: ObjectSettings;
}

/** Reads one setting (relative to `maskInspector.`); undefined when unset or of no known shape. */
export type SettingGetter = (key: string) => unknown;

export const SETTING_KEYS = [
  'pairing.patterns', 'preset', 'losses', 'metrics', 'params', 'threshold', 'ignoreIndex', 'spacing',
  'nsdTolerance', 'classNames', 'classColors', 'maxPixels', 'sortMetric', 'hover.enabled',
  'meanOver', 'activation', 'includeBackground', 'hdPercentile', 'labelMap', 'nsdTolerances', 'multiLabel',
  'objects.connectivity', 'objects.match', 'objects.instances',
] as const;

const LOSS_IDS = LOSSES.map((l) => l.id);
const METRIC_IDS = METRICS.map((m) => m.id);

/** Every value `maskInspector.sortMetric` accepts: metric ids, then `loss:<id>`. */
export const SORT_KEYS: readonly string[] = [...METRIC_IDS, ...LOSS_IDS.map((id) => `loss:${id}`)];

export const sortKeyText = (k: SortKey): string => (k.kind === 'metric' ? k.id : `loss:${k.id}`);

export function parseSortKey(text: string): SortKey | undefined {
  if (text.startsWith('loss:')) return LOSS_IDS.includes(text.slice(5)) ? { kind: 'loss', id: text.slice(5) } : undefined;
  return METRIC_IDS.includes(text) ? { kind: 'metric', id: text } : undefined;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The settings, and one line per value that was ignored (the default is used instead). */
export function readSettings(get: SettingGetter): { settings: MaskSettings; problems: string[] } {
  const problems: string[] = [];
  const bad = (key: string, why: string) => problems.push(`maskInspector.${key}: ${why}; using the default`);

  const patterns: PairingPattern[] = [];
  const rawPatterns = get('pairing.patterns');
  if (Array.isArray(rawPatterns)) {
    for (const p of rawPatterns) {
      if (p && typeof p === 'object' && typeof (p as PairingPattern).gt === 'string' && typeof (p as PairingPattern).pred === 'string')
        patterns.push({ gt: (p as PairingPattern).gt, pred: (p as PairingPattern).pred });
      else bad('pairing.patterns', `${JSON.stringify(p)} is not {"gt": pattern, "pred": pattern}`);
    }
  }

  const presetText = get('preset');
  const preset = PRESETS.includes(presetText as PresetId) ? (presetText as PresetId) : PRESET.default;
  if (presetText !== undefined && preset !== presetText) bad('preset', `'${String(presetText)}' is not one of ${PRESETS.join(', ')}`);

  const idList = (key: 'losses' | 'metrics', known: string[]): string[] => {
    const wanted = strings(get(key));
    const unknown = wanted.filter((id) => !known.includes(id));
    if (unknown.length) bad(key, `unknown ${unknown.join(', ')}`);
    const picked = known.filter((id) => wanted.includes(id));
    return picked.length ? picked : [...known];
  };

  const params: Record<string, Record<string, ParamValue>> = {};
  const rawParams = get('params');
  if (rawParams && typeof rawParams === 'object') {
    for (const [id, values] of Object.entries(rawParams as Record<string, unknown>)) {
      if (!LOSS_IDS.includes(id)) {
        bad(`params.${id}`, 'no such loss');
        continue;
      }
      if (!values || typeof values !== 'object') continue;
      for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
        try {
          const checked = checkParam(getLoss(id), key, value as ParamValue);
          (params[id] ??= {})[key] = checked;
        } catch (e) {
          bad(`params.${id}.${key}`, (e as Error).message);
        }
      }
    }
  }

  const threshold = numberSetting(get, bad, 'threshold', THRESHOLD);
  const rawIgnore = get('ignoreIndex');
  let ignoreIndex: number | undefined;
  if (inRange(IGNORE_INDEX, rawIgnore)) ignoreIndex = rawIgnore;
  else if (rawIgnore !== undefined && rawIgnore !== null) bad('ignoreIndex', `${JSON.stringify(rawIgnore)} is not ${IGNORE_INDEX.what} or null`);

  let spacing = defaultSpacing();
  const rawSpacing = get('spacing');
  if (Array.isArray(rawSpacing) && rawSpacing.length === 2 && rawSpacing.every((x) => inRange(SPACING.entry, x))) spacing = [rawSpacing[0], rawSpacing[1]];
  else if (rawSpacing !== undefined && rawSpacing !== null) bad('spacing', `${JSON.stringify(rawSpacing)} is not [x, y] with positive numbers`);

  const sortText = get('sortMetric');
  const sortBy = (typeof sortText === 'string' && parseSortKey(sortText)) || { kind: 'metric' as const, id: 'dice' };
  if (typeof sortText === 'string' && !parseSortKey(sortText)) bad('sortMetric', `'${sortText}' is not a metric id or loss:<id>`);

  const settings: MaskSettings = {
    patterns,
    preset,
    losses: idList('losses', LOSS_IDS),
    metrics: idList('metrics', METRIC_IDS),
    params,
    threshold,
    ignoreIndex,
    spacing,
    nsdTolerance: numberSetting(get, bad, 'nsdTolerance', NSD_TOLERANCE),
    classNames: strings(get('classNames')),
    classColors: strings(get('classColors')).filter((c) => /^#[0-9a-f]{6}$/i.test(c)),
    maxPixels: numberSetting(get, bad, 'maxPixels', MAX_PIXELS),
    sortBy,
    editorHover: get('hover.enabled') !== false,
    ...datasetSettings(get, bad),
    objects: objectSettings(get, bad),
  };
  return { settings, problems };
}

/** `maskInspector.objects.*`, as the CLI's --connectivity, --match and --instances. */
function objectSettings(get: SettingGetter, bad: (key: string, why: string) => void): ObjectSettings {
  const c = get('objects.connectivity');
  let connectivity: Connectivity = DEFAULT_CONNECTIVITY;
  if (CONNECTIVITIES.includes(c as Connectivity)) connectivity = c as Connectivity;
  else if (c !== undefined && c !== null) bad('objects.connectivity', `${JSON.stringify(c)} is not one of ${CONNECTIVITIES.join(', ')}`);
  const m = get('objects.match');
  const match = MATCH_RULES.find((r) => r === m) ?? 'iou';
  if (m !== undefined && m !== null && m !== match) bad('objects.match', `${JSON.stringify(m)} is not one of ${MATCH_RULES.join(', ')}`);
  const i = get('objects.instances');
  const instances = INSTANCE_ENCODINGS.find((e) => e === i);
  if (i !== undefined && i !== null && i !== 'none' && !instances) bad('objects.instances', `${JSON.stringify(i)} is not one of none, ${INSTANCE_ENCODINGS.join(', ')}`);
  return instances ? { connectivity, match, instances } : { connectivity, match };
}

/** Whether the object settings are the defaults (the CLI's without --connectivity, --match, --instances). */
const defaultObjects = (o: ObjectSettings): boolean => o.connectivity === DEFAULT_CONNECTIVITY && o.match === 'iou' && !o.instances;

/** A number setting: its value when in the declared range, else its default (with one line saying so). */
function numberSetting(get: SettingGetter, bad: (key: string, why: string) => void, key: string, o: NumberOption): number {
  const v = get(key);
  if (v === undefined || v === null) return o.default;
  if (inRange(o, v)) return v;
  bad(key, `${JSON.stringify(v)} is not ${o.what}`);
  return o.default;
}

/** The dataset-level settings (pooled means, activation, MONAI's include_background, HD percentile). */
function datasetSettings(get: SettingGetter, bad: (key: string, why: string) => void): Pick<MaskSettings, 'meanOver' | 'activation' | 'includeBackground' | 'hdPercentile' | 'labelMap' | 'nsdTolerances' | 'multiLabel'> {
  const oneOf = <T extends string>(key: string, known: readonly T[], fallback: T): T => {
    const v = get(key);
    if (v === undefined || v === null) return fallback;
    if ((known as readonly unknown[]).includes(v)) return v as T;
    bad(key, `${JSON.stringify(v)} is not one of ${known.join(', ')}`);
    return fallback;
  };
  const bg = oneOf('includeBackground', ['default', 'true', 'false'] as const, 'default');
  const hdPercentile = numberSetting(get, bad, 'hdPercentile', HD_PERCENTILE);
  const t = get('nsdTolerances');
  let nsdTolerances: number[] | undefined;
  if (Array.isArray(t) && t.length && t.every((x) => inRange(NSD_TOLERANCE, x))) nsdTolerances = t;
  else if (t !== undefined && t !== null && !(Array.isArray(t) && t.length === 0)) bad('nsdTolerances', `${JSON.stringify(t)} is not a list of numbers ≥ 0`);
  return {
    meanOver: oneOf('meanOver', MEAN_OVER_OPTION.values, MEAN_OVER_OPTION.default),
    activation: oneOf('activation', ACTIVATION.values, ACTIVATION.default),
    includeBackground: bg === 'default' ? undefined : bg === 'true',
    hdPercentile,
    labelMap: labelMapSetting(get('labelMap'), bad),
    nsdTolerances,
    multiLabel: get('multiLabel') === true,
  };
}

/** `maskInspector.labelMap`: `{}` (the default) or null is none. */
function labelMapSetting(v: unknown, bad: (key: string, why: string) => void): LabelMap | undefined {
  if (v === undefined || v === null || (typeof v === 'object' && Object.keys(v).length === 0)) return undefined;
  try {
    return parseLabelMap(v, 'maskInspector.labelMap');
  } catch (e) {
    bad('labelMap', (e as Error).message.replace(/^maskInspector\.labelMap: label map: /, ''));
    return undefined;
  }
}

/** What decides a pair's numbers, as the CLI's worker takes it. */
export function jobSettings(s: MaskSettings): JobSettings {
  const all = (ids: string[], known: string[]) => (ids.length === known.length ? undefined : ids);
  const engine: JobSettings['engine'] = { preset: s.preset, threshold: s.threshold, spacing: s.spacing, nsdTolerance: s.nsdTolerance, params: s.params };
  const losses = all(s.losses, LOSS_IDS);
  const metrics = all(s.metrics, METRIC_IDS);
  if (losses) engine.losses = losses;
  if (metrics) engine.metrics = metrics;
  if (s.hdPercentile !== HD_PERCENTILE.default) engine.hdPercentile = s.hdPercentile;
  if (s.includeBackground !== undefined) engine.includeBackground = s.includeBackground;
  if (s.nsdTolerances) engine.nsdTolerances = s.nsdTolerances;
  const job: JobSettings = { engine, maxPixels: s.maxPixels, activation: s.activation };
  if (s.multiLabel) job.multiLabel = true;
  if (!defaultObjects(s.objects)) job.objects = s.objects;
  if (s.ignoreIndex !== undefined) job.ignoreIndex = s.ignoreIndex;
  if (s.labelMap) {
    job.labelMap = s.labelMap;
    // Ids the map does not train on need an ignore index, 255 as in Cityscapes' trainIds.
    job.ignoreIndex ??= 255;
  }
  return job;
}

/** A stable key of everything that changes the numbers (for the result cache). */
export const settingsKey = (s: MaskSettings): string => JSON.stringify(jobSettings(s));

export function reportSettings(s: MaskSettings): ReportSettings {
  const r: ReportSettings = { threshold: s.threshold, spacing: s.spacing, nsdTolerance: s.nsdTolerance, ignoreIndex: s.ignoreIndex ?? null, params: s.params, meanOver: s.meanOver, activation: s.activation, hdPercentile: s.hdPercentile, objects: s.objects };
  if (s.includeBackground !== undefined) r.includeBackground = s.includeBackground;
  if (s.nsdTolerances) r.nsdTolerances = s.nsdTolerances;
  if (s.multiLabel) r.multiLabel = true;
  if (s.labelMap) {
    r.labelMap = s.labelMap;
    r.ignoreIndex ??= 255;
  }
  return r;
}

/** The options the comparison webview starts from. */
export function viewOptions(s: MaskSettings): ViewOptions {
  const o: ViewOptions = { preset: s.preset, threshold: s.threshold, spacing: s.spacing, nsdTolerance: s.nsdTolerance, params: s.params };
  if (s.hdPercentile !== HD_PERCENTILE.default) o.hdPercentile = s.hdPercentile;
  if (s.includeBackground !== undefined) o.includeBackground = s.includeBackground;
  if (s.nsdTolerances) o.nsdTolerances = s.nsdTolerances;
  if (s.objects.connectivity !== DEFAULT_CONNECTIVITY) o.connectivity = s.objects.connectivity;
  if (s.objects.match !== 'iou') o.match = s.objects.match;
  return o;
}

/** The settings a comparison reads its files with; a change means reading them again. */
export function readOptions(s: MaskSettings): { ignoreIndex: number | undefined; classNames: string[]; maxPixels: number; activation: Activation; labelMap: LabelMap | undefined; instances: InstanceEncoding | undefined } {
  return { ignoreIndex: s.ignoreIndex, classNames: s.classNames, maxPixels: s.maxPixels, activation: s.activation, labelMap: s.labelMap, instances: s.objects.instances };
}

/** Display name of class `c` (background first), from the settings or a default. */
export function className(s: MaskSettings, c: number, mode: 'binary' | 'multiclass' | 'multilabel' | null): string {
  return s.classNames[c] ?? (mode === 'binary' ? (['background', 'foreground'][c] ?? `class ${c}`) : `class ${c}`);
}
