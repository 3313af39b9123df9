/**
 * Shows the slice viewer for a `loadVolume` and the image view (the App) for anything else it shows;
 * the App ignores the volume messages, so the two live side by side in the page.
 */
import type { ToWebview } from '../../src/shared/protocol';
import type { VsCodeApi } from '../vscodeApi';
import { VolumeView } from './volumeView';

export function mountVolumeView(app: HTMLElement, api: VsCodeApi): VolumeView {
  const view = new VolumeView();
  app.after(view.root);
  window.addEventListener('message', (e: MessageEvent<ToWebview>) => {
    const m = e.data;
    switch (m?.type) {
      case 'loadVolume':
        app.hidden = true;
        view.show(m.volume, m.options);
        api.postMessage({ type: 'volumeShown', key: m.volume.key, slices: [m.volume.depth, m.volume.height, m.volume.width] });
        return;
      case 'volumeValues':
        view.setValues(m.result);
        return;
      case 'load':
      case 'clear':
      case 'hostError':
        view.root.hidden = true;
        app.hidden = false;
        return;
    }
  });
  return view;
}
