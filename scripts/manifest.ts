/**
 * The parts of package.json's `contributes` that follow from the registry: the settings schema, with
 * enums of loss and metric ids and a typed `params` object per loss. `manifest.test.ts` checks that
 * package.json matches (test/extension/manifest.test.ts); `npm run manifest` rewrites it after the registry changes.
 */
import type { ParamSpec } from '../src/core/params';
import { LOSSES, METRICS } from '../src/core/registry';
import { ACTIVATION, HD_PERCENTILE, IGNORE_INDEX, MAX_PIXELS, MEAN_OVER_OPTION, NSD_TOLERANCE, PRESET, SPACING, THRESHOLD, type NumberRange } from '../src/core/options';
import { CONNECTIVITIES, DEFAULT_CONNECTIVITY } from '../src/core/objects/connectivity';
import { INSTANCE_ENCODINGS } from '../src/core/objects/instances';
import { MATCH_RULES } from '../src/core/objects/match';
import { SORT_KEYS } from '../src/extension/settingsModel';

const PRESET_DESCRIPTIONS: Record<string, string> = {
  paper: 'Definitions as in the papers (the spec defaults).',
  monai: 'MONAI conventions (smoothing 1e-5, an empty ground truth gives undefined Dice).',
  smp: 'segmentation_models_pytorch conventions.',
  medpy: 'MedPy conventions (0 where a denominator is zero).',
};

/** JSON Schema bounds of a declared number range (src/core/options.ts). */
function bounds(r: NumberRange): Record<string, number> {
  const out: Record<string, number> = { [r.minExclusive ? 'exclusiveMinimum' : 'minimum']: r.min };
  if (r.max !== undefined) out[r.maxExclusive ? 'exclusiveMaximum' : 'maximum'] = r.max;
  return out;
}

function paramSchema(p: ParamSpec): Record<string, unknown> {
  const range = `${p.min}…${p.max}`;
  const numeric = { type: 'number', minimum: p.min, maximum: p.max };
  return {
    ...(p.special ? { anyOf: [numeric, { type: 'string', enum: [p.special] }] } : numeric),
    default: p.default,
    markdownDescription: `${p.label}: ${p.description} Range ${range}${p.special ? ` or \`"${p.special}"\`` : ''}; default \`${JSON.stringify(p.default)}\`.`,
  };
}

export function configuration(): Record<string, unknown> {
  const lossIds = LOSSES.map((l) => l.id);
  const metricIds = METRICS.map((m) => m.id);
  const lossName = (id: string) => LOSSES.find((l) => l.id === id)!.name;
  const metricName = (id: string) => METRICS.find((m) => m.id === id)!.name;
  const params = Object.fromEntries(
    LOSSES.filter((l) => l.params.length).map((l) => [
      l.id,
      {
        type: 'object',
        markdownDescription: `${l.name} (${l.category}): ${l.summary}`,
        properties: Object.fromEntries(l.params.map((p) => [p.key, paramSchema(p)])),
        additionalProperties: false,
      },
    ]),
  );
  const properties: Record<string, Record<string, unknown>> = {
    'maskInspector.pairing.patterns': {
      type: 'array',
      default: [],
      markdownDescription:
        'Extra rules pairing ground truths with predictions, tried before the built-in layouts (`gt/` beside `pred/`, `a_gt.png` with `a_pred.png`). `{stem}` is shared by both sides, `{model}` names a prediction set, `**/` matches folders. Example: `{"gt": "labels/{stem}.png", "pred": "runs/{model}/{stem}.npy"}`.',
      items: {
        type: 'object',
        properties: { gt: { type: 'string', description: 'Pattern of ground-truth paths, relative to the workspace folder.' }, pred: { type: 'string', description: 'Pattern of prediction paths.' } },
        required: ['gt', 'pred'],
        additionalProperties: false,
      },
    },
    'maskInspector.preset': {
      type: 'string',
      enum: [...PRESET.values],
      enumDescriptions: PRESET.values.map((p) => PRESET_DESCRIPTIONS[p]),
      default: PRESET.default,
      description: 'Conventions of a library for every loss and metric; explicit parameters still win.',
    },
    'maskInspector.losses': {
      type: 'array',
      items: { type: 'string', enum: lossIds, enumDescriptions: lossIds.map(lossName) },
      uniqueItems: true,
      default: [],
      markdownDescription: 'Losses to compute and show; an empty list means all.',
    },
    'maskInspector.metrics': {
      type: 'array',
      items: { type: 'string', enum: metricIds, enumDescriptions: metricIds.map(metricName) },
      uniqueItems: true,
      default: [],
      markdownDescription: 'Metrics to compute and show; an empty list means all.',
    },
    'maskInspector.params': {
      type: 'object',
      default: {},
      markdownDescription: 'Loss parameters by loss id, e.g. `{"tversky": {"fnWeight": 0.8}}`; they win over the preset. Also set with **Mask Inspector: Configure Loss Parameters**.',
      properties: params,
      additionalProperties: false,
    },
    'maskInspector.threshold': { type: 'number', default: THRESHOLD.default, ...bounds(THRESHOLD), description: 'A binary prediction is foreground where its probability is above this.' },
    'maskInspector.ignoreIndex': {
      type: ['integer', 'null'],
      default: null,
      ...bounds(IGNORE_INDEX),
      markdownDescription: 'Ground-truth label left out of every sum (e.g. `255` for void pixels); `null` for none.',
    },
    'maskInspector.spacing': {
      type: 'array',
      items: { type: 'number', ...bounds(SPACING.entry) },
      minItems: 2,
      maxItems: 2,
      default: [...SPACING.default],
      markdownDescription: 'Pixel size `[x, y]` (along columns, along rows); distances are in these units.',
    },
    'maskInspector.nsdTolerance': { type: 'number', default: NSD_TOLERANCE.default, ...bounds(NSD_TOLERANCE), description: 'Tolerance of the normalised surface distance, in spacing units.' },
    'maskInspector.meanOver': {
      type: 'string',
      enum: [...MEAN_OVER_OPTION.values],
      default: MEAN_OVER_OPTION.default,
      description: 'Classes the pooled (dataset-level) means of the loss report run over: foreground (classes 1…C−1), or all (VOC/mmseg count background). Classes absent from the whole set are left out.',
    },
    'maskInspector.activation': {
      type: 'string',
      enum: [...ACTIVATION.values],
      default: ACTIVATION.default,
      description: 'Float .npy predictions: auto applies sigmoid (one channel) or softmax (class channels) when values leave [0, 1], with a warning; none refuses them; sigmoid and softmax always apply.',
    },
    'maskInspector.includeBackground': {
      type: 'string',
      enum: ['default', 'true', 'false'],
      default: 'default',
      description: "MONAI's include_background: true averages multi-class metrics over every class; false leaves the background out of every loss over classes (dice-ce: its Dice part, as MONAI's DiceCELoss); default: losses with, metrics without.",
    },
    'maskInspector.hdPercentile': { type: 'number', default: HD_PERCENTILE.default, ...bounds(HD_PERCENTILE), description: 'Percentile of the metric hd95 (its id stays hd95).' },
    'maskInspector.nsdTolerances': {
      type: 'array',
      items: { type: 'number', ...bounds(NSD_TOLERANCE) },
      default: [],
      markdownDescription: 'Tolerance of the normalised surface distance per class (index = class, a binary pair\'s foreground is entry 1); empty: `maskInspector.nsdTolerance` for every class.',
    },
    'maskInspector.multiLabel': {
      type: 'boolean',
      default: false,
      description: 'Ground truths are (C, H, W) .npy of 0/1 channels that may overlap (one-hot, BraTS regions): channel c is its own binary problem against prediction channel c.',
    },
    'maskInspector.labelMap': {
      type: 'object',
      default: {},
      additionalProperties: { type: ['integer', 'null'] },
      markdownDescription: 'Ground-truth raw id → train id, e.g. Cityscapes `{"7": 0, "8": 1, "0": 255}`; 255, −1 or `null` = ignored (ignore index 255 unless `maskInspector.ignoreIndex` is set); a raw id not listed fails its pair.',
    },
    'maskInspector.classNames': { type: 'array', items: { type: 'string' }, default: [], description: 'Names of the classes by index, background first.' },
    'maskInspector.classColors': {
      type: 'array',
      items: { type: 'string', pattern: '^#[0-9a-fA-F]{6}$', patternErrorMessage: 'A colour as #rrggbb.' },
      default: [],
      description: 'Colours of the classes by index (#rrggbb), background first.',
    },
    'maskInspector.maxPixels': { type: 'integer', default: MAX_PIXELS.default, ...bounds(MAX_PIXELS), description: 'Larger images are refused before they are decoded.' },
    'maskInspector.sortMetric': {
      type: 'string',
      enum: [...SORT_KEYS],
      enumItemLabels: SORT_KEYS.map((k) => (k.startsWith('loss:') ? `${lossName(k.slice(5))} loss` : metricName(k))),
      default: 'dice',
      description: 'The Mask Pairs view lists pairs worst-first by this metric (or loss).',
    },
    'maskInspector.hover.enabled': { type: 'boolean', default: true, description: 'Show a pair\'s numbers and error overlay when hovering a path to a known mask in an editor.' },
    'maskInspector.objects.connectivity': {
      type: 'integer',
      enum: [...CONNECTIVITIES],
      enumDescriptions: ['4 face neighbours (images)', 'every neighbour (images)', '6 face neighbours (volumes; 4 on an image)', 'faces and edges (volumes; 8 on an image)', 'every neighbour (volumes; 8 on an image)'],
      default: DEFAULT_CONNECTIVITY,
      description: 'Neighbours that join pixels (voxels) into one object, as --connectivity: 26 (the default) is every neighbour, 8 on an image; 4 and 6 face neighbours; 18 faces and edges.',
    },
    'maskInspector.objects.match': {
      type: 'string',
      enum: [...MATCH_RULES],
      enumDescriptions: ['IoU > 0.5 (panoptic quality; one to one by construction)', 'any shared pixel, one to one, the largest overlap first'],
      default: 'iou',
      description: 'When a ground-truth and a predicted object match, as --match.',
    },
    'maskInspector.objects.instances': {
      type: 'string',
      enum: ['none', ...INSTANCE_ENCODINGS],
      enumDescriptions: [
        'objects are the connected components of each class',
        'both files are Cityscapes instanceIds (class·1000 + instance; below 1000 a class without instances)',
        'both files are instance-id maps of one class (each non-zero value one object: cells, nuclei)',
      ],
      default: 'none',
      description: 'Read both files of every pair as instance-id maps (grey PNG, integer .npy, NIfTI, NRRD), as --instances: each instance is one object.',
    },
  };
  let order = 0;
  for (const p of Object.values(properties)) p.order = order++;
  return { title: 'Mask Inspector', properties };
}
