import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { MaskError } from '../core/types';
import { fileProblem } from './fileProblem';

/** What a path that is not a regular file is, for the message. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Reads a file that should hold a mask (or a small settings file), refusing anything that could hang
 * or exhaust memory: it is opened without blocking (opening a FIFO would wait for a writer forever),
 * then checked on the open descriptor — so a swap between check and read cannot fool it — to be a
 * regular file of at most `maxBytes` (a symlink to /dev/zero is a character device, refused before a
 * byte is read). Throws a MaskError `name: problem` (codes `not-a-file`, `too-large`, `unreadable`).
 */
export function readRegularFile(path: string, maxBytes: number, name = path): Buffer {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw new MaskError('unreadable', fileProblem(name, e));
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new MaskError('not-a-file', `${name}: ${kindOf(st)}, not a regular file`);
    if (st.size > maxBytes) {
      throw new MaskError('too-large', `${name}: file is ${st.size} bytes, more than the ${maxBytes} bytes allowed`);
    }
    // Read what fstat announced; a file that grows meanwhile is read up to that size.
    const buf = Buffer.allocUnsafe(st.size);
    let at = 0;
    while (at < buf.length) {
      const n = readSync(fd, buf, at, buf.length - at, at);
      if (n === 0) break;
      at += n;
    }
    return at === buf.length ? buf : buf.subarray(0, at);
  } catch (e) {
    if (e instanceof MaskError) throw e;
    throw new MaskError('unreadable', fileProblem(name, e));
  } finally {
    closeSync(fd);
  }
}

/**
 * The first `headBytes` of a regular file and its size, for sizing work from a header; undefined for
 * anything that is not a readable regular file (reading it properly will say why).
 */
export function peekRegularFile(path: string, headBytes = 64 * 1024): { head: Buffer; size: number } | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return undefined;
    const head = Buffer.alloc(Math.min(headBytes, st.size));
    const n = readSync(fd, head, 0, head.length, 0);
    return { head: head.subarray(0, n), size: st.size };
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
