#!/usr/bin/env bash
# Installs the system packages the end-to-end tests need, from Debian:
#   - chromium: the browser Playwright drives (playwright-core's own browser download
#     does not work offline; never run `npx playwright install`).
#   - ripgrep: code-server's bundled @vscode/ripgrep downloads its binary from GitHub,
#     which fails offline; scripts/setup-code-server.sh links /usr/bin/rg in its place.
# Idempotent: does nothing when both are already installed. Needs root (or sudo).
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
command -v rg >/dev/null 2>&1 || need+=(ripgrep)

if [ ${#need[@]} -eq 0 ]; then
  echo "setup-browser: chromium and ripgrep already installed ($(command -v chromium || echo /usr/bin/chromium), $(command -v rg))"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "setup-browser: need root to install: ${need[*]}" >&2; exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive

echo "setup-browser: installing ${need[*]}"
if ! $SUDO apt-get install -y --no-install-recommends "${need[@]}"; then
  echo "setup-browser: install failed, running apt-get update and retrying"
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends "${need[@]}"
fi

[ -x /usr/bin/chromium ] || { echo "setup-browser: /usr/bin/chromium missing after install" >&2; exit 1; }
command -v rg >/dev/null 2>&1 || { echo "setup-browser: rg missing after install" >&2; exit 1; }
echo "setup-browser: done ($(/usr/bin/chromium --version 2>/dev/null || echo chromium), $(rg --version | head -1))"
