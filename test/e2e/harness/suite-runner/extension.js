// Test-only extension that the harness installs beside the extensions under test (test/e2e/harness/suite.ts),
// so that no extension carries a test hook of its own. Plain CommonJS, no build step.
//
// When MASK_INSPECTOR_TESTS names a JS file exporting run(), it runs it in this extension host and
// writes {passed, failed, failures: [{title, error}]} to MASK_INSPECTOR_TEST_RESULT (a temporary file,
// then renamed, so the waiting test never reads half a file). The entry and its test files must be
// CommonJS: `require('vscode')` works only through require(), which VS Code intercepts.
'use strict';
const fs = require('fs');

function writeResult(file, value) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(value, null, 2));
  fs.renameSync(tmp, file);
}

async function runTests(entry, resultFile) {
  let result;
  try {
    const r = await require(entry).run();
    result = r && typeof r.passed === 'number'
      ? { passed: r.passed, failed: r.failed ?? 0, failures: r.failures ?? [] }
      : { passed: 1, failed: 0, failures: [] }; // run() resolved without counts
  } catch (err) {
    result = { passed: 0, failed: 1, failures: [{ title: 'tests entry', error: String((err && err.stack) || err) }] };
  }
  writeResult(resultFile, result);
}

function activate() {
  const entry = process.env.MASK_INSPECTOR_TESTS;
  const resultFile = process.env.MASK_INSPECTOR_TEST_RESULT;
  // Not awaited: activation must not wait for a test run.
  if (entry && resultFile) runTests(entry, resultFile).catch((err) => console.error('[suite-runner] tests failed to run', err));
}

module.exports = { activate, deactivate() {} };
