// Import boundaries between the runtimes, checked on every TypeScript file's import specifiers:
//   src/core, src/shared  pure: no Node built-ins, no `vscode`, nothing outside src/core and src/shared
//   webview               the browser: no Node built-ins, no `vscode`, not src/extension, src/cli, src/node;
//                         the core's statistics (src/core/stats/) only through src/core/backend.ts
//   src/extension         the host: not webview/ (what both sides need lives in src/shared or src/core)
//   src/cli, src/node     Node: no `vscode`, not webview/ or src/extension
// DOM and Node globals are kept out by the per-runtime tsconfigs (tsconfig.core.json and friends).
// ESLint's typescript-eslint parser needs TypeScript's JavaScript API, which TypeScript 7 does not ship,
// hence this small checker. Exit code 1 and one line per violation.
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, m.split('/')[0]]));

const pure = { node: false, vscode: false, allow: ['src/core', 'src/shared'] };
const RULES = [
  { dir: 'src/core', ...pure },
  { dir: 'src/shared', ...pure },
  { dir: 'webview', node: false, vscode: false, deny: ['src/extension', 'src/cli', 'src/node'], via: { 'src/core/stats': 'src/core/backend.ts' } },
  { dir: 'src/extension', node: true, vscode: true, deny: ['webview'] },
  { dir: 'src/cli', node: true, vscode: false, deny: ['webview', 'src/extension'] },
  { dir: 'src/node', node: true, vscode: false, deny: ['webview', 'src/extension'] },
];

/** Specifiers of static imports and re-exports, dynamic imports and require calls (comments stripped). */
export function specifiers(source) {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  const out = [];
  const patterns = [/\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const re of patterns) for (const m of code.matchAll(re)) out.push(m[1]);
  return out;
}

const within = (path, dir) => path === dir || path.startsWith(dir + '/');

/** The violations of one file (path relative to the root, POSIX separators). */
export function violations(file, source) {
  const rule = RULES.find((r) => within(file, r.dir));
  if (!rule) return [];
  const found = [];
  for (const spec of specifiers(source)) {
    if (spec.startsWith('.')) {
      const target = relative(ROOT, resolve(ROOT, dirname(file), spec)).split(sep).join('/');
      if (rule.allow && !rule.allow.some((d) => within(target, d))) found.push(`${file}: imports ${spec} (${target}), outside ${rule.allow.join(' and ')}`);
      for (const d of rule.deny ?? []) if (within(target, d)) found.push(`${file}: imports ${spec} (${target}): ${rule.dir} must not depend on ${d}`);
      for (const [d, entry] of Object.entries(rule.via ?? {})) if (within(target, d)) found.push(`${file}: imports ${spec} (${target}): ${rule.dir} reaches ${d} only through ${entry}`);
    } else if (spec === 'vscode' && !rule.vscode) found.push(`${file}: imports vscode`);
    else if (!rule.node && (spec.startsWith('node:') || BUILTINS.has(spec.split('/')[0]))) found.push(`${file}: imports the Node built-in ${spec}`);
  }
  return found;
}

function* tsFiles(dir) {
  for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) yield* tsFiles(path);
    else if (e.name.endsWith('.ts')) yield path;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const all = RULES.flatMap((r) => [...tsFiles(r.dir)].flatMap((f) => violations(f, readFileSync(join(ROOT, f), 'utf8'))));
  for (const v of all) console.error(v);
  if (all.length) process.exitCode = 1;
  else console.log(`import boundaries: ${RULES.map((r) => r.dir).join(', ')} ok`);
}
