/** Entry point of the comparison webview (bundled to dist/webview.js). */
import './elements';
import { App } from './app';
import { vscodeApi } from './vscodeApi';
import { mountVolumeView } from './volume/mount';

const root = document.getElementById('app') ?? document.body;
const api = vscodeApi();
new App(root, api);
mountVolumeView(root, api);
