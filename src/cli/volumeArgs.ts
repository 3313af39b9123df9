import type { AxisOrder } from '../core/io/volume/loadVolume';

/** Options for volumes, parsed apart from the rest. */
export interface VolumeArgs {
  axisOrder?: AxisOrder;
}

export const VOLUME_FLAGS = ['--axis-order'] as const;

export const VOLUME_USAGE = `  --axis-order xyz|zyx             axes of .npy/.npz volume predictions when their shape fits both orders
                                   (default: told by shape; zyx is SimpleITK's and nnU-Net's order)`;

/** `one(flag)` gives a flag's single value; `fail(message)` throws the usage error. */
export function parseVolumeArgs(one: (flag: string) => string | undefined, fail: (message: string) => never): VolumeArgs {
  const order = one('--axis-order');
  if (order === undefined) return {};
  if (order !== 'xyz' && order !== 'zyx') fail(`--axis-order is xyz or zyx, got '${order}'`);
  return { axisOrder: order };
}
