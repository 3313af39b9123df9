/** Regenerates the registry tables of docs/LOSSES.md (see docTables.ts): `npm run docs`. */
import { readFileSync, writeFileSync } from 'node:fs';
import { withRegistryTables } from './docTables';

const path = 'docs/LOSSES.md';
writeFileSync(path, withRegistryTables(readFileSync(path, 'utf8')));
