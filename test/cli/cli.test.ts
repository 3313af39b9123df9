import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeNpy } from '../core/io/npyWriter';
import { encodePng, greyPng, ihdr, pngFromChunks } from '../core/io/pngWriter';
import { close, loadReferenceCase, parseParamKey, REFERENCE_DIR, referenceCases } from '../helpers/reference';
import { discs, groundTruthVariants, gtPng, H, predictionVariants, predPng8, W } from './masks';
import { cli, parseCsv, parseReport, ROOT, tempTree } from './run';

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('report on the reference vectors: the same numbers as the engine contract', () => {
  it.each(referenceCases())('%s', (name) => {
    const c = loadReferenceCase(name);
    const dir = join(REFERENCE_DIR, name);
    const pred = c.expected.mode === 'multiclass' ? 'pred.npy' : 'pred.png';
    const base = ['report', '--gt', join(dir, 'gt.png'), '--pred', join(dir, pred), '--format', 'json'];
    if (c.expected.ignoreIndex !== undefined) base.push('--ignore-index', String(c.expected.ignoreIndex));
    const r = cli(base);
    expect(r.code, r.stderr).toBe(0);
    const pair = parseReport(r.stdout).pairs[0];
    expect(pair.mode).toBe(c.expected.mode);
    for (const [id, v] of Object.entries(c.expected.paper.losses)) expect(close(pair.losses[id].value, v), `${name} ${id}`).toBe(true);
    for (const [id, v] of Object.entries(c.expected.paper.metrics ?? {})) {
      expect(pair.metrics[id].status, id).toBe(v.status);
      if (v.value !== null) expect(close(pair.metrics[id].value, v.value), `${name} ${id}`).toBe(true);
    }
    for (const [k, set] of Object.entries(c.expected.paper.perClass ?? {}))
      for (const [id, v] of Object.entries(set.losses)) expect(close(pair.perClass?.[k].losses[id].value ?? null, v), `${name} class ${k} ${id}`).toBe(true);

    // A parameter, a preset and a pixel spacing given on the command line.
    const [key, value] = Object.entries(c.expected.paper.params ?? {})[0] ?? [];
    if (key) {
      const [id, params] = parseParamKey(key);
      const flags = Object.entries(params).flatMap(([k, v]) => ['--param', `${id}.${k}=${v}`]);
      const p = parseReport(cli([...base, '--loss', id, ...flags]).stdout).pairs[0];
      expect(close(p.losses[id].value, value as number), key).toBe(true);
    }
    if (c.expected.monai?.losses?.dice !== undefined) {
      const p = parseReport(cli([...base, '--preset', 'monai', '--loss', 'dice']).stdout).pairs[0];
      expect(close(p.losses.dice.value, c.expected.monai.losses.dice)).toBe(true);
    }
    const spaced = c.expected.paper['metricsSpacingX0.5Y2'];
    if (spaced) {
      const p = parseReport(cli([...base, '--spacing', '0.5,2', '--metric', 'hd,assd']).stdout).pairs[0];
      for (const id of ['hd', 'assd']) {
        expect(p.metrics[id].status).toBe(spaced[id].status);
        if (spaced[id].value !== null) expect(close(p.metrics[id].value, spaced[id].value as number), id).toBe(true);
      }
    }
  });
});

describe('every mask format gives the same numbers', () => {
  const { gt, prob } = discs();
  const files: Record<string, Uint8Array> = { 'base/gt/a.png': gtPng(gt), 'base/pred/a.png': predPng8(prob) };
  for (const [name, bytes] of Object.entries(predictionVariants(prob))) files[`preds/${name}`] = bytes;
  for (const [name, bytes] of Object.entries(groundTruthVariants(gt))) files[`gts/${name}`] = bytes;
  const dir = tempTree(files);
  const baseline = parseReport(cli(['report', join(dir, 'base'), '--format', 'json']).stdout).pairs[0];

  const same = (p: ReturnType<typeof parseReport>['pairs'][0], label: string) => {
    expect(p.error, label).toBeNull();
    for (const set of ['losses', 'metrics'] as const)
      for (const [id, v] of Object.entries(baseline[set])) {
        expect(p[set][id].status, `${label} ${id}`).toBe(v.status);
        if (v.value !== null) expect(p[set][id].value as number, `${label} ${set} ${id}`).toBeCloseTo(v.value, 5);
      }
  };

  it.each(Object.keys(predictionVariants(prob)))('prediction as %s', (name) => {
    const r = cli(['report', '--gt', join(dir, 'base/gt/a.png'), '--pred', join(dir, 'preds', name), '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    same(parseReport(r.stdout).pairs[0], name);
  });

  it.each(Object.keys(groundTruthVariants(gt)))('ground truth as %s', (name) => {
    const r = cli(['report', '--gt', join(dir, 'gts', name), '--pred', join(dir, 'base/pred/a.png'), '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    same(parseReport(r.stdout).pairs[0], name);
  });

  it('an RGB colour mask maps to classes through --palette', () => {
    const colours = tempTree({
      'gt.png': encodePng({ width: W, height: H, colorType: 'rgb', bitDepth: 8, samples: gt.flatMap((v) => (v ? [220, 20, 60] : [0, 0, 0])) }),
      'palette.json': JSON.stringify([{ rgb: [0, 0, 0], class: 0 }, { rgb: [220, 20, 60], class: 1 }]),
    });
    const args = ['report', '--gt', join(colours, 'gt.png'), '--pred', join(dir, 'base/pred/a.png'), '--format', 'json'];
    const without = cli(args);
    expect(without.code).toBe(1);
    expect(parseReport(without.stdout).pairs[0].error?.message).toMatch(/gt\.png.*palette/);
    const r = cli([...args, '--palette', join(colours, 'palette.json')]);
    expect(r.code, r.stderr).toBe(0);
    same(parseReport(r.stdout).pairs[0], 'rgb + palette');
  });
});

describe('pair discovery', () => {
  const { gt, prob } = discs();
  const g = gtPng(gt);
  const p = predPng8(prob);
  const n = encodeNpy({ descr: '<f4', shape: [H, W], data: prob });

  it.each([
    ['gt', 'pred'], ['ground_truth', 'predictions'], ['groundtruth', 'outputs'], ['labels', 'results'],
    ['masks', 'inference'], ['annotations', 'output'], ['targets', 'preds'], ['GT', 'Prediction'],
  ])('sibling folders %s/ and %s/', (gtDir, predDir) => {
    const dir = tempTree({ [`ds/${gtDir}/a.png`]: g, [`ds/${gtDir}/sub/b.png`]: g, [`ds/${predDir}/a.npy`]: n, [`ds/${predDir}/sub/b.png`]: p });
    const r = cli(['pairs', dir, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const found = JSON.parse(r.stdout) as { pairs: Array<{ gt: string; pred: string; dataset: string }> };
    expect(found.pairs.map((x) => [x.gt, x.pred])).toEqual([
      [`ds/${gtDir}/a.png`, `ds/${predDir}/a.npy`],
      [`ds/${gtDir}/sub/b.png`, `ds/${predDir}/sub/b.png`],
    ]);
    expect(found.pairs[0].dataset).toBe('ds');
  });

  it.each([['_gt', '_pred'], ['_mask', '_prediction'], ['_label', '_prob'], ['-gt', '-pred']])('suffixes %s / %s in one folder', (a, b) => {
    const dir = tempTree({ [`x${a}.png`]: g, [`x${b}.png`]: p, [`y${a}.png`]: g });
    const found = JSON.parse(cli(['pairs', dir, '--format', 'json']).stdout) as { pairs: unknown[]; unpaired: Array<{ path: string; reason: string }> };
    expect(found.pairs).toHaveLength(1);
    expect(found.unpaired.map((u) => u.path)).toEqual([`y${a}.png`]);
    expect(found.unpaired[0].reason).toMatch(/prediction/);
  });

  it('several models against one ground truth are reported side by side', () => {
    const dir = tempTree({ 'gt/a.png': g, 'pred/unet/a.png': p, 'pred/deeplab/a.png': predPng8(discs(4).prob) });
    const r = cli(['report', dir, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const rep = parseReport(r.stdout);
    expect(rep.pairs.map((x) => x.model).sort()).toEqual(['deeplab', 'unet']);
    expect(Object.keys(rep.summary.models ?? {})).toEqual(['deeplab', 'unet']);
    const table = cli(['report', dir, '--format', 'table']).stdout;
    expect(table).toMatch(/metric \(mean\)\s+deeplab\s+unet/);
  });

  it('user patterns from --pairing FILE', () => {
    const dir = tempTree({ 'x.label.png': g, 'x.logits.npy': n, 'rules.json': JSON.stringify([{ gt: '{stem}.label.png', pred: '{stem}.logits.npy' }]) });
    const r = cli(['report', dir, '--pairing', join(dir, 'rules.json'), '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(parseReport(r.stdout).pairs.map((x) => x.pred)).toEqual(['x.logits.npy']);
  });

  it('no pairs found: exit 1 with a message', () => {
    const r = cli(['report', tempTree({ 'lonely.png': g }), '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no pairs found/);
  });
});

describe('bad input: a clear line naming the file, the other pairs still computed', () => {
  const { gt, prob } = discs();
  const g = gtPng(gt);
  const p = predPng8(prob);
  const truncated = p.slice(0, Math.floor(p.length * 0.6));
  const corrupt = p.slice();
  corrupt[40] ^= 0xff;
  const huge = pngFromChunks([{ type: 'IHDR', data: ihdr(100000, 100000, 8, 'grey') }, { type: 'IDAT', data: new Uint8Array(20) }, { type: 'IEND', data: new Uint8Array() }]);
  const photo = encodePng({ width: W, height: H, colorType: 'rgb', bitDepth: 8, samples: Array.from({ length: W * H * 3 }, (_, i) => (i * 37) % 251) });
  const cases: Record<string, [Uint8Array | string, RegExp]> = {
    'truncated.png': [truncated, /truncated|ends/i],
    'corrupt.png': [corrupt, /corrupt|crc|checksum/i],
    'empty.png': [new Uint8Array(0), /empty/i],
    'text.png': ['this is not an image\n', /not a PNG/i],
    'huge.png': [huge, /100000x100000.*limit/i],
    'int64.npy': [encodeNpy({ descr: '<i8', shape: [H, W], data: prob.map(() => 0) }), /dtype|<i8/i],
    'small.png': [greyPng(W - 1, H, new Array((W - 1) * H).fill(0), 8), /size|\dx\d/i],
    'photo.png': [photo, /colour|photo/i],
  };
  const files: Record<string, Uint8Array | string> = { 'gt/good.png': g, 'pred/good.png': p };
  for (const [name, [bytes]] of Object.entries(cases)) {
    files[`gt/${name.replace(/\.\w+$/, '')}.png`] = g;
    files[`pred/${name}`] = bytes;
  }
  files['gt/colourgt.png'] = photo;
  files['pred/colourgt.png'] = p;
  const dir = tempTree(files);
  const r = cli(['report', dir, '--format', 'json']);
  const report = parseReport(r.stdout);

  it('exits 1, never prints a stack trace, computes the good pair', () => {
    expect(r.code).toBe(1);
    noStack(r.stderr);
    const good = report.pairs.find((x) => x.pred === 'pred/good.png');
    expect(good?.error).toBeNull();
    expect(good?.metrics.dice.status).toBe('ok');
  });

  it.each(Object.entries(cases))('%s', (name, [, pattern]) => {
    const pair = report.pairs.find((x) => x.pred === `pred/${name}`);
    expect(pair?.error, name).not.toBeNull();
    expect(pair?.error?.message).toContain(name.replace(/\.\w+$/, ''));
    expect(pair?.error?.message).toMatch(pattern);
    expect(pair?.error?.message).not.toContain('\n');
    expect(r.stderr).toContain(pair?.error?.message);
  });

  it('a colour photo as ground truth', () => {
    const pair = report.pairs.find((x) => x.gt === 'gt/colourgt.png');
    expect(pair?.error?.message).toMatch(/colourgt\.png.*(colour|photo)/i);
  });

  it('a missing file given with --gt', () => {
    const m = cli(['report', '--gt', join(dir, 'nope.png'), '--pred', join(dir, 'pred/good.png'), '--format', 'json']);
    expect(m.code).toBe(1);
    noStack(m.stderr);
    expect(parseReport(m.stdout).pairs[0].error?.message).toMatch(/nope\.png: no such file/);
  });

  it('the pixel limit is configurable', () => {
    const m = cli(['report', '--gt', join(dir, 'gt/good.png'), '--pred', join(dir, 'pred/good.png'), '--max-pixels', '100', '--format', 'json']);
    expect(parseReport(m.stdout).pairs[0].error?.code).toBe('too-large');
  });
});

describe('output formats parse back', () => {
  const samples = join(ROOT, 'samples');
  const args = ['report', samples, '--ignore-index', '255'];
  const json = parseReport(cli([...args, '--format', 'json']).stdout);

  it('json: the schema of the issue', () => {
    expect(json.schema).toBe('mask-inspector/report@1');
    expect(json.tool.name).toBe('mask-inspector');
    expect(json.settings).toEqual({ threshold: 0.5, spacing: [1, 1], nsdTolerance: 1, ignoreIndex: 255, params: {}, meanOver: 'foreground', activation: 'auto', hdPercentile: 95, objects: { connectivity: 26, match: 'iou' } });
    expect(json.pairs.length).toBe(17);
    expect(json.summary.pairs).toBe(17);
    expect(json.summary.failed).toBe(0);
    const street = json.pairs.find((p) => p.pred.startsWith('street/'));
    expect(street?.mode).toBe('multiclass');
    expect(Object.keys(street?.perClass ?? {})).toEqual(['0', '1', '2', '3']);
    const empty = json.pairs.find((p) => p.gt.endsWith('img_006_empty.png'));
    expect(empty?.metrics.hd).toEqual({ value: null, status: 'undefined' });
    expect(json.summary.metrics.dice.count).toBe(17);
  });

  it('jsonl: the header, one pair per line, then the summary', () => {
    const lines = cli([...args, '--format', 'jsonl']).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(19);
    const { pairs: _pairs, unpaired: _unpaired, summary: _summary, ...header } = json;
    expect(lines[0]).toEqual(header);
    expect(lines.slice(1, 18).map((p) => p.pred)).toEqual(json.pairs.map((p) => p.pred));
    expect(lines[18].summary).toEqual(json.summary);
  });

  it('csv: a header and one row per pair with the same values', () => {
    const rows = parseCsv(cli([...args, '--format', 'csv']).stdout);
    const [head, ...body] = rows;
    expect(body).toHaveLength(17);
    const col = (name: string) => head.indexOf(name);
    expect(col('metric:dice')).toBeGreaterThan(0);
    body.forEach((row, i) => {
      const d = json.pairs[i].metrics.hd;
      expect(row[col('metric:hd')]).toBe(d.status === 'ok' ? String(d.value) : d.status);
      expect(Number(row[col('loss:ce')])).toBe(json.pairs[i].losses.ce.value);
    });
  });

  it('markdown: a pair table and a summary table', () => {
    const md = cli([...args, '--format', 'markdown']).stdout;
    const tableRows = md.split('\n').filter((l) => l.startsWith('|'));
    const pairRows = tableRows.filter((l) => /\.(png|npy) \|/.test(l));
    expect(pairRows).toHaveLength(17);
    expect(md).toMatch(/## Summary/);
    expect(md).toMatch(/\| metric dice \| 0\.\d+ \|/);
    expect(md).toMatch(/## Models side by side/);
  });

  it('--out FILE writes that file only, its format from the extension', () => {
    const out = tempTree({});
    const before = readdirSync(samples, { recursive: true }).length;
    const mtime = statSync(join(samples, 'cells/gt/img_001.png')).mtimeMs;
    const r = cli([...args, '--out', join(out, 'report.csv')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(readdirSync(out)).toEqual(['report.csv']);
    expect(readFileSync(join(out, 'report.csv'), 'utf8')).toMatch(/^root,gt,pred/);
    expect(readdirSync(samples, { recursive: true }).length).toBe(before);
    expect(statSync(join(samples, 'cells/gt/img_001.png')).mtimeMs).toBe(mtime);
  });

  it('--jobs 1 and --jobs 2 give the same report', () => {
    const one = cli([...args, '--format', 'jsonl', '--jobs', '1']).stdout;
    const two = cli([...args, '--format', 'jsonl', '--jobs', '2']).stdout;
    expect(two).toBe(one);
  });
});

describe('usage errors exit 2', () => {
  it.each([
    [['report', 'samples', '--bogus']],
    [['report', 'samples', '--preset', 'keras']],
    [['report', 'samples', '--param', 'tversky.gamma=2']],
    [['report', 'samples', '--param', 'focal.gamma=-1']],
    [['report', 'samples', '--loss', 'nope']],
    [['report', 'samples', '--spacing', '1']],
    [['report', 'samples', '--threshold', 'high']],
    [['report', '--gt', 'a.png']],
    [['report']],
    [['frobnicate']],
  ])('%j', (args) => {
    const r = cli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^mask-inspector: /);
    expect(r.stderr).toMatch(/Usage:/);
    noStack(r.stderr);
  });

  it('--help and --version exit 0', () => {
    expect(cli(['--help']).code).toBe(0);
    expect(cli(['--version']).stdout).toMatch(/^mask-inspector \d+\.\d+\.\d+/);
  });
});

