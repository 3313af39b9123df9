import type { EngineOptions } from '../../engine';
import type { LoadedPair } from '../pairInput';

type Spacing3 = [number, number, number];

/**
 * The engine options of a pair: for a volume, its spacing is the header's unless three numbers were
 * given (which override it, with a warning when they differ); two numbers are an image's pixel size and
 * leave a volume's alone, with a warning when they are not the default. Images keep the options as given.
 */
export function volumeEngineOptions(input: LoadedPair, engine: Partial<EngineOptions>, gtName: string): Partial<EngineOptions> {
  if (input.depth === undefined) return engine;
  const header: Spacing3 = input.spacing ?? [1, 1, 1];
  const given = engine.spacing;
  let spacing = header;
  if (given?.length === 3) {
    spacing = [...given] as Spacing3;
    // An .npy has no header to override: nothing to warn about.
    if (input.spacing && given.some((s, k) => s !== header[k])) {
      input.warnings.push(`${gtName}: spacing ${given.join(',')} overrides the header's voxel size ${header.join(' x ')}`);
    }
  } else if (given && (given[0] !== 1 || given[1] !== 1)) {
    input.warnings.push(`${gtName}: spacing ${given.join(',')} is a pixel size for images; this volume uses its header's voxel size ${header.join(' x ')} (give X,Y,Z to override it)`);
  }
  return { ...engine, spacing };
}
