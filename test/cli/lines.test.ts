import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastLine, LineReader } from '../../src/cli/lines';
import { tempTree } from './run';

const readAll = (path: string): { lines: string[]; unterminated: boolean } => {
  const r = new LineReader(path);
  const lines: string[] = [];
  for (let l = r.next(); l !== undefined; l = r.next()) lines.push(l);
  r.close();
  return { lines, unterminated: r.unterminated };
};

describe('reading reports line by line', () => {
  // Over 1 MiB chunks, with two- and four-byte characters cut at every possible place.
  const lines = Array.from({ length: 9000 }, (_, i) => `{"gt":"é${'x'.repeat(i % 517)}🙂${i}"}`);
  const dir = tempTree({});

  it('gives every line of a file of several chunks, whole characters only', () => {
    const path = join(dir, 'a.jsonl');
    writeFileSync(path, lines.join('\n') + '\n');
    expect(readAll(path)).toEqual({ lines, unterminated: false });
    expect(lastLine(path)).toBe(lines.at(-1));
  });

  it('a last line without a newline (a killed writer) is marked unterminated', () => {
    const path = join(dir, 'b.jsonl');
    writeFileSync(path, lines.join('\n'));
    expect(readAll(path)).toEqual({ lines, unterminated: true });
    expect(lastLine(path)).toBe(lines.at(-1));
  });

  it('lastLine skips trailing blank lines; an empty file has none', () => {
    const path = join(dir, 'c.jsonl');
    writeFileSync(path, 'one\ntwo\n\n\r\n');
    expect(lastLine(path)).toBe('two');
    writeFileSync(path, '');
    expect(lastLine(path)).toBe('');
    writeFileSync(path, 'only');
    expect(lastLine(path)).toBe('only');
  });
});
