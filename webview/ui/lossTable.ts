/**
 * The values: losses grouped by category, each with controls generated from its parameters' specs
 * in the registry, then the metrics. Names of the pixel-wise losses select the heat map.
 */
import type { ResolvedOptions } from '../../src/core/engine';
import type { ParamSpec, ParamValue } from '../../src/core/params';
import { LOSSES, METRICS } from '../../src/core/registry';
import { CATEGORIES, type Tagged } from '../../src/core/types';
import type { ResultValues, ValueSet } from '../../src/shared/protocol';
import { isMapLoss, type MapLossId } from '../engine/pixelLoss';
import { formatNumber, h, slider } from './dom';

export interface LossTableEvents {
  paramChanged(lossId: string, key: string, value: ParamValue): void;
  selectMap(lossId: MapLossId): void;
}

export function formatTagged(t: Tagged | undefined): string {
  if (!t) return '';
  return t.status === 'ok' ? formatNumber(t.value as number) : t.status === 'infinite' ? '∞' : '—';
}

interface ParamControl {
  lossId: string;
  spec: ParamSpec;
  range: HTMLInputElement;
  output: HTMLOutputElement;
  special?: HTMLElement & { checked: boolean };
}

const capital = (s: string) => s[0].toUpperCase() + s.slice(1);

export class LossTable {
  readonly root: HTMLElement;
  private readonly valueCells = new Map<string, { all: HTMLElement; cls: HTMLElement }>();
  private readonly controls: ParamControl[] = [];
  private readonly rows = new Map<string, HTMLElement>();

  constructor(private readonly events: LossTableEvents) {
    this.root = h('div', { class: 'values' });
    for (const cat of CATEGORIES) {
      const section = h('vscode-collapsible', { heading: `${capital(cat)} losses`, open: true, 'data-category': cat });
      const table = h('table', { class: 'value-table' });
      for (const loss of LOSSES.filter((l) => l.category === cat)) {
        const name = h('td', { class: isMapLoss(loss.id) ? 'name mappable' : 'name', title: `${loss.summary}\n${loss.formula}` }, loss.name);
        if (isMapLoss(loss.id)) {
          const id = loss.id;
          name.title += '\nClick: show its per-pixel contribution as the heat map.';
          name.addEventListener('click', () => this.events.selectMap(id));
        }
        const row = h('tr', { 'data-loss': loss.id }, name, this.cell('loss', loss.id));
        this.rows.set(loss.id, row);
        table.append(row);
        if (loss.params.length) table.append(h('tr', { class: 'params' }, h('td', { colspan: 3 }, ...loss.params.map((p) => this.control(loss.id, p)))));
      }
      section.append(table);
      this.root.append(section);
    }
    const metrics = h('vscode-collapsible', { heading: 'Metrics', open: true, 'data-category': 'metrics' });
    const table = h('table', { class: 'value-table' });
    for (const m of METRICS) table.append(h('tr', { 'data-metric': m.id }, h('td', { class: 'name', title: `${m.summary}\n${m.formula}\n${m.whenUndefined}` }, m.name), this.cell('metric', m.id)));
    metrics.append(table);
    this.root.append(metrics);
  }

  /** The value cell (all classes) and the selected class's cell of a row; returns the first for appending. */
  private cell(kind: 'loss' | 'metric', id: string): DocumentFragment {
    const all = h('td', { class: 'value' });
    const cls = h('td', { class: 'class-value' });
    this.valueCells.set(`${kind}:${id}`, { all, cls });
    const f = document.createDocumentFragment();
    f.append(all, cls);
    return f;
  }

  private control(lossId: string, spec: ParamSpec): HTMLElement {
    const start = typeof spec.default === 'number' ? spec.default : Math.min(spec.max, Math.max(spec.min, 1));
    const range = slider(spec.min, spec.max, spec.step, start, `${lossId} ${spec.label}`);
    range.dataset.param = `${lossId}.${spec.key}`;
    const output = h('output', {}, formatNumber(start));
    const c: ParamControl = { lossId, spec, range, output };
    const label = h('label', { class: 'param', title: spec.description }, h('span', { class: 'param-label' }, spec.label), range, output);
    range.addEventListener('input', () => {
      output.textContent = formatNumber(Number(range.value));
      if (c.special) c.special.checked = false;
      this.events.paramChanged(lossId, spec.key, Number(range.value));
    });
    if (spec.special) {
      const special = spec.special;
      const box = h('vscode-checkbox', { 'data-special': `${lossId}.${spec.key}`, label: special }) as HTMLElement & { checked: boolean };
      box.addEventListener('change', () => this.events.paramChanged(lossId, spec.key, box.checked ? special : Number(range.value)));
      c.special = box;
      label.append(box);
    }
    this.controls.push(c);
    return label;
  }

  /** New values; `classIndex` adds that class's column for a multi-class pair. */
  update(values: ResultValues, o: ResolvedOptions, classIndex: number | null, mapLoss: MapLossId): void {
    const perClass = classIndex === null ? undefined : values.perClass?.[String(classIndex)];
    this.root.classList.toggle('with-class', !!perClass);
    for (const [key, cells] of this.valueCells) {
      const [kind, id] = key.split(':');
      const pick = (v: ValueSet | undefined) => (kind === 'loss' ? v?.losses[id] : v?.metrics[id]);
      cells.all.textContent = formatTagged(pick(values));
      cells.cls.textContent = perClass ? formatTagged(pick(perClass)) : '';
    }
    for (const c of this.controls) {
      const v = o.resolved[c.lossId][c.spec.key];
      if (c.special) c.special.checked = v === c.spec.special;
      if (typeof v === 'number') {
        c.range.value = String(v);
        c.output.textContent = formatNumber(v);
      }
    }
    for (const [id, row] of this.rows) row.classList.toggle('mapped', id === mapLoss);
  }

  /** Tab-separated values for the clipboard. */
  static text(values: ResultValues, header: string): string {
    const lines = [header, 'kind\tid\tvalue'];
    for (const [id, t] of Object.entries(values.losses)) lines.push(`loss\t${id}\t${t.status === 'ok' ? t.value : t.status}`);
    for (const [id, t] of Object.entries(values.metrics)) lines.push(`metric\t${id}\t${t.status === 'ok' ? t.value : t.status}`);
    return lines.join('\n');
  }
}
