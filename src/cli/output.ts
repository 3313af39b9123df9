import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileProblem } from '../node/fileProblem';
import { UsageError } from './args';

/** Thrown when the reader of stdout went away (`| head -1`): stop quietly. */
export class PipeClosed extends Error {}

/** Writes text to a file descriptor completely (stdout may be a non-blocking pipe). */
function writeAll(fd: number, text: string): void {
  const buf = Buffer.from(text);
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // A non-blocking pipe that is full: try again.
      if (code === 'EAGAIN') continue;
      if (code === 'EPIPE') throw new PipeClosed('the reader of the output went away');
      throw e;
    }
  }
}

/** Where the report goes: written as it is computed, made visible only by `commit`. */
export interface ReportOutput {
  write(text: string): void;
  /** The report is complete: an --out file replaces its target now. */
  commit(): void;
  /** The run failed or was interrupted: an --out target keeps its previous content. */
  abort(): void;
}

/** stdout, streamed: a reader sees pairs as they come, and an interrupted run ends the document itself. */
export const stdoutOutput: ReportOutput = { write: (text) => writeAll(1, text), commit: () => {}, abort: () => {} };

/**
 * `--out FILE`: written to `FILE.<pid>.<random>.part` in the same folder and renamed over FILE when
 * complete, so FILE is never half-written, two runs never interleave, and a failed or interrupted run
 * leaves the previous FILE as it was. A FILE that is a device or a pipe (`/dev/stdout`) is written
 * directly: it cannot be renamed over. Refuses (a usage error) to write over any of `inputs`.
 */
export function fileOutput(out: string, inputs: Iterable<string>): ReportOutput {
  const existing = statSync(out, { throwIfNoEntry: false });
  if (existing?.isDirectory()) throw new UsageError(`--out ${out} is a directory`);
  if (existing) {
    for (const input of inputs) {
      const st = statSync(input, { throwIfNoEntry: false });
      if (st && st.dev === existing.dev && st.ino === existing.ino) throw new UsageError(`--out ${out} is an input of this run (${input}); refusing to write over it`);
    }
  }
  if (existing && !existing.isFile()) {
    const fd = openSync(out, 'w');
    return { write: (text) => writeAll(fd, text), commit: () => closeSync(fd), abort: () => closeSync(fd) };
  }
  // A symlinked FILE keeps its link: the file it points to is replaced.
  const target = existing ? realpathSync(out) : out;
  const temp = join(dirname(target), `${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.part`);
  let fd: number;
  try {
    fd = openSync(temp, 'wx', 0o666);
  } catch (e) {
    // Named after FILE: the temp file is an implementation detail.
    throw new Error(`--out ${fileProblem(out, e)}`);
  }
  if (existing) fchmodSync(fd, existing.mode & 0o7777);
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  const output: ReportOutput = {
    write: (text) => writeAll(fd, text),
    commit: () => {
      fsyncSync(fd);
      close();
      renameSync(temp, target);
      pending.delete(output);
    },
    abort: () => {
      pending.delete(output);
      close();
      unlinkSync(temp);
    },
  };
  pending.add(output);
  return output;
}

/** Temp files not yet renamed or removed, for a second Ctrl-C that cannot wait. */
const pending = new Set<ReportOutput>();

export function abortPendingOutputs(): void {
  for (const o of [...pending]) {
    try {
      o.abort();
    } catch {
      // Exiting anyway; the .part file is all that can be left.
    }
  }
}
