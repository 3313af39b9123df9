/**
 * Shows the slice viewer for a `loadVolume` and the image view (the App) for anything else it shows;
 * the App ignores the volume messages, so the two live side by side in the page.
 */
import type { ToWebview } from '../../src/shared/protocol';
import type { VsCodeApi } from '../vscodeApi';
import { VolumeView } from './volumeView';

export function mountVolumeView(app: HTMLElement, api: VsCodeApi): VolumeView {
  let key: string | undefined;
  // A parameter moved in the viewer: the host keeps it for a reload, as it does for the image view.
  const view = new VolumeView((options) => key && api.postMessage({ type: 'optionsChanged', key, options }));
  app.after(view.root);
  window.addEventListener('message', (e: MessageEvent<ToWebview>) => {
    const m = e.data;
    switch (m?.type) {
      case 'loadVolume':
        app.hidden = true;
        key = m.volume.key;
        view.show(m.volume, m.options);
        api.postMessage({ type: 'volumeShown', key: m.volume.key, slices: [m.volume.depth, m.volume.height, m.volume.width] });
        return;
      case 'volumeValues':
        view.setValues(m.result);
        return;
      case 'options':
        if (key) view.setOptions(m.options);
        return;
      case 'load':
      case 'clear':
      case 'hostError':
        key = undefined;
        view.root.hidden = true;
        app.hidden = false;
        return;
    }
  });
  return view;
}
