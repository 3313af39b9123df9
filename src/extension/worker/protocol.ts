/** Messages between the extension host and its compute worker (`dist/worker.js`). */
import type { JobSettings, PairJob } from '../../core/report/pairJob';
import type { PairReport } from '../../core/report/schema';

/** A small picture of where a prediction is wrong, for hovers. */
export interface Thumbnail {
  /** PNG bytes of the overlay (TP, FP, FN, ignored over a dark background). */
  png: Uint8Array;
  width: number;
  height: number;
  /** Size of the full-resolution masks. */
  sourceWidth: number;
  sourceHeight: number;
  /** Pixel counts over the whole mask (foreground = any class but 0 for a multi-class pair). */
  counts: { tp: number; fp: number; fn: number; tn: number; ignored: number };
}

interface RequestBase {
  id: number;
  job: PairJob;
  gt: Uint8Array;
  pred: Uint8Array;
  settings: JobSettings;
}

export type WorkerRequest =
  | (RequestBase & { kind: 'compute' })
  | (RequestBase & { kind: 'thumbnail'; maxSize: number });

export type WorkerResponse =
  | { id: number; kind: 'compute'; report: PairReport }
  | { id: number; kind: 'thumbnail'; thumbnail: Thumbnail }
  | { id: number; kind: 'error'; message: string };
