/** Entry for the code-server harness (runMochaSuiteInVsCode): resolves to the counts, failures included. */
export { runSuite as run } from './runSuite';
