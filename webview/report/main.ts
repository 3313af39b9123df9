/** Entry point of the loss report page (bundled to dist/report.js). */
import { reportPageChannel, type FromReport } from '../../src/shared/reportProtocol';
import { hostEndpoint, vscodeApi } from '../vscodeApi';
import { startReportPage } from './reportPage';

const api = vscodeApi<FromReport>();
startReportPage(api, reportPageChannel(hostEndpoint(api)));
