#!/usr/bin/env bash
# Installs GNU parallel from Debian: test/cli/examples.test.ts runs examples/cluster/parallel.sh as the
# docs give it. Idempotent: does nothing when it is installed. Needs root (or sudo).
set -euo pipefail
if parallel --version 2>/dev/null | grep -q 'GNU parallel'; then
  echo "setup-parallel: GNU parallel already installed ($(command -v parallel))"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "setup-parallel: need root to install parallel" >&2; exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get install -y --no-install-recommends parallel; then
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends parallel
fi
parallel --version | head -1
