/** Entry point of the comparison webview (bundled to dist/webview.js). */
import './elements';
import { App } from './app';
import { vscodeApi } from './vscodeApi';

new App(document.getElementById('app') ?? document.body, vscodeApi());
