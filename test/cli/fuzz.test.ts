/**
 * Decoder fuzz through the CLI: a folder of a few hundred mutated masks next to good pairs, one run with
 * worker threads. The good pairs are computed, every bad pair gets one clear line, the JSON parses, and
 * nothing prints NaN or a stack trace.
 */
import { describe, expect, it } from 'vitest';
import { mutants, seeds } from '../helpers/fuzz';
import { cli, parseReport, tempTree } from './run';

const MUTANTS = 300;

describe(`CLI over ${MUTANTS} mutated files and good pairs`, () => {
  const byName = new Map(seeds().map((s) => [s.name, s.bytes]));
  const ext = (name: string) => name.slice(name.lastIndexOf('.'));
  const files: Record<string, Uint8Array> = {};
  for (let k = 0; k < 5; k++) {
    files[`gt/good${k}.png`] = byName.get('grey8.png')!;
    files[`pred/good${k}.png`] = byName.get('grey16.png')!;
  }
  for (const m of mutants(7, MUTANTS)) {
    const stem = `m${String(m.mutant).padStart(4, '0')}`;
    files[`${m.role}/${stem}${ext(m.name)}`] = m.bytes;
    files[`${m.role === 'gt' ? 'pred' : 'gt'}/${stem}${ext(m.partner)}`] = byName.get(m.partner)!;
  }
  const dir = tempTree(files);
  const r = cli(['report', dir, '--format', 'json', '--jobs', '2', '--max-pixels', '65536']);

  it('exits 1 with a report that parses and holds no NaN; no stack trace anywhere', () => {
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).not.toMatch(/\bNaN\b/);
    expect(r.stdout + r.stderr).not.toContain('    at ');
    expect(parseReport(r.stdout).pairs).toHaveLength(MUTANTS + 5);
  });

  it('the good pairs are computed', () => {
    const good = parseReport(r.stdout).pairs.filter((p) => p.gt.startsWith('gt/good'));
    expect(good).toHaveLength(5);
    for (const p of good) {
      expect(p.error).toBeNull();
      expect(p.metrics.dice?.status).toBe('ok');
    }
  });

  it('every bad pair has exactly one line on stderr, naming a file of the pair', () => {
    const failed = parseReport(r.stdout).pairs.filter((p) => p.error);
    expect(failed.length).toBeGreaterThan(MUTANTS / 2);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('mask-inspector: '));
    expect(lines).toHaveLength(failed.length);
    for (const p of failed) {
      const message = p.error?.message ?? '';
      expect(p.error?.code, message).not.toBe('internal');
      expect(message.startsWith(`${p.gt}: `) || message.startsWith(`${p.pred}: `), message).toBe(true);
      expect(lines).toContain(`mask-inspector: ${message}`);
    }
  });
});
