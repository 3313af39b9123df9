/**
 * Shows the slice viewer for a `loadVolume` and the image view (the App) for anything else it shows;
 * the App ignores the volume messages, so the two live side by side in the page.
 */
import type { PageChannel } from '../../src/shared/protocol';
import { VolumeView } from './volumeView';

export function mountVolumeView(app: HTMLElement, host: PageChannel): void {
  let key: string | undefined;
  // Made on the first volume, so an image panel holds no second (hidden) loss table or controls.
  let view: VolumeView | undefined;
  const viewer = (): VolumeView => {
    if (view) return view;
    // A parameter moved in the viewer: the host keeps it for a reload, as it does for the image view.
    view = new VolumeView(
      (options) => key && host.post({ type: 'optionsChanged', key, options }),
      (k, values) => host.post({ type: 'volumeResults', key: k, values }),
    );
    app.after(view.root);
    return view;
  };
  host.onMessage((m) => {
    switch (m.type) {
      case 'loadVolume':
        app.hidden = true;
        key = m.volume.key;
        viewer().show(m.volume, m.options);
        host.post({ type: 'volumeShown', key: m.volume.key, slices: [m.volume.depth, m.volume.height, m.volume.width] });
        return;
      case 'volumeValues':
        view?.setValues(m.result);
        return;
      case 'options':
        if (key) view?.setOptions(m.options);
        return;
      case 'load':
      case 'clear':
      case 'hostError':
        key = undefined;
        if (view) view.root.hidden = true;
        app.hidden = false;
        return;
    }
  });
}
