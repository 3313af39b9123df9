#!/usr/bin/env bash
# Installs code-server 4.99.4 (= VS Code 1.99.3, server + web workbench) from the npm
# registry into .cache/code-server/ of this repository, for the end-to-end tests
# (test/e2e/). Works offline apart from the npm registry: the package's own postinstall
# is skipped (it refuses to run as root, downloads ripgrep from GitHub and builds
# kerberos, which needs libkrb5-dev) and replaced by the fix-ups below.
#
# Idempotent: when .cache/code-server/.setup-complete names the same version, it does
# nothing. A partial earlier run is thrown away and redone. Installs into a staging
# folder and renames it into place only when every step succeeded.
#
# Needs: Node 20 (code-server 4.99.x does not run on Node 22+), a C/C++ toolchain and
# python3 for the native rebuilds, and ripgrep (/usr/bin/rg; scripts/setup-browser.sh
# installs it together with chromium).
#
# Usage: scripts/setup-code-server.sh [--force]
set -euo pipefail

VERSION=4.99.4
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/.cache/code-server"
STAGE="$ROOT/.cache/code-server.staging"
MARKER="$DEST/.setup-complete"
START=$(date +%s)

log() { echo "setup-code-server: $*"; }
fail() { echo "setup-code-server: ERROR: $*" >&2; exit 1; }
trap 'echo "setup-code-server: FAILED at line $LINENO (exit $?): $BASH_COMMAND" >&2' ERR

if [ "${1:-}" != "--force" ] && [ -f "$MARKER" ] && grep -qx "code-server@$VERSION" "$MARKER" \
   && [ -x "$DEST/node_modules/.bin/code-server" ]; then
  log "code-server@$VERSION already set up in $DEST (delete it or pass --force to redo)"
  exit 0
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" = 20 ] || fail "code-server@$VERSION needs Node 20, found $(node -v)"
RG="$(command -v rg || true)"
[ -n "$RG" ] || fail "ripgrep (rg) not found; run scripts/setup-browser.sh first"
for tool in python3 make g++; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool not found (needed to rebuild native modules)"
done

# npm here is configured with yes=false, which makes `npm rebuild` cancel the `npx node-gyp`
# it runs. Also keep npm quiet about audit/fund and never run install scripts implicitly.
export npm_config_yes=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
NPM_Q=(--no-audit --no-fund --loglevel=error)

log "installing code-server@$VERSION into $STAGE"
rm -rf "$STAGE"
mkdir -p "$STAGE"
# Own package.json, or npm would walk up and install into the project's node_modules.
echo '{ "name": "code-server-e2e-cache", "private": true }' > "$STAGE/package.json"
(cd "$STAGE" && npm install --ignore-scripts "${NPM_Q[@]}" "code-server@$VERSION")

CS="$STAGE/node_modules/code-server"
VS="$CS/lib/vscode"
[ -d "$VS" ] || fail "$VS missing after install"

log "installing VS Code's production dependencies (lib/vscode)"
(cd "$VS" && npm install --omit=dev --ignore-scripts "${NPM_Q[@]}")

log "rebuilding VS Code's native modules (node-pty, @parcel/watcher, @vscode/spdlog, native-watchdog)"
(cd "$VS" && npm rebuild "${NPM_Q[@]}" node-pty @parcel/watcher @vscode/spdlog native-watchdog)

log "linking ripgrep ($RG) in place of @vscode/ripgrep's download"
mkdir -p "$VS/node_modules/@vscode/ripgrep/bin"
ln -sf "$RG" "$VS/node_modules/@vscode/ripgrep/bin/rg"

log "linking node_modules.asar, remote-cli and browser helpers"
ln -sfn node_modules "$VS/node_modules.asar"
(cd "$VS/bin/remote-cli" && ln -sf code-linux.sh code-server)
(cd "$VS/bin/helpers" && ln -sf browser-linux.sh browser.sh)

log "installing built-in extensions' dependencies (lib/vscode/extensions)"
(cd "$VS/extensions" && npm install --omit=dev --ignore-scripts "${NPM_Q[@]}")

# argon2 is hoisted to the staging folder's node_modules, so rebuild it from there
# (`npm rebuild argon2` inside node_modules/code-server silently rebuilds nothing).
log "rebuilding code-server's own native module (argon2)"
(cd "$STAGE" && npm rebuild "${NPM_Q[@]}" argon2)

log "checking the install"
# --config: otherwise code-server writes a default ~/.config/code-server/config.yaml.
got=$("$STAGE/node_modules/.bin/code-server" --config "$STAGE/.check-config.yaml" --version \
  | grep -m1 "^$VERSION " || true)
rm -f "$STAGE/.check-config.yaml"
case "$got" in
  "$VERSION "*) log "code-server --version: $got" ;;
  *) fail "unexpected code-server --version output: $got" ;;
esac
for mod in node-pty @parcel/watcher @vscode/spdlog native-watchdog; do
  (cd "$VS" && node -e "require('$mod')") || fail "native module $mod does not load"
done
(cd "$CS" && node -e "require('argon2')") || fail "native module argon2 does not load"

echo "code-server@$VERSION" > "$STAGE/.setup-complete"
rm -rf "$DEST"
mv "$STAGE" "$DEST"
trap - ERR
log "done: $DEST/node_modules/.bin/code-server ($(( $(date +%s) - START )) s)"
