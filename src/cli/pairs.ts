import type { PairsArgs } from './args';
import { discover } from './discover';
import { printable } from '../core/report/formats';
import { readPairingFile } from './files';
import { manifestLine } from './manifest';

/** The `pairs` command: what discovery finds, and why the rest is left unpaired. */
export function runPairs(a: PairsArgs, out: (text: string) => void, log: (line: string) => void): number {
  const found = discover(a.dirs, a.pairing ? readPairingFile(a.pairing) : undefined);
  found.problems.forEach((p) => log(p));
  if (a.format === 'jsonl') {
    // A manifest for `report --pairs FILE`: jobs only; why files are unpaired goes to stderr.
    for (const j of found.jobs) out(manifestLine(j));
    if (found.unpaired.length) log(`${found.unpaired.length} files unpaired (see 'mask-inspector pairs ${a.dirs.join(' ')}')`);
  } else if (a.format === 'json') out(JSON.stringify({ pairs: found.jobs, unpaired: found.unpaired }, null, 2) + '\n');
  else {
    // One line per pair or file, whatever characters the names hold.
    const lines = found.jobs.map((j) => printable(`${j.root}${j.dataset ? ` [${j.dataset}]` : ''}${j.model ? ` (${j.model})` : ''}: ${j.gt}  ↔  ${j.pred}`));
    out(`${found.jobs.length} pairs\n${lines.join('\n')}${lines.length ? '\n' : ''}`);
    if (found.unpaired.length) out(`\n${found.unpaired.length} unpaired\n${found.unpaired.map((u) => printable(`${u.path}: ${u.reason}`)).join('\n')}\n`);
  }
  return found.jobs.length === 0 || found.problems.length ? 1 : 0;
}
