/** Entry point of the comparison webview (bundled to dist/webview.js). */
import './elements';
import { pageChannel } from '../src/shared/protocol';
import { App } from './app';
import { hostEndpoint, vscodeApi } from './vscodeApi';
import { mountVolumeView } from './volume/mount';

const root = document.getElementById('app') ?? document.body;
const api = vscodeApi();
const host = pageChannel(hostEndpoint(api));
new App(root, api, host);
mountVolumeView(root, host);
