import { parseParamValue, type ParamValue } from '../core/params';
import { FORMATS, type Format } from '../core/report/formats';
import { getLoss, getMetric } from '../core/registry';
import { PRESETS, type PresetId } from '../core/types';
import { defaultSpacing, IGNORE_INDEX, inRange, MAX_PIXELS, NSD_TOLERANCE, PRESET, SPACING, THRESHOLD, type NumberRange } from '../core/options';
import { DATASET_FLAGS, DATASET_USAGE, parseDatasetArgs, type DatasetArgs } from './datasetArgs';
import { OBJECT_FLAGS, OBJECT_USAGE, parseObjectArgs, type ObjectArgs } from './objectArgs';
import { LIMIT_FLAGS, LIMIT_USAGE, parseLimitArgs, type LimitArgs } from './limitArgs';
import { parseShardText, type ShardArgs } from './shard';
import { parseVolumeArgs, VOLUME_FLAGS, VOLUME_USAGE, type VolumeArgs } from './volumeArgs';

/** A mistake in the command line: exit code 2, with the usage hint. */
export class UsageError extends Error {}

export interface ReportArgs extends DatasetArgs, LimitArgs, ShardArgs, ObjectArgs, VolumeArgs {
  command: 'report';
  dirs: string[];
  /** `--pairs FILE|-`: a manifest of jobs instead of a scan. */
  pairsFile?: string;
  /** `--resume`: keep the pairs an earlier run of the same settings left in `out`. */
  resume: boolean;
  gt?: string;
  pred?: string;
  preset: PresetId;
  losses?: string[];
  metrics?: string[];
  params: Record<string, Record<string, ParamValue>>;
  threshold: number;
  spacing: [number, number] | [number, number, number];
  nsdTolerance: number;
  ignoreIndex?: number;
  format?: Format;
  out?: string;
  jobs?: number;
  palette?: string;
  pairing?: string;
  maxPixels?: number;
}

export interface PairsArgs {
  command: 'pairs';
  dirs: string[];
  format: 'table' | 'json' | 'jsonl';
  pairing?: string;
}

export interface MergeArgs {
  command: 'merge';
  parts: string[];
  format?: Format;
  out?: string;
  /** `--pairs MANIFEST`: every pair of it must be in some part. */
  pairsFile?: string;
}

export type Args = ReportArgs | PairsArgs | MergeArgs | { command: 'help' } | { command: 'version' };

export const USAGE = `Usage:
  mask-inspector report [DIR ...] [--gt FILE --pred FILE] [options]
  mask-inspector pairs DIR ... [--format table|json|jsonl] [--pairing FILE]
  mask-inspector merge PART ... [--out FILE] [--format F] [--pairs MANIFEST]

Report options:
  --preset ${PRESET.values.join('|')}   conventions of a library (default ${PRESET.default})
  --loss ID, --metric ID           compute only these (repeat or comma-separate; default all)
  --param ID.KEY=VALUE             a loss parameter, e.g. --param tversky.fnWeight=0.8
  --threshold T                    hard prediction is p > T (default ${THRESHOLD.default})
  --spacing X,Y                    pixel size along x (columns) and y (rows) (default ${SPACING.default.join(',')})
  --spacing X,Y,Z                  voxel size of volumes, overriding their headers (a warning says so)
  --nsd-tolerance T|T0,T1,…        tolerance of nsd, in spacing units (default ${NSD_TOLERANCE.default}); a list gives one per class
  --ignore-index V                 ground-truth label left out of every sum (e.g. 255)
  --palette FILE                   JSON [{"rgb":[r,g,b],"class":n}, ...] for colour masks
  --pairing FILE                   JSON [{"gt":"labels/{stem}.png","pred":"out/{stem}.npy"}, ...]
  --format json|jsonl|csv|markdown|table   (default: table on a terminal, else json;
                                   with --out, from the file's extension)
  --out FILE                       write the report there instead of stdout; FILE is replaced only
                                   when the report is complete (never an input of the run)
  --jobs N                         pairs computed in parallel (default: number of CPUs, fewer when
                                   memory is short)
  --max-pixels N                   refuse larger images before decoding (default 134217728 = 512³)
  --pairs FILE|-                   the pairs of a manifest ('pairs DIR --format jsonl') instead of a scan
  --shard K/N                      only the pairs of shard K of N (1 <= K <= N), chosen by a hash of the
                                   ground truth's path; 'auto' takes K and N from Slurm
                                   (SLURM_ARRAY_TASK_ID/_MIN/_COUNT) or Kubernetes (JOB_COMPLETION_INDEX)
  --shard-count N                  number of shards for --shard auto (required with JOB_COMPLETION_INDEX)
  --resume                         keep the pairs already in --out FILE.jsonl (same settings and version);
                                   an interrupted run then leaves FILE well-formed, marked interrupted
${LIMIT_USAGE}
${DATASET_USAGE}
${OBJECT_USAGE}
${VOLUME_USAGE}

Merge: the parts of one run (report --shard ... --out PART.jsonl) into the report of an unsharded run;
exit 1 on a duplicated pair, an incomplete part or (with --pairs) a missing pair.

Exit code: 0 every pair computed, 1 a pair failed or none was found, 2 usage error,
130/143 interrupted (SIGINT/SIGTERM; the report on stdout ends with "interrupted": true).`;

const numberArg = (flag: string, text: string | undefined, check: (x: number) => boolean, what: string): number => {
  const x = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isFinite(x) || !check(x)) throw new UsageError(`${flag} needs ${what}, got '${text ?? ''}'`);
  return x;
};

/** A number option from the one declaration (src/core/options.ts): its range and its message. */
const rangeArg = (flag: string, text: string, r: NumberRange): number => numberArg(flag, text, (x) => inRange(r, x), r.what);

const list = (values: string[]): string[] => values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);

function formatFromPath(path: string): Format | undefined {
  const ext = path.toLowerCase().split('.').pop();
  return ext === 'json' ? 'json' : ext === 'jsonl' || ext === 'ndjson' ? 'jsonl' : ext === 'csv' ? 'csv' : ext === 'md' ? 'markdown' : undefined;
}

/** `--format`, else the extension of `--out`; undefined for the default (table on a terminal, else json). */
function outputFormat(formatText: string | undefined, out: string | undefined): Format | undefined {
  if (formatText !== undefined && !(FORMATS as readonly string[]).includes(formatText)) throw new UsageError(`--format is one of ${FORMATS.join(', ')}, got '${formatText}'`);
  const format = (formatText as Format | undefined) ?? (out ? formatFromPath(out) : undefined);
  if (out && !format) throw new UsageError(`cannot tell the format of '${out}' from its extension; give --format`);
  return format;
}

export function parseArgs(argv: readonly string[]): Args {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return { command: 'help' };
  if (command === '--version' || command === 'version') return { command: 'version' };
  if (command !== 'report' && command !== 'pairs' && command !== 'merge') throw new UsageError(`unknown command '${command}'`);

  const dirs: string[] = [];
  const flags = new Map<string, string[]>();
  const valueFlags = new Set([
    '--gt', '--pred', '--preset', '--loss', '--metric', '--param', '--threshold', '--spacing', '--nsd-tolerance',
    '--ignore-index', '--format', '--out', '--jobs', '--palette', '--pairing', '--max-pixels',
    '--pairs', '--shard', '--shard-count',
    ...DATASET_FLAGS,
    ...OBJECT_FLAGS,
    ...LIMIT_FLAGS,
    ...VOLUME_FLAGS,
  ]);
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    // `report --help` asks for the usage, like `--help` alone.
    if (a === '--help' || a === '-h') return { command: 'help' };
    if (!a.startsWith('--')) {
      dirs.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const flag = eq > 0 ? a.slice(0, eq) : a;
    if (flag === '--resume' && eq < 0) {
      flags.set(flag, ['']);
      continue;
    }
    if (!valueFlags.has(flag)) throw new UsageError(`unknown option '${flag}'`);
    const value = eq > 0 ? a.slice(eq + 1) : rest[++i];
    if (value === undefined) throw new UsageError(`${flag} needs a value`);
    flags.set(flag, [...(flags.get(flag) ?? []), value]);
  }
  const one = (flag: string): string | undefined => {
    const v = flags.get(flag);
    if (v && v.length > 1) throw new UsageError(`${flag} given more than once`);
    return v?.[0];
  };

  if (command === 'pairs') {
    for (const f of flags.keys()) if (f !== '--format' && f !== '--pairing') throw new UsageError(`option ${f} is for 'report', not 'pairs'`);
    const format = one('--format') ?? 'table';
    if (format !== 'table' && format !== 'json' && format !== 'jsonl') throw new UsageError(`pairs --format is table, json or jsonl, got '${format}'`);
    if (!dirs.length) throw new UsageError('pairs needs at least one DIR');
    return { command, dirs, format, pairing: one('--pairing') };
  }

  if (command === 'merge') {
    for (const f of flags.keys()) if (f !== '--format' && f !== '--out' && f !== '--pairs') throw new UsageError(`option ${f} is for 'report', not 'merge'`);
    if (!dirs.length) throw new UsageError('merge needs at least one PART');
    const out = one('--out');
    return { command, parts: dirs, out, format: outputFormat(one('--format'), out), pairsFile: one('--pairs') };
  }

  const preset = (one('--preset') ?? PRESET.default) as PresetId;
  if (!PRESETS.includes(preset)) throw new UsageError(`--preset is one of ${PRESETS.join(', ')}, got '${preset}'`);
  const gt = one('--gt');
  const pred = one('--pred');
  if ((gt === undefined) !== (pred === undefined)) throw new UsageError('--gt and --pred go together');
  const pairsFile = one('--pairs');
  if (pairsFile !== undefined && (dirs.length || gt !== undefined)) throw new UsageError('--pairs FILE replaces DIR and --gt/--pred; give one of them');
  if (!dirs.length && gt === undefined && pairsFile === undefined) throw new UsageError('report needs a DIR, --gt FILE --pred FILE or --pairs FILE');

  const checked = <T>(f: () => T): T => {
    try {
      return f();
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  };
  const losses = flags.has('--loss') ? list(flags.get('--loss') ?? []) : undefined;
  const metrics = flags.has('--metric') ? list(flags.get('--metric') ?? []) : undefined;
  losses?.forEach((id) => checked(() => getLoss(id)));
  metrics?.forEach((id) => checked(() => getMetric(id)));

  const params: Record<string, Record<string, ParamValue>> = {};
  for (const p of flags.get('--param') ?? []) {
    const m = /^([\w-]+)\.(\w+)=(.*)$/.exec(p);
    if (!m) throw new UsageError(`--param takes ID.KEY=VALUE, got '${p}'`);
    const [, id, key, value] = m;
    (params[id] ??= {})[key] = checked(() => parseParamValue(getLoss(id), key, value));
  }

  const spacingText = one('--spacing');
  let spacing: [number, number] | [number, number, number] = defaultSpacing();
  if (spacingText !== undefined) {
    const parts = spacingText.split(',');
    if (parts.length !== 2 && parts.length !== 3) throw new UsageError(`--spacing takes X,Y (images) or X,Y,Z (volumes), got '${spacingText}'`);
    spacing = parts.map((t) => numberArg('--spacing', t, (x) => inRange(SPACING.entry, x), 'positive numbers X,Y or X,Y,Z')) as [number, number] | [number, number, number];
  }

  const text = (flag: string) => one(flag);
  const threshold = text('--threshold');
  const nsd = text('--nsd-tolerance');
  const ignore = text('--ignore-index');
  const jobs = text('--jobs');
  const maxPixels = text('--max-pixels');
  const out = text('--out');
  const format = outputFormat(text('--format'), out);
  const shardText = text('--shard');
  const shard = shardText === undefined ? undefined : parseShardText(shardText);
  if (shardText !== undefined && !shard) throw new UsageError(`--shard takes K/N with 1 <= K <= N, or auto; got '${shardText}'`);
  const shardCountText = text('--shard-count');
  const shardCount = shardCountText === undefined ? undefined : numberArg('--shard-count', shardCountText, (x) => Number.isInteger(x) && x >= 1, 'an integer >= 1');
  if (shardCount !== undefined && shard !== undefined && shard !== 'auto') throw new UsageError('--shard-count goes with --shard auto, not with --shard K/N');
  const resume = flags.has('--resume');
  if (resume && (out === undefined || format !== 'jsonl')) throw new UsageError('--resume needs --out FILE.jsonl (the jsonl report it continues)');

  return {
    command,
    dirs,
    pairsFile,
    resume,
    shard,
    shardCount,
    gt,
    pred,
    preset,
    losses,
    metrics,
    params,
    threshold: threshold === undefined ? THRESHOLD.default : rangeArg('--threshold', threshold, THRESHOLD),
    spacing,
    // A list (one tolerance per class) is read with the dataset options.
    nsdTolerance: nsd === undefined || nsd.includes(',') ? NSD_TOLERANCE.default : rangeArg('--nsd-tolerance', nsd, NSD_TOLERANCE),
    ignoreIndex: ignore === undefined ? undefined : rangeArg('--ignore-index', ignore, IGNORE_INDEX),
    format,
    out,
    jobs: jobs === undefined ? undefined : numberArg('--jobs', jobs, (x) => Number.isInteger(x) && x >= 1 && x <= 256, 'an integer ≥ 1'),
    palette: text('--palette'),
    pairing: text('--pairing'),
    maxPixels: maxPixels === undefined ? undefined : rangeArg('--max-pixels', maxPixels, MAX_PIXELS),
    ...parseDatasetArgs(one, (message) => {
      throw new UsageError(message);
    }),
    ...parseObjectArgs(one, (message) => {
      throw new UsageError(message);
    }),
    ...parseLimitArgs(one, (message) => {
      throw new UsageError(message);
    }),
    ...parseVolumeArgs(one, (message) => {
      throw new UsageError(message);
    }),
  };
}
