/**
 * Issue 11, CLI side: every defect found by fuzzing and by trying the tool as a new user would, each
 * reproduced on real files with the built CLI as a subprocess.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodePng, greyPng, ihdr, pngFromChunks } from '../core/io/pngWriter';
import { discs, gtPng, H, predPng8, W } from './masks';
import { CLI, cli, parseCsv, parseReport, ROOT, tempTree, type CliRun } from './run';

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);
const { gt, prob } = discs();
const g = gtPng(gt);
const p = predPng8(prob);

/** The CLI with a time limit (a hang is the bug) and, optionally, a preload script. */
function cliLimited(args: string[], timeoutMs: number, preload?: string): CliRun & { signal: NodeJS.Signals | null } {
  const r = spawnSync(process.execPath, [...(preload ? ['-r', preload] : []), CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 << 20 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
}

/** Many small pairs in one folder: a run long enough to interrupt or to cut off. */
function manyPairs(n: number): string {
  const files: Record<string, Uint8Array> = {};
  for (let i = 0; i < n; i++) {
    files[`gt/${String(i).padStart(4, '0')}.png`] = g;
    files[`pred/${String(i).padStart(4, '0')}.png`] = p;
  }
  return tempTree(files);
}

/**
 * Starts the CLI and sends `signal` once the run is under way: when the report's first bytes are out
 * (stdout), or when `started()` says so (an --out run) — both come after the handlers are installed.
 */
function interrupted(args: string[], signal: NodeJS.Signals, started?: () => boolean): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    let sent = false;
    const send = () => {
      if (sent) return;
      sent = true;
      // Once the temp file says the run is writing, at once: a fast run of small pairs ends within 200 ms.
      setTimeout(() => child.kill(signal), started ? 0 : 200);
    };
    const poll = started && setInterval(() => started() && send(), 20);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (!started) send();
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => {
      if (poll) clearInterval(poll);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('files that are not regular files, or too large, are refused before reading', () => {
  it('a FIFO named a_gt.png, a link to /dev/zero, a huge sparse file: one line each, no hang, other pairs computed', () => {
    const dir = tempTree({ 'ok_gt.png': g, 'ok_pred.png': p, 'fifo_pred.png': p, 'zero_gt.png': g, 'huge_gt.png': g });
    expect(spawnSync('mkfifo', [join(dir, 'fifo_gt.png')]).status).toBe(0);
    symlinkSync('/dev/zero', join(dir, 'zero_pred.png'));
    writeFileSync(join(dir, 'huge_pred.npy'), '');
    truncateSync(join(dir, 'huge_pred.npy'), 200 << 20);
    const r = cliLimited(['report', dir, '--format', 'json', '--max-memory', '64'], 30_000);
    expect(r.signal, 'the run hung').toBeNull();
    expect(r.code).toBe(1);
    noStack(r.stderr);
    const rep = parseReport(r.stdout);
    const byGt = (name: string) => rep.pairs.find((x) => x.gt === name);
    expect(byGt('ok_gt.png')?.error).toBeNull();
    expect(byGt('fifo_gt.png')?.error).toEqual({ code: 'not-a-file', message: 'fifo_gt.png: a named pipe (FIFO), not a regular file' });
    expect(byGt('zero_gt.png')?.error).toEqual({ code: 'not-a-file', message: 'zero_pred.png: a character device, not a regular file' });
    expect(byGt('huge_gt.png')?.error?.code).toBe('too-large');
    expect(byGt('huge_gt.png')?.error?.message).toMatch(/^huge_pred\.npy: file is 209715200 bytes, more than the \d+ bytes allowed$/);
    for (const x of rep.pairs.filter((x) => x.error)) expect(r.stderr).toContain(`${x.error?.message}\n`);
  });

  it('a FIFO given as --palette or --pairing fails with one line instead of waiting', () => {
    const dir = tempTree({ 'ok_gt.png': g, 'ok_pred.png': p });
    expect(spawnSync('mkfifo', [join(dir, 'palette.json')]).status).toBe(0);
    const r = cliLimited(['report', dir, '--palette', join(dir, 'palette.json'), '--format', 'json'], 30_000);
    expect(r.signal, 'the run hung').toBeNull();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/palette file .*palette\.json: a named pipe \(FIFO\), not a regular file\n$/);
    noStack(r.stderr);
  });
});

describe('tiny files that would mean unbounded work: classes are capped', () => {
  it('a 16-bit ground truth with 0, 1 and 65535 is refused, naming it, in no time', () => {
    const dir = tempTree({ 'a_gt.png': greyPng(3, 1, [0, 1, 65535], 16), 'a_pred.png': encodePng({ width: 3, height: 1, colorType: 'palette', bitDepth: 8, samples: [0, 1, 1], palette: [0, 0, 0, 9, 9, 9] }) });
    const r = cliLimited(['report', dir, '--format', 'json'], 20_000);
    expect(r.code).toBe(1);
    const e = parseReport(r.stdout).pairs[0].error;
    expect(e?.code).toBe('too-many-classes');
    expect(e?.message).toMatch(/^a_gt\.png: ground truth class 65535 gives 65536 classes, more than the limit of 255; .*--max-classes/);
  });

  it('a palette index 255 in a prediction suggests --ignore-index 255; --max-classes raises the cap', () => {
    const palette = Array.from({ length: 256 * 3 }, (_, i) => i % 256);
    const pred = encodePng({ width: W, height: H, colorType: 'palette', bitDepth: 8, samples: gt.map((v, i) => (i === 0 ? 255 : v)), palette });
    const dir = tempTree({ 'a_gt.png': encodePng({ width: W, height: H, colorType: 'palette', bitDepth: 8, samples: gt, palette }), 'a_pred.png': pred });
    const r = cli(['report', dir, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(parseReport(r.stdout).pairs[0].error?.message).toMatch(/^a_pred\.png: prediction class 255 gives 256 classes, more than the limit of 255; if 255 marks void pixels, give it as the ignore index \(--ignore-index 255\)/);
    const raised = cli(['report', dir, '--format', 'json', '--max-classes', '256', '--metric', 'dice', '--loss', 'dice']);
    expect(raised.code, raised.stderr).toBe(0);
    expect(parseReport(raised.stdout).pairs[0].classes).toBe(256);
  });
});

describe('memory is bounded per pair and shared by the parallel pairs', () => {
  // 4096² RGBA16, all zero: 97 kB on disk, 128 MiB of samples.
  const raw = new Uint8Array(4096 * (1 + 4096 * 8));
  const big = pngFromChunks([{ type: 'IHDR', data: ihdr(4096, 4096, 16, 'rgba') }, { type: 'IDAT', data: deflateSync(raw) }, { type: 'IEND', data: new Uint8Array() }]);
  const dir = tempTree({ 'big.png': big, 'small.png': greyPng(8, 8, new Array(64).fill(0)) });

  it('decoding a 4096² RGBA16 ground truth takes its samples once, not three times', () => {
    const preload = join(dir, 'rss.cjs');
    writeFileSync(preload, "process.on('exit', () => require('fs').writeSync(2, `maxrss_kb=${process.resourceUsage().maxRSS}\\n`));\n");
    const r = cliLimited(['report', '--gt', join(dir, 'big.png'), '--pred', join(dir, 'small.png'), '--format', 'json', '--jobs', '1'], 120_000, preload);
    expect(parseReport(r.stdout).pairs[0].error?.code).toBe('size-mismatch');
    const kb = Number(/maxrss_kb=(\d+)/.exec(r.stderr)?.[1]);
    // 128 MiB of samples, 32 MiB of the first channel, 16 MiB of labels and Node itself (~60 MiB); before
    // the in-place unfilter and the single inflate chunk it was 560 MiB.
    expect(kb).toBeGreaterThan(0);
    expect(kb).toBeLessThan(360 * 1024);
  });

  it('a pair estimated beyond the memory budget is refused before decoding, naming the file', () => {
    const r = cli(['report', '--gt', join(dir, 'big.png'), '--pred', join(dir, 'big.png'), '--format', 'json', '--max-memory', '200']);
    expect(r.code).toBe(1);
    const e = parseReport(r.stdout).pairs[0].error;
    expect(e?.code).toBe('too-large');
    expect(e?.message).toMatch(/big\.png: computing this pair needs about [\d.]+ [GM]iB, more than the memory budget of 200 MiB per pair/);
  });

  it('the default number of jobs shrinks to what memory holds, and says so', () => {
    const two = tempTree({ 'a_gt.png': big, 'a_pred.png': greyPng(8, 8, new Array(64).fill(0)), 'b_gt.png': big, 'b_pred.png': greyPng(8, 8, new Array(64).fill(0)) });
    const r = cli(['report', two, '--format', 'json', '--max-memory', '1000']);
    expect(r.stderr).toMatch(/^mask-inspector: 1 pair at a time, not \d+: a pair needs about .* of the 1000 MiB this run may use/m);
    expect(parseReport(r.stdout).pairs.map((x) => x.error?.code)).toEqual(['size-mismatch', 'size-mismatch']);
  });
});

describe('names are kept as they are, and every format stays well-formed with them', () => {
  const names = ['we\\ird', 'line\nbreak', '=1+2', '@SUM(A1)', '-3', '+x', 'tick`|*_<b>'];
  const files: Record<string, Uint8Array> = { 'lonely\nfile_gt.png': g };
  for (const n of names) {
    files[`${n}_gt.png`] = g;
    files[`${n}_pred.png`] = p;
  }
  const dir = tempTree(files);

  it('json: every name pairs, byte for byte; the one with a line break but no partner is listed unpaired', () => {
    const r = cli(['report', dir, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const rep = parseReport(r.stdout);
    expect(rep.pairs.map((x) => x.gt).sort()).toEqual(names.map((n) => `${n}_gt.png`).sort());
    expect(rep.unpaired.map((u) => u.path)).toEqual(['lonely\nfile_gt.png']);
    const pairs = JSON.parse(cli(['pairs', dir, '--format', 'json']).stdout) as { pairs: unknown[]; unpaired: unknown[] };
    expect(pairs.pairs).toHaveLength(names.length);
    expect(pairs.unpaired).toHaveLength(1);
  });

  it('jsonl: one JSON value per line', () => {
    const lines = cli(['report', dir, '--format', 'jsonl']).stdout.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(names.length + 2);
    const values = lines.map((l) => JSON.parse(l));
    expect(values.filter((v) => typeof v.gt === 'string')).toHaveLength(names.length);
  });

  it('csv: one row per pair, and no cell a spreadsheet would run as a formula', () => {
    const [head, ...rows] = parseCsv(cli(['report', dir, '--format', 'csv']).stdout);
    expect(rows).toHaveLength(names.length);
    const text = ['root', 'gt', 'pred', 'dataset', 'model', 'error', 'warnings'].map((c) => head.indexOf(c));
    for (const row of rows) {
      expect(row).toHaveLength(head.length);
      for (const k of text) expect(row[k], head[k]).not.toMatch(/^[=+\-@\t\r]/);
    }
    const gtCol = head.indexOf('gt');
    expect(rows.map((r) => r[gtCol]).sort()).toEqual(names.map((n) => (/^[=+\-@]/.test(n) ? `'${n}_gt.png` : `${n}_gt.png`)).sort());
  });

  it('markdown: every table row has its columns, the unpaired list one line per file', () => {
    const md = cli(['report', dir, '--format', 'markdown', '--metric', 'dice', '--loss', 'dice']).stdout;
    const rows = md.split('\n').filter((l) => l.startsWith('|'));
    // Unescaped pipes delimit cells: every pair row has as many as the header.
    const cells = (row: string) => row.split(/(?<!\\)\|/).length;
    for (const row of rows.slice(0, names.length + 2)) expect(cells(row), row).toBe(cells(rows[0]));
    expect(rows.filter((l) => l.includes('\\_gt.png'))).toHaveLength(names.length);
    expect(md).toMatch(/^- ` lonely\\nfile_gt\.png `: /m);
  });

  it('table and pairs: one line per pair', () => {
    const table = cli(['report', dir, '--format', 'table', '--metric', 'dice', '--loss', 'dice']).stdout.split('\n');
    expect(table.filter((l) => /_pred\.png/.test(l))).toHaveLength(names.length);
    const listing = cli(['pairs', dir]).stdout.split('\n');
    expect(listing.filter((l) => l.includes('↔'))).toHaveLength(names.length);
    expect(listing).toContain('lonely\\nfile_gt.png: no prediction with stem \'lonely\\nfile\' in ./');
  });
});

describe('--out: written whole or not at all, never over an input', () => {
  const samples = join(ROOT, 'samples');

  it('refuses an input of the run (also through a symlink), leaving it untouched', () => {
    const dir = tempTree({ 'a_gt.png': g, 'a_pred.png': p });
    symlinkSync(join(dir, 'a_pred.png'), join(dir, 'link.json'));
    for (const out of [join(dir, 'a_gt.png'), join(dir, 'link.json')]) {
      const r = cli(['report', dir, '--out', out, '--format', 'json']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/is an input of this run .*refusing to write over it/);
    }
    expect(readFileSync(join(dir, 'a_gt.png'))).toEqual(Buffer.from(g));
    expect(readFileSync(join(dir, 'a_pred.png'))).toEqual(Buffer.from(p));
  });

  it('no pair found: the previous report stays', () => {
    const out = join(tempTree({ 'report.json': 'previous' }), 'report.json');
    const r = cli(['report', tempTree({ 'lonely.png': g }), '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no pairs found .*report\.json not written/);
    expect(readFileSync(out, 'utf8')).toBe('previous');
  });

  it('replaced only when complete; an interrupted run keeps the previous file and leaves no temp file', async () => {
    const folder = tempTree({ 'report.json': 'previous' });
    const out = join(folder, 'report.json');
    const many = manyPairs(1000);
    // --out writes nothing to stdout: the temp file beside the target says the run is writing.
    const writing = () => readdirSync(folder).some((f) => f.endsWith('.part'));
    const r = await interrupted(['report', many, '--out', out, '--jobs', '1', '--metric', 'dice', '--loss', 'dice'], 'SIGTERM', writing);
    expect(r.code, r.stderr).toBe(143);
    expect(readFileSync(out, 'utf8')).toBe('previous');
    expect(readdirSync(folder)).toEqual(['report.json']);
    expect(r.stderr).toMatch(/interrupted \(SIGTERM\) after \d+ of 1000 pairs; .*report\.json left as it was/);
  });

  it('two runs on the same --out: the result is one whole report', async () => {
    const folder = tempTree({});
    const out = join(folder, 'r.json');
    const run = () =>
      new Promise<number | null>((resolve) => spawn(process.execPath, [CLI, 'report', samples, '--ignore-index', '255', '--out', out], { cwd: ROOT }).on('close', resolve));
    expect(await Promise.all([run(), run()])).toEqual([0, 0]);
    expect(parseReport(readFileSync(out, 'utf8')).pairs).toHaveLength(17);
    expect(readdirSync(folder)).toEqual(['r.json']);
  });

  it('a folder that does not exist: one line naming --out FILE, not its temp file', () => {
    const out = join(tempTree({}), 'missing', 'r.json');
    const r = cli(['report', samples, '--ignore-index', '255', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`mask-inspector: --out ${out}: no such file or directory\n`);
  });

  it('a device such as /dev/null is written directly', () => {
    const r = cli(['report', samples, '--ignore-index', '255', '--out', '/dev/null', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync('/dev/null') && statSync('/dev/null').isCharacterDevice()).toBe(true);
  });
});

describe('a closed pipe and signals end the run cleanly', () => {
  const many = manyPairs(60);

  it.each([['1'], ['2']])('| head -1 (--jobs %s): no message, the exit code of SIGPIPE', (jobs) => {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" report "${many}" --format jsonl --jobs ${jobs} | head -1 >/dev/null; echo "status=\${PIPESTATUS[0]}"`], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout.trim()).toBe('status=141');
    expect(r.stderr).toBe('');
  });

  it.each([
    ['json', 'SIGINT', '1', 130],
    ['json', 'SIGTERM', '2', 143],
    ['jsonl', 'SIGINT', '2', 130],
  ] as const)('%s on stdout, %s, --jobs %s: a well-formed report marked interrupted, exit %i', async (format, signal, jobs, code) => {
    const n = 300;
    const r = await interrupted(['report', manyPairs(n), '--format', format, '--jobs', jobs], signal);
    expect(r.code).toBe(code);
    noStack(r.stderr);
    expect(r.stderr).toMatch(new RegExp(`interrupted \\(${signal}\\) after \\d+ of ${n} pairs\\n`));
    if (format === 'json') {
      const rep = parseReport(r.stdout);
      expect(rep.summary.interrupted).toBe(true);
      expect(rep.pairs.length).toBe(rep.summary.pairs);
      expect(rep.pairs.length).toBeLessThan(n);
    } else {
      const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
      expect(lines.at(-1).summary.interrupted).toBe(true);
    }
  });

  it('table on stdout says the run was interrupted', async () => {
    const r = await interrupted(['report', manyPairs(300), '--format', 'table', '--jobs', '1'], 'SIGINT');
    expect(r.code).toBe(130);
    expect(r.stdout).toMatch(/\nINTERRUPTED: the run was stopped before every pair was computed\n/);
  });
});

describe('help', () => {
  it.each([[['report', '--help']], [['report', 'samples', '-h']], [['pairs', '--help']], [['pairs', '-h']]])('%j prints the usage and exits 0', (args) => {
    const r = cli(args);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage:/);
    expect(r.stderr).toBe('');
  });
});
