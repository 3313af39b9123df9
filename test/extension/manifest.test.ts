/** package.json's contributions agree with the registry and with themselves. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSettings, SETTING_KEYS } from '../../src/extension/settingsModel';
import { configuration } from '../../scripts/manifest';
import { parseArgs } from '../../src/cli/args';
import { DEFAULT_OPTIONS } from '../../src/core/engine';
import { ACTIVATION, HD_PERCENTILE, IGNORE_INDEX, MAX_PIXELS, MEAN_OVER_OPTION, NSD_TOLERANCE, PRESET, SPACING, THRESHOLD } from '../../src/core/options';
import { DEFAULT_VIEW_OPTIONS } from '../../src/shared/protocol';

interface Menu {
  command: string;
  when?: string;
  group?: string;
}
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  contributes: {
    commands: { command: string; title: string; category: string; icon: string }[];
    menus: Record<string, Menu[]>;
    configuration: { properties: Record<string, unknown> };
    views: Record<string, { id: string; type?: string }[]>;
    viewsContainers: { activitybar: { id: string; icon: string }[] };
  };
  activationEvents: string[];
  icon: string;
  capabilities: { untrustedWorkspaces: { supported: boolean | 'limited'; description: string; restrictedConfigurations: string[] } };
};
const source = (file: string) => readFileSync(new URL(`../../src/extension/${file}`, import.meta.url), 'utf8');

describe('package.json contributions', () => {
  it('has the settings schema generated from the registry (run `npm run manifest` after changing it)', () => {
    expect(pkg.contributes.configuration).toEqual(configuration());
  });

  it('gives each setting the default and range of the one option declaration, as the engine, the panel and the CLI have them', () => {
    const p = pkg.contributes.configuration.properties as Record<string, Record<string, unknown>>;
    expect(p['maskInspector.preset']).toMatchObject({ default: PRESET.default, enum: [...PRESET.values] });
    expect(p['maskInspector.threshold']).toMatchObject({ default: THRESHOLD.default, minimum: THRESHOLD.min, exclusiveMaximum: THRESHOLD.max });
    expect(p['maskInspector.spacing']).toMatchObject({ default: [...SPACING.default], items: { exclusiveMinimum: SPACING.entry.min } });
    expect(p['maskInspector.nsdTolerance']).toMatchObject({ default: NSD_TOLERANCE.default, minimum: NSD_TOLERANCE.min });
    expect(p['maskInspector.hdPercentile']).toMatchObject({ default: HD_PERCENTILE.default, minimum: HD_PERCENTILE.min, maximum: HD_PERCENTILE.max });
    expect(p['maskInspector.ignoreIndex']).toMatchObject({ default: null, minimum: IGNORE_INDEX.min, maximum: IGNORE_INDEX.max });
    expect(p['maskInspector.maxPixels']).toMatchObject({ type: 'integer', default: MAX_PIXELS.default, minimum: MAX_PIXELS.min });
    expect(p['maskInspector.activation']).toMatchObject({ default: ACTIVATION.default, enum: [...ACTIVATION.values] });
    expect(p['maskInspector.meanOver']).toMatchObject({ default: MEAN_OVER_OPTION.default, enum: [...MEAN_OVER_OPTION.values] });

    const defaults = { preset: PRESET.default, threshold: THRESHOLD.default, spacing: [...SPACING.default], nsdTolerance: NSD_TOLERANCE.default };
    const dataset = { hdPercentile: HD_PERCENTILE.default, activation: ACTIVATION.default, meanOver: MEAN_OVER_OPTION.default };
    expect(readSettings(() => undefined).settings).toMatchObject({ ...defaults, ...dataset, maxPixels: MAX_PIXELS.default, ignoreIndex: undefined });
    expect(parseArgs(['report', 'data'])).toMatchObject({ ...defaults, ...dataset });
    expect(DEFAULT_OPTIONS).toMatchObject(defaults);
    expect(DEFAULT_VIEW_OPTIONS).toMatchObject(defaults);
  });

  it('declares every setting the extension reads, and no other', () => {
    expect(Object.keys(pkg.contributes.configuration.properties).sort()).toEqual(SETTING_KEYS.map((k) => `maskInspector.${k}`).sort());
  });

  it('gives every command the category and an icon, and registers each one', () => {
    const registered = [...source('commands.ts').matchAll(/r\(\s*'(maskInspector\.[\w.]+)'/g)].map((m) => m[1]);
    registered.push('maskInspector.openPair'); // registered through OPEN_PAIR_COMMAND
    for (const c of pkg.contributes.commands) {
      expect(c.category).toBe('Mask Inspector');
      expect(c.icon).toMatch(/^\$\([\w-]+\)$/);
      expect(registered).toContain(c.command);
    }
    expect(new Set(registered)).toEqual(new Set(pkg.contributes.commands.map((c) => c.command)));
  });

  it('menus name declared commands; explorer entries only for mask files', () => {
    const declared = new Set(pkg.contributes.commands.map((c) => c.command));
    for (const items of Object.values(pkg.contributes.menus)) for (const m of items) expect(declared).toContain(m.command);
    for (const m of pkg.contributes.menus['explorer/context']!) expect(m.when).toContain('resourceExtname =~ /^\\.(png|npy|nii|gz|nrrd|npz)$/i');
    const hidden = pkg.contributes.menus.commandPalette!.filter((m) => m.when === 'false').map((m) => m.command);
    expect(hidden).toEqual(expect.arrayContaining(['maskInspector.openPair', 'maskInspector.copyValues', 'maskInspector.revealGroundTruth', 'maskInspector.revealPrediction']));
  });

  it('declares limited support of untrusted workspaces, restricting settings it declares', () => {
    const u = pkg.capabilities.untrustedWorkspaces;
    expect(u.supported).toBe('limited');
    expect(u.description.length).toBeGreaterThan(40);
    expect(u.restrictedConfigurations).toEqual(expect.arrayContaining(['maskInspector.maxPixels', 'maskInspector.pairing.patterns']));
    for (const key of u.restrictedConfigurations) expect(pkg.contributes.configuration.properties).toHaveProperty([key]);
  });

  it('puts the pairs tree and the webview engineer\'s inspector view in the activity-bar container', () => {
    expect(pkg.contributes.viewsContainers.activitybar[0]).toMatchObject({ id: 'maskInspector', icon: 'media/activitybar.svg' });
    expect(pkg.contributes.views.maskInspector!.map((v) => [v.id, v.type])).toEqual([
      ['maskInspector.pairs', 'tree'],
      ['maskInspector.inspectorView', 'webview'],
    ]);
    for (const file of [pkg.icon, 'media/activitybar.svg']) expect(readFileSync(new URL(`../../${file}`, import.meta.url)).length).toBeGreaterThan(100);
  });
});
