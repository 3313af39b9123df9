/**
 * The registry's tables in docs/LOSSES.md: every loss with its parameters, defaults, ranges and preset
 * changes, every metric with its conventions, generated between `<!-- registry:… -->` markers. The
 * definitions above them are the hand-written contract; test/scripts/docTables.test.ts fails when
 * the generated tables are stale (`npm run docs` rewrites them) or the contract misses an id.
 */
import { LOSSES, METRICS } from '../src/core/registry';
import type { ParamValue } from '../src/core/params';

const cell = (s: string): string => s.replace(/\|/g, '\\|');
const value = (v: ParamValue): string => (typeof v === 'number' ? String(v) : v);
const range = ([lo, hi]: readonly [number, number]): string => `${lo === -Infinity ? '−∞' : lo} … ${hi === Infinity ? '∞' : hi}`;

function lossTable(): string {
  const rows = LOSSES.map((l) => {
    const params = l.params.map((p) => `\`${p.key}\` = ${value(p.default)} (${p.min} … ${p.max}${p.special ? ` or ${p.special}` : ''})`).join('<br>') || '—';
    const presets = Object.entries(l.presetDefaults ?? {})
      .map(([preset, values]) => `${preset}: ${Object.entries(values ?? {}).map(([k, v]) => `\`${k}\` = ${value(v)}`).join(', ')}`)
      .join('<br>') || '—';
    const heat = l.pixelMap ? 'yes' : '';
    return `| \`${l.id}\` | ${cell(l.name)} | ${l.category} | ${cell(l.formula)} | ${params} | ${presets} | ${range(l.range)} | ${heat} | ${cell(`${l.paper.authors}, ${l.paper.venue} ${l.paper.year}`)} |`;
  });
  return ['| id | name | category | formula (as the UI shows it) | parameters: default (range) | preset defaults | range | heat map | paper |', '|---|---|---|---|---|---|---|---|---|', ...rows].join('\n');
}

function metricTable(): string {
  const rows = METRICS.map((m) => `| \`${m.id}\` | ${cell(m.name)} | ${cell(m.formula)} | ${m.kind} | ${m.higherIsBetter ? 'higher' : 'lower'} | ${cell(m.whenUndefined)} |`);
  return ['| id | name | formula | kind | better | when undefined |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

const TABLES: Record<string, () => string> = { losses: lossTable, metrics: metricTable };

/** The document with each `<!-- registry:NAME -->…<!-- /registry:NAME -->` region regenerated. */
export function withRegistryTables(doc: string): string {
  let out = doc;
  for (const [name, table] of Object.entries(TABLES)) {
    const open = `<!-- registry:${name} -->`;
    const close = `<!-- /registry:${name} -->`;
    const a = out.indexOf(open);
    const b = out.indexOf(close);
    if (a < 0 || b < a) throw new Error(`docs/LOSSES.md has no ${open} … ${close} region`);
    out = `${out.slice(0, a + open.length)}\n${table()}\n${out.slice(b)}`;
  }
  return out;
}

/** Ids in the first column of the hand-written table under a `## heading` (before the generated one). */
export function contractIds(doc: string, heading: string): string[] {
  const start = doc.indexOf(`## ${heading}`);
  const end = doc.indexOf('\n## ', start + 1);
  const section = doc.slice(start, end < 0 ? undefined : end).split('<!-- registry:')[0];
  return [...section.matchAll(/^\| ((?:`[a-z0-9-]+`(?:, )?)+) \|/gm)].flatMap((m) => [...m[1].matchAll(/`([a-z0-9-]+)`/g)].map((x) => x[1]));
}
