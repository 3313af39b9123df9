/** What the view tells the host about a computation: the `results` message, and the table the user copies. */
import type { FromWebview, ObjectSummary, ResultValues, Timings, ViewOptions, Witness } from '../../src/shared/protocol';
import { LossTable } from '../ui/lossTable';
import { pairTitle, type Loaded } from './loaded';

export function resultsMessage(loaded: Loaded, values: ResultValues, classIndex: number, witnesses: Witness[], timings: Timings, objects?: ObjectSummary): FromWebview {
  const numTensors = loaded.engine.numTensors();
  return {
    type: 'results',
    requestId: loaded.requestId,
    key: loaded.payload.key,
    backend: loaded.engine.backend,
    ...(loaded.notice ? { notice: loaded.notice } : {}),
    values,
    classIndex,
    witnesses,
    timings,
    ...(numTensors === undefined ? {} : { numTensors }),
    ...(objects ? { objects } : {}),
  };
}

/** The values as the text **Copy** puts on the clipboard, headed by the pair and the options. */
export function copyText(loaded: Loaded, o: ViewOptions, values: ResultValues): string {
  return LossTable.text(values, `# ${pairTitle(loaded.payload)}, preset ${o.preset}, threshold ${o.threshold}`);
}
