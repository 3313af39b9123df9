#!/usr/bin/env bash
# What the tests need beyond npm packages, installed once and reused: Debian's Chromium (browser tests of
# the webview, and the browser that drives VS Code) and ripgrep, then code-server 4.99.4 (a real VS Code
# that installs from npm) for the end-to-end tests, then GNU parallel (a cluster example the CLI tests
# run as written). Every step is idempotent and quick when done.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup-browser.sh
bash scripts/setup-code-server.sh
bash scripts/setup-parallel.sh
