/** A small element builder: tag, attributes (strings) or properties (other values), children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Record<string, string | number | boolean | undefined>,
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K];
export function h(tag: string, attrs?: Record<string, string | number | boolean | undefined>, ...children: Array<Node | string>): HTMLElement;
export function h(tag: string, attrs: Record<string, string | number | boolean | undefined> = {}, ...children: Array<Node | string>): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : String(v));
  }
  el.append(...children);
  return el;
}

/** A styled `<input type=range>` (the VS Code elements have no slider). */
export function slider(min: number, max: number, step: number, value: number, label: string): HTMLInputElement {
  const input = h('input', { type: 'range', min, max, step, 'aria-label': label, class: 'slider' });
  input.value = String(value);
  return input;
}

/** Short display of a number: 4 significant digits, exponent for the very small or large. */
export function formatNumber(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(3);
  return Number(v.toPrecision(5)).toString();
}
