import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

const CHUNK = 1 << 20;
const NEWLINE = 0x0a;

/**
 * Reads a file line by line, synchronously, holding one chunk and one line at a time (a part of a
 * million pairs is never in memory at once). Lines are split on bytes, so UTF-8 is never cut.
 */
export class LineReader {
  private readonly fd: number;
  private buf = Buffer.alloc(0);
  private pos = 0;
  private eof = false;
  /** Number of the line `next` returned last (from 1). */
  line = 0;
  /** The last line returned had no newline after it: the file was cut while it was written. */
  unterminated = false;

  constructor(path: string) {
    this.fd = openSync(path, 'r');
  }

  next(): string | undefined {
    for (;;) {
      const nl = this.buf.indexOf(NEWLINE, this.pos);
      if (nl >= 0) {
        const text = this.buf.toString('utf8', this.pos, nl);
        this.pos = nl + 1;
        this.line++;
        return text;
      }
      if (this.eof) {
        if (this.pos >= this.buf.length) return undefined;
        const text = this.buf.toString('utf8', this.pos);
        this.pos = this.buf.length;
        this.line++;
        this.unterminated = true;
        return text;
      }
      const chunk = Buffer.allocUnsafe(CHUNK);
      const n = readSync(this.fd, chunk, 0, CHUNK, null);
      if (n === 0) this.eof = true;
      this.buf = Buffer.concat([this.buf.subarray(this.pos), chunk.subarray(0, n)]);
      this.pos = 0;
    }
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** The last non-empty line of a file, read backwards (the summary line of a jsonl report); '' for none. */
export function lastLine(path: string): string {
  const fd = openSync(path, 'r');
  try {
    let end = fstatSync(fd).size;
    let tail = Buffer.alloc(0);
    for (;;) {
      // Trailing newlines and blanks first.
      while (tail.length && (tail[tail.length - 1] === NEWLINE || tail[tail.length - 1] === 0x0d)) tail = tail.subarray(0, tail.length - 1);
      const nl = tail.lastIndexOf(NEWLINE);
      if ((nl >= 0 && tail.length > 0) || end === 0) return tail.toString('utf8', nl + 1);
      const start = Math.max(0, end - CHUNK);
      const chunk = Buffer.allocUnsafe(end - start);
      readSync(fd, chunk, 0, chunk.length, start);
      tail = Buffer.concat([chunk, tail]);
      end = start;
    }
  } finally {
    closeSync(fd);
  }
}
