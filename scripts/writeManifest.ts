/**
 * Rewrites `contributes.configuration` in package.json from the registry (see manifest.ts):
 * `npm run manifest`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { configuration } from './manifest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: Record<string, unknown> };
pkg.contributes.configuration = configuration();
writeFileSync('package.json', JSON.stringify(pkg, null, 2) + '\n');
