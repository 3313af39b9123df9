/** A message over the image; a host error may come with a fix the user can apply from there. */
import type { FromWebview, HostFix } from '../../src/shared/protocol';
import { h } from '../ui/dom';

export function showHostMessage(el: HTMLElement, post: (m: FromWebview) => void, text: string, error = false, fix?: HostFix): void {
  el.hidden = false;
  el.classList.toggle('error', error);
  const actions: HTMLElement[] = [];
  if (fix) {
    const setting = 'maskInspector.ignoreIndex';
    const set = h('vscode-button', { 'data-action': 'set-ignore-index' }, `Set ${setting} to ${fix.ignoreIndex}`);
    set.addEventListener('click', () => post({ type: 'setIgnoreIndex', value: fix.ignoreIndex }));
    const open = h('vscode-button', { secondary: true, 'data-action': 'open-setting' }, 'Open Setting');
    open.addEventListener('click', () => post({ type: 'openSetting', setting }));
    actions.push(set, open);
  }
  el.replaceChildren(h('p', { class: 'message-text' }, text), ...(actions.length ? [h('div', { class: 'message-actions' }, ...actions)] : []));
}
