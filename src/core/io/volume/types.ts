import type { WorldFrame } from './affine';

/** A decoded volume, before it is read as a ground truth or a prediction. */
export type VolumeData = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;

export interface RawVolume {
  /** Voxels along x, y and z; `data` holds x fastest, then y, then z (NIfTI and NRRD order). */
  dims: [number, number, number];
  /** Channels (class probabilities of an .npy/.npz prediction), channel-major; 1 for a plain volume. */
  channels: number;
  data: VolumeData;
  /** Stored as integers (a label map), not as floating point. */
  integer: boolean;
  /** Voxel size along x, y, z from the header (mm), when the format has one. */
  spacing?: [number, number, number];
  /** Voxel index → RAS mm from the header (NIfTI sform/qform/pixdim, NRRD space), for display only. */
  world?: WorldFrame;
  warnings: string[];
}
