import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { PaletteEntry } from '../core/io/index';
import { isMaskFile, type PairingPattern } from '../core/pairing/index';
import { fileProblem } from '../node/fileProblem';
import { readRegularFile } from '../node/regularFile';

export { fileProblem };

/** Palette and pairing files are small; a bound keeps a wrong path (a device, a huge file) harmless. */
const MAX_SETTINGS_FILE_BYTES = 16 << 20;

/**
 * Mask files under `dir` as POSIX paths relative to it. Hidden folders and node_modules are skipped;
 * unreadable folders are reported, not fatal.
 */
export function listMaskFiles(dir: string): { files: string[]; problems: string[] } {
  const files: string[] = [];
  const problems: string[] = [];
  const walk = (abs: string) => {
    let entries;
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch (e) {
      problems.push(fileProblem(abs, e));
      return;
    }
    for (const ent of entries) {
      if (ent.name.startsWith('.') || ent.name === 'node_modules') continue;
      const p = join(abs, ent.name);
      if (ent.isDirectory()) walk(p);
      else if (isMaskFile(ent.name)) files.push(relative(dir, p).split(sep).join('/'));
    }
  };
  try {
    if (!statSync(dir).isDirectory()) return { files, problems: [`${dir}: not a directory`] };
  } catch (e) {
    return { files, problems: [fileProblem(dir, e)] };
  }
  walk(dir);
  return { files: files.sort(), problems };
}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readRegularFile(path, MAX_SETTINGS_FILE_BYTES).toString('utf8');
  } catch (e) {
    throw new Error(`${what} ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${what} ${path}: not valid JSON (${(e as Error).message})`);
  }
}

/** `--pairing FILE`: a JSON list of {gt, pred} patterns. */
export function readPairingFile(path: string): PairingPattern[] {
  const v = readJson(path, 'pairing file');
  if (!Array.isArray(v) || !v.every((p) => p && typeof p.gt === 'string' && typeof p.pred === 'string'))
    throw new Error(`pairing file ${path}: expected a list of {"gt": pattern, "pred": pattern}`);
  return v as PairingPattern[];
}

/** `--palette FILE`: a JSON list of {rgb: [r, g, b], class: n}. */
export function readPaletteFile(path: string): PaletteEntry[] {
  const v = readJson(path, 'palette file');
  const ok = (e: { rgb?: unknown; class?: unknown }) =>
    Array.isArray(e.rgb) && e.rgb.length === 3 && e.rgb.every((c) => Number.isInteger(c) && c >= 0 && c <= 255) && Number.isInteger(e.class) && (e.class as number) >= 0;
  if (!Array.isArray(v) || !v.every((e) => e && ok(e))) throw new Error(`palette file ${path}: expected a list of {"rgb": [r, g, b], "class": n}`);
  return v as PaletteEntry[];
}
