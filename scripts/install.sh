#!/usr/bin/env bash
# Installs the project's npm dependencies with the right Node, once per lockfile change,
# saying what it installs and how far it has got (a fresh install takes up to a minute).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/node-env.sh
STAMP=node_modules/.install-stamp
# The browser panel (web/) is bundled after the packages, and again whenever a file under web/ is newer than the bundle.
build_panel() { node --disable-warning=ExperimentalWarning web/build.ts; }
if [ -f "$STAMP" ] && [ ! package-lock.json -nt "$STAMP" ] && [ ! package.json -nt "$STAMP" ]; then build_panel; exit 0; fi

# Top-level packages in the lockfile, less optional ones built for another OS or CPU.
total="$(node -e '
  const l = require("./package-lock.json");
  const fits = (list, v) => !list || list.some((x) => x === v) || (list.every((x) => x.startsWith("!")) && !list.includes("!" + v));
  console.log(Object.entries(l.packages).filter(([k, p]) => k.split("node_modules/").length === 2 && fits(p.os, process.platform) && fits(p.cpu, process.arch)).length);
')"
echo "install: $total npm packages from package-lock.json with Node $(node -v) (npm ci; about a minute the first time)..." >&2

# A progress line while npm works: top-level packages unpacked so far, out of the lockfile's.
progress() {
  local n
  set +e +o pipefail # an empty node_modules (npm ci starts by removing it) is not an error here
  while sleep 2; do
    n="$(compgen -G 'node_modules/*/package.json' | wc -l) + $(compgen -G 'node_modules/@*/*/package.json' | wc -l)"
    n=$((n))
    [ "$n" -gt "$total" ] && n="$total"
    if [ -t 2 ]; then printf '\rinstall: %s of %s packages (%ss)  ' "$n" "$total" "$((SECONDS - started))" >&2
    else echo "install: $n of $total packages ($((SECONDS - started))s)" >&2; fi
  done
}
started=$SECONDS
progress &
ticker=$!
trap 'kill "$ticker" 2>/dev/null || true' EXIT
# .npmrc sets ignore-scripts: no dependency needs its install script (see the comment there).
ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund --loglevel=error >&2
kill "$ticker" 2>/dev/null || true
wait "$ticker" 2>/dev/null || true
if [ -t 2 ]; then printf '\r\033[K' >&2; fi
echo "install: done, $total packages in $((SECONDS - started)) s." >&2
touch "$STAMP"
build_panel
