/** Reference pairs as the host sends them: the files' bytes decoded by the host's own payload builder. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pairPayload } from '../../src/extension/webview/pairMessage';
import type { PairInput } from '../../src/core/types';
import type { PairPayload } from '../../src/shared/protocol';
import { pairInputFrom } from '../../webview/pairInput';
import { REFERENCE_DIR, type Expected } from '../helpers/reference';

export interface Fixture {
  name: string;
  payload: PairPayload;
  /** What the webview's engines receive (the same decode as in the page). */
  input: PairInput;
  expected: Expected;
}

export function referencePair(name: string): Fixture {
  const dir = join(REFERENCE_DIR, name);
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
  const predName = expected.mode === 'multiclass' ? 'pred.npy' : 'pred.png';
  const payload = pairPayload(
    { gtBytes: readFileSync(join(dir, 'gt.png')), gtName: 'gt.png', predBytes: readFileSync(join(dir, predName)), predName },
    { key: name, ignoreIndex: expected.ignoreIndex },
  );
  return { name, payload, input: pairInputFrom(payload), expected };
}
