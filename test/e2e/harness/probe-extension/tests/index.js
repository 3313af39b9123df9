// Tests entry for runMochaSuiteInVsCode(): loaded with require() inside the extension host by
// the harness's suite-runner extension (MASK_INSPECTOR_TESTS). run() runs the mocha suite in this folder and
// resolves to {passed, failed, failures}. The real extension's entry can look the same.
'use strict';
const path = require('path');

exports.run = function run() {
  // mocha 12 is an ES module; require(esm) (Node >= 20.19) returns its namespace.
  const mochaModule = require('mocha');
  const Mocha = mochaModule.default || mochaModule.Mocha || mochaModule;
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 20000, reporter: 'dot' });
  // Not named *.test.js, or vitest's default include pattern would pick it up.
  mocha.addFile(path.join(__dirname, 'probe.suite.js'));
  return new Promise((resolve, reject) => {
    const failures = [];
    let passed = 0;
    try {
      // run() loads the files synchronously with require(), so `require('vscode')` in them works.
      const runner = mocha.run(() => resolve({ passed, failed: failures.length, failures }));
      runner.on('pass', () => { passed++; });
      runner.on('fail', (test, err) => {
        failures.push({ title: test.fullTitle(), error: String((err && (err.stack || err.message)) || err) });
      });
    } catch (err) {
      reject(err);
    }
  });
};
