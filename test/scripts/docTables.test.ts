/** docs/LOSSES.md follows the registry: its generated tables are current and its contract names every id. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOSSES, METRICS } from '../../src/core/registry';
import { contractIds, withRegistryTables } from '../../scripts/docTables';

const doc = readFileSync('docs/LOSSES.md', 'utf8');

describe('docs/LOSSES.md', () => {
  it('has the registry tables generated from the code (run `npm run docs` after changing the registry)', () => {
    expect(doc).toBe(withRegistryTables(doc));
  });

  it('defines every loss and every metric of the registry in its contract tables, and nothing else', () => {
    expect(contractIds(doc, 'Losses').sort()).toEqual(LOSSES.map((l) => l.id).sort());
    expect(contractIds(doc, 'Metrics').sort()).toEqual(METRICS.map((m) => m.id).sort());
  });

  it('sees a stale table and a missing definition', () => {
    const stale = doc.replace(/\| `focal` \| Focal \|/, '| `focal` | Focal loss |');
    expect(stale).not.toBe(withRegistryTables(stale));
    const missing = doc.replace(/^\| `mcc` \|.*\n/m, '');
    expect(contractIds(missing, 'Losses')).not.toContain('mcc');
  });
});
