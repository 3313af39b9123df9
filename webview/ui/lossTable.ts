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
import { paramScale, type ParamScale } from './paramScale';

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
  scale: ParamScale;
  range: HTMLInputElement;
  /** The exact value, typed or shown. */
  number: HTMLInputElement;
  special?: HTMLElement & { checked: boolean };
}

const capital = (s: string) => s[0].toUpperCase() + s.slice(1);

export class LossTable {
  readonly root: HTMLElement;
  private readonly valueCells = new Map<string, { all: HTMLElement; cls: HTMLElement }>();
  private readonly controls: ParamControl[] = [];
  private readonly rows = new Map<string, HTMLElement>();
  /** Column heads: what the value column and the selected class's column hold. */
  private readonly heads: { all: HTMLElement; cls: HTMLElement }[] = [];

  constructor(private readonly events: LossTableEvents) {
    this.root = h('div', { class: 'values' });
    for (const cat of CATEGORIES) {
      const section = h('vscode-collapsible', { heading: `${capital(cat)} losses`, open: true, 'data-category': cat });
      const table = this.table();
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
    const table = this.table();
    for (const m of METRICS) table.append(h('tr', { 'data-metric': m.id }, h('td', { class: 'name', title: `${m.summary}\n${m.formula}\n${m.whenUndefined}` }, m.name), this.cell('metric', m.id)));
    metrics.append(table);
    this.root.append(metrics);
  }

  /** A value table with its column heads (fixed layout: values keep their width in a narrow view). */
  private table(): HTMLTableElement {
    const all = h('th', { class: 'value', scope: 'col', 'data-head': 'all' }, 'Value');
    const cls = h('th', { class: 'class-value', scope: 'col', 'data-head': 'class' });
    this.heads.push({ all, cls });
    return h('table', { class: 'value-table' }, h('thead', {}, h('tr', {}, h('th', { class: 'name', scope: 'col' }), all, cls)));
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

  /**
   * A parameter's slider (logarithmic for a range over decades) and an input for its exact value; both
   * are off while the special value ('auto', 'none') is ticked, since then they do not apply.
   */
  private control(lossId: string, spec: ParamSpec): HTMLElement {
    const start = typeof spec.default === 'number' ? spec.default : Math.min(spec.max, Math.max(spec.min, 1));
    const scale = paramScale(spec);
    const name = `${lossId}.${spec.key}`;
    const range = slider(scale.min, scale.max, scale.step, scale.toPosition(start), `${lossId} ${spec.label}${scale.kind === 'log' ? ' (logarithmic)' : ''}`);
    range.dataset.param = name;
    range.dataset.scale = scale.kind;
    const number = h('input', { type: 'number', class: 'param-number', min: spec.min, max: spec.max, step: 'any', 'aria-label': `${lossId} ${spec.label} value`, 'data-param-value': name });
    number.value = String(start);
    const c: ParamControl = { lossId, spec, scale, range, number };
    const label = h('div', { class: 'param', title: spec.description }, h('span', { class: 'param-label' }, spec.label), range, number);
    const set = (value: number) => {
      if (c.special) c.special.checked = false;
      this.setEnabled(c, true);
      this.events.paramChanged(lossId, spec.key, value);
    };
    range.addEventListener('input', () => {
      const value = scale.toValue(Number(range.value));
      number.value = String(value);
      set(value);
    });
    number.addEventListener('change', () => {
      const value = Number(number.value);
      const ok = number.value.trim() !== '' && Number.isFinite(value) && value >= spec.min && value <= spec.max;
      number.setCustomValidity(ok ? '' : `${spec.label}: a number in ${spec.min}…${spec.max}`);
      number.toggleAttribute('aria-invalid', !ok);
      if (!ok) return;
      range.value = String(scale.toPosition(value));
      set(value);
    });
    if (spec.special) {
      const special = spec.special;
      const box = h('vscode-checkbox', { 'data-special': name, label: special }) as HTMLElement & { checked: boolean };
      box.addEventListener('change', () => {
        this.setEnabled(c, !box.checked);
        this.events.paramChanged(lossId, spec.key, box.checked ? special : Number(number.value));
      });
      c.special = box;
      label.append(box);
    }
    this.controls.push(c);
    return label;
  }

  private setEnabled(c: ParamControl, on: boolean): void {
    c.range.disabled = !on;
    c.number.disabled = !on;
  }

  /** New values; `classIndex` adds that class's column for a multi-class pair. */
  update(values: ResultValues, o: ResolvedOptions, classIndex: number | null, mapLoss: MapLossId, className?: string): void {
    const perClass = classIndex === null ? undefined : values.perClass?.[String(classIndex)];
    this.root.classList.toggle('with-class', !!perClass);
    // A multi-class value is over all classes (mean Dice of the foreground classes, categorical CE…).
    for (const head of this.heads) {
      head.all.textContent = values.mode === 'multiclass' ? 'All classes' : 'Value';
      head.cls.textContent = perClass ? `Class ${classIndex}${className && className !== `class ${classIndex}` ? `: ${className}` : ''}` : '';
    }
    for (const [key, cells] of this.valueCells) {
      const [kind, id] = key.split(':');
      const pick = (v: ValueSet | undefined) => (kind === 'loss' ? v?.losses[id] : v?.metrics[id]);
      cells.all.textContent = formatTagged(pick(values));
      cells.cls.textContent = perClass ? formatTagged(pick(perClass)) : '';
    }
    for (const c of this.controls) {
      const v = o.resolved[c.lossId][c.spec.key];
      if (c.special) c.special.checked = v === c.spec.special;
      this.setEnabled(c, v !== c.spec.special || c.spec.special === undefined);
      // A value being typed is left alone.
      if (typeof v === 'number' && document.activeElement !== c.number) {
        c.range.value = String(c.scale.toPosition(v));
        c.number.value = String(v);
        c.number.setCustomValidity('');
        c.number.removeAttribute('aria-invalid');
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
