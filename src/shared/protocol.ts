/**
 * Every message between the extension host and the comparison webview (panel or side view), in one
 * module both sides import, and each side's end of their channel (src/shared/channel.ts). The webview
 * sends `ready` first; the host queues until then. Pixels travel as ArrayBuffers. The host validates
 * every message it receives with `parseFromWebview`.
 */
import type { ParamValue } from '../core/params';
import type { PresetId, Tagged } from '../core/types';
import { CONNECTIVITIES, type Connectivity } from '../core/objects/connectivity';
import { MATCH_RULES, type MatchRule } from '../core/objects/match';
import type { ObjectCounts } from '../core/objects/types';
import type { WorldFrame } from '../core/io/volume/affine';
import { defaultSpacing, NSD_TOLERANCE, PRESET, THRESHOLD } from '../core/options';
import { Channel, trusted, type Endpoint } from './channel';

export const PROTOCOL_VERSION = 1;

/** The engine options a user can change in the webview (a subset of the core's `EngineOptions`). */
export interface ViewOptions {
  preset: PresetId;
  threshold: number;
  /** Pixel size along x (columns) and y (rows). */
  spacing: [number, number];
  nsdTolerance: number;
  /** Explicit parameters per loss id; they win over the preset. */
  params: Record<string, Record<string, ParamValue>>;
  /** Percentile of hd95 (95 when absent) and MONAI's include_background, as the host's report uses them. */
  hdPercentile?: number;
  includeBackground?: boolean;
  /** NSD tolerance per class (index = class), as the host's report uses it. */
  nsdTolerances?: number[];
  /** Object evaluation's connectivity and matching rule, as the host's report uses them (26 and iou when absent). */
  connectivity?: Connectivity;
  match?: MatchRule;
}

export const DEFAULT_VIEW_OPTIONS: ViewOptions = { preset: PRESET.default, threshold: THRESHOLD.default, spacing: defaultSpacing(), nsdTolerance: NSD_TOLERANCE.default, params: {} };

/** What an image pair and a volume pair both send: names, grid, classes and the ground truth's labels. */
interface DecodedPair {
  /** Identifies the pair (e.g. both URIs), so results and saved view state can be matched to it. */
  key: string;
  gtName: string;
  predName: string;
  /** The panel's title: the file and the model it comes from (see src/extension/pairTitle.ts). */
  title?: string;
  width: number;
  height: number;
  mode: 'binary' | 'multiclass';
  classes: number;
  /** One per class, background first. */
  classNames: string[];
  ignoreIndex?: number;
  labelType: 'uint8' | 'uint16';
  /** Ground-truth label per pixel or voxel, x fastest. */
  labels: ArrayBuffer;
  /** Both files were read as instance-id maps (`maskInspector.objects.instances`): Uint16 instance per pixel or voxel, 0 = none. */
  instanceIds?: { gt: ArrayBuffer; pred: ArrayBuffer };
  warnings: string[];
}

/** One decoded image pair, ready for the engine. */
export interface PairPayload extends DecodedPair {
  /** Float32 probabilities: H·W foreground probabilities (binary) or channel-major [C,H,W]. */
  prob: ArrayBuffer;
  /** For a binary pair from a grey PNG: prob[i] is exactly values[i] / levels. */
  probCodes?: { valueType: 'uint8' | 'uint16'; values: ArrayBuffer; levels: number };
  /** Why Swap cannot make this pair's prediction the ground truth (it holds probabilities, not labels). */
  swapBlocked?: string;
}

/**
 * One decoded volume pair for the slice viewer: voxels x fastest, then y, then z (NIfTI order). The host
 * applies the hard prediction (p > threshold, or argmax) so the webview only draws and counts.
 */
export interface VolumePayload extends DecodedPair {
  depth: number;
  /** Voxel size along x, y, z (mm). */
  spacing: [number, number, number];
  /** Voxel index → RAS mm from the ground truth's header, for the read-out (absent for an .npy). */
  world?: WorldFrame;
  /** Predicted class per voxel, of `labelType`. */
  predicted: ArrayBuffer;
  /**
   * Float32 probabilities as the engine reads them: one per voxel (binary) or channel-major [C, voxels].
   * The viewer computes its distance fields, heat maps, witnesses, parameter changes and whole-volume
   * numbers from them. Absent for a volume too large for that: then, and only then, the host's compute
   * worker computes the numbers it shows.
   */
  prob?: ArrayBuffer;
  /** The prediction file holds labels, not probabilities: the read-out shows its class only. */
  predictedLabels?: boolean;
}

/** Whole-volume numbers of a volume pair, computed by the host's compute worker (as the CLI does). */
export interface VolumeValues {
  key: string;
  values?: ValueSet;
  /** Why there are no numbers (the worker's one-line error). */
  error?: string;
}

/** A fix the webview may offer next to a host error: set the ignore index (void label) to this value. */
export interface HostFix {
  ignoreIndex: number;
}

export type ToWebview =
  | { type: 'load'; requestId: number; pair: PairPayload; options: ViewOptions }
  /** The user's settings changed on the host side. */
  | { type: 'options'; options: Partial<ViewOptions> }
  /** Nothing to show (the side view before a pair is selected). */
  | { type: 'clear'; message: string }
  /** The host could not read or decode the pair. */
  | { type: 'hostError'; requestId?: number; message: string; fix?: HostFix }
  /** Something the user asked for was refused; the pair shown stays. */
  | { type: 'notice'; message: string }
  /** A volume pair: the webview shows its slice viewer instead of the image view. */
  | { type: 'loadVolume'; requestId: number; volume: VolumePayload; options: ViewOptions }
  | { type: 'volumeValues'; result: VolumeValues };

export type Backend = 'webgl' | 'cpu';

export interface ValueSet {
  losses: Record<string, Tagged>;
  metrics: Record<string, Tagged>;
}

export interface ResultValues extends ValueSet {
  mode: 'binary' | 'multiclass';
  classes: number;
  perClass?: Record<string, ValueSet>;
}

export type Point = [x: number, y: number];

/** A boundary pixel that realises a Hausdorff distance, and its nearest pixel on the other boundary. */
export interface Witness {
  metric: 'hd' | 'hd95';
  direction: 'predToGt' | 'gtToPred';
  from: Point;
  to: Point;
  /** Distance from `from` to `to`, in spacing units. */
  distance: number;
}

export interface Timings {
  /** From the change (control moved, options or pair received) to updated numbers. */
  numbersMs: number;
  /** From the change to the redrawn canvas (heat map included). */
  drawnMs: number;
}

/**
 * The panel's object evaluation of the pair shown, per foreground class ("1" for a binary pair):
 * matched (tp), missed (fn) and extra (fp) objects, as its object list shows them.
 */
export type ObjectSummary = Record<string, ObjectCounts>;

export type FromWebview =
  | { type: 'ready'; protocol: number }
  | {
      type: 'results';
      /** The `load` this answers; results of later changes repeat it. */
      requestId: number;
      key: string;
      backend: Backend;
      /** Why the CPU engine is in use, or another caveat the user was shown. */
      notice?: string;
      values: ResultValues;
      classIndex: number;
      witnesses: Witness[];
      timings: Timings;
      /** Live tensors after the change (webgl only): flat over time, or textures leak. */
      numTensors?: number;
      /** Absent where the panel does not evaluate objects (an image over its size limit). */
      objects?: ObjectSummary;
    }
  /** The user changed preset, threshold or parameters; the host may persist them. */
  | { type: 'optionsChanged'; key: string; options: ViewOptions }
  | { type: 'copy'; text: string }
  | { type: 'open'; which: 'gt' | 'pred' }
  | { type: 'swap' }
  /** The user accepted a host error's fix: set `maskInspector.ignoreIndex`. */
  | { type: 'setIgnoreIndex'; value: number }
  /** Open the Settings editor at one of the extension's settings. */
  | { type: 'openSetting'; setting: string }
  | { type: 'error'; requestId?: number; message: string }
  /** The slice viewer shows a volume pair: its slices along z, y and x (axial, coronal, sagittal). */
  | { type: 'volumeShown'; key: string; slices: [number, number, number] }
  /** The slice viewer's own engine computed the whole-volume numbers (after a load, a parameter or a setting). */
  | { type: 'volumeResults'; key: string; values: ResultValues };

/** The host's end of a comparison webview's channel: it checks every message and waits for `ready`. */
export type HostChannel = Channel<ToWebview, FromWebview>;
/** The page's end. */
export type PageChannel = Channel<FromWebview, ToWebview>;

export const hostChannel = (webview: Endpoint<ToWebview>): HostChannel => new Channel(webview, { parse: parseFromWebview, isReady: (m) => m.type === 'ready' });
export const pageChannel = (host: Endpoint<FromWebview>): PageChannel => new Channel(host, { parse: trusted<ToWebview> });

// ---- validation of what the webview sends (the host trusts nothing from it) ----

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStr = (v: unknown, max = 1 << 20): v is string => typeof v === 'string' && v.length <= max;
const isInt = (v: unknown): v is number => Number.isInteger(v);
const PRESET_IDS: readonly unknown[] = PRESET.values;

function isTagged(v: unknown): v is Tagged {
  if (!isObj(v)) return false;
  if (v.status === 'ok') return isNum(v.value);
  return (v.status === 'undefined' || v.status === 'infinite') && v.value === null;
}

const isTaggedRecord = (v: unknown): v is Record<string, Tagged> => isObj(v) && Object.values(v).every(isTagged);
const isValueSet = (v: unknown): v is ValueSet => isObj(v) && isTaggedRecord(v.losses) && isTaggedRecord(v.metrics);

function isResultValues(v: unknown): v is ResultValues {
  if (!isValueSet(v)) return false;
  const r = v as unknown as Obj;
  if ((r.mode !== 'binary' && r.mode !== 'multiclass') || !isInt(r.classes)) return false;
  return r.perClass === undefined || (isObj(r.perClass) && Object.values(r.perClass).every(isValueSet));
}

const isCount = (v: unknown): boolean => isInt(v) && (v as number) >= 0;
const isObjectSummary = (v: unknown): v is ObjectSummary =>
  isObj(v) && Object.values(v).every((c) => isObj(c) && isCount(c.gt) && isCount(c.pred) && isCount(c.tp) && isCount(c.fp) && isCount(c.fn));

const isPoint = (v: unknown): v is Point => Array.isArray(v) && v.length === 2 && v.every(isInt);

function isWitness(v: unknown): v is Witness {
  return (
    isObj(v) &&
    (v.metric === 'hd' || v.metric === 'hd95') &&
    (v.direction === 'predToGt' || v.direction === 'gtToPred') &&
    isPoint(v.from) &&
    isPoint(v.to) &&
    isNum(v.distance)
  );
}

const isParamValue = (v: unknown): v is ParamValue => isNum(v) || v === 'auto' || v === 'none';

export function isViewOptions(v: unknown): v is ViewOptions {
  if (!isObj(v) || !PRESET_IDS.includes(v.preset) || !isNum(v.threshold) || !isNum(v.nsdTolerance)) return false;
  if (!Array.isArray(v.spacing) || v.spacing.length !== 2 || !v.spacing.every((s) => isNum(s) && s > 0)) return false;
  if ((v.hdPercentile !== undefined && !isNum(v.hdPercentile)) || (v.includeBackground !== undefined && typeof v.includeBackground !== 'boolean')) return false;
  if (v.nsdTolerances !== undefined && !(Array.isArray(v.nsdTolerances) && v.nsdTolerances.every(isNum))) return false;
  if ((v.connectivity !== undefined && !CONNECTIVITIES.includes(v.connectivity as Connectivity)) || (v.match !== undefined && !MATCH_RULES.includes(v.match as MatchRule))) return false;
  return isObj(v.params) && Object.values(v.params).every((p) => isObj(p) && Object.values(p).every(isParamValue));
}

const isTimings = (v: unknown): v is Timings => isObj(v) && isNum(v.numbersMs) && isNum(v.drawnMs);
const optionalInt = (v: unknown): boolean => v === undefined || isInt(v);

/** The message if it is a well-formed `FromWebview`, else undefined. */
export function parseFromWebview(msg: unknown): FromWebview | undefined {
  if (!isObj(msg)) return undefined;
  switch (msg.type) {
    case 'ready':
      return isInt(msg.protocol) ? { type: 'ready', protocol: msg.protocol } : undefined;
    case 'results': {
      const { requestId, key, backend, notice, values, classIndex, witnesses, timings, numTensors, objects } = msg;
      const ok =
        isInt(requestId) &&
        isStr(key) &&
        (backend === 'webgl' || backend === 'cpu') &&
        (notice === undefined || isStr(notice, 4000)) &&
        isResultValues(values) &&
        isInt(classIndex) &&
        Array.isArray(witnesses) &&
        witnesses.every(isWitness) &&
        isTimings(timings) &&
        optionalInt(numTensors) &&
        (objects === undefined || isObjectSummary(objects));
      if (!ok) return undefined;
      return {
        type: 'results', requestId, key, backend, values, classIndex, witnesses, timings,
        ...(notice === undefined ? {} : { notice }),
        ...(numTensors === undefined ? {} : { numTensors: numTensors as number }),
        ...(objects === undefined ? {} : { objects: objects as ObjectSummary }),
      };
    }
    case 'optionsChanged':
      return isStr(msg.key) && isViewOptions(msg.options) ? { type: 'optionsChanged', key: msg.key, options: msg.options } : undefined;
    case 'copy':
      return isStr(msg.text) ? { type: 'copy', text: msg.text } : undefined;
    case 'open':
      return msg.which === 'gt' || msg.which === 'pred' ? { type: 'open', which: msg.which } : undefined;
    case 'swap':
      return { type: 'swap' };
    case 'setIgnoreIndex':
      return isInt(msg.value) && (msg.value as number) >= 0 && (msg.value as number) <= 65535 ? { type: 'setIgnoreIndex', value: msg.value as number } : undefined;
    case 'openSetting':
      return isStr(msg.setting, 100) && /^maskInspector\.[\w.]+$/.test(msg.setting) ? { type: 'openSetting', setting: msg.setting } : undefined;
    case 'error':
      return isStr(msg.message, 4000) && optionalInt(msg.requestId)
        ? { type: 'error', message: msg.message, ...(msg.requestId === undefined ? {} : { requestId: msg.requestId as number }) }
        : undefined;
    case 'volumeShown': {
      const s = msg.slices;
      return isStr(msg.key) && Array.isArray(s) && s.length === 3 && s.every(isInt) ? { type: 'volumeShown', key: msg.key, slices: s as [number, number, number] } : undefined;
    }
    case 'volumeResults':
      return isStr(msg.key) && isResultValues(msg.values) ? { type: 'volumeResults', key: msg.key, values: msg.values } : undefined;
    default:
      return undefined;
  }
}
