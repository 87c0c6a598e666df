#!/usr/bin/env bash
# Installs the project's npm dependencies with the right Node, once per lockfile change.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/node-env.sh
STAMP=node_modules/.install-stamp
if [ ! -f "$STAMP" ] || [ package-lock.json -nt "$STAMP" ] || [ package.json -nt "$STAMP" ]; then
  echo "install: npm ci (node $(node -v))" >&2
  # .npmrc sets ignore-scripts: no dependency needs its install script (see the comment there).
  ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund >&2
  touch "$STAMP"
fi
# The browser panel (web/) is bundled here, and again whenever a file under web/ is newer than the bundle.
node --disable-warning=ExperimentalWarning web/build.ts
