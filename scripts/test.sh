#!/usr/bin/env bash
# The whole suite: system packages, npm packages, a private Redis on 127.0.0.1, type-check, vitest.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
scripts/system-deps.sh
scripts/install.sh
source scripts/node-env.sh

# A throwaway Redis on a free loopback port, stopped on exit.
REDIS_DIR="$(mktemp -d)"
REDIS_PORT="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$REDIS_DIR" --daemonize yes --pidfile "$REDIS_DIR/redis.pid" >/dev/null
cleanup() { [ -f "$REDIS_DIR/redis.pid" ] && kill "$(cat "$REDIS_DIR/redis.pid")" 2>/dev/null || true; rm -rf "$REDIS_DIR"; }
trap cleanup EXIT
for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
export TEST_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"

echo "test: type-check" >&2
npx tsc -p tsconfig.json --noEmit
npx tsc -p web/tsconfig.json --noEmit
echo "test: import cycles" >&2
npx madge --circular --no-spinner src
echo "test: lint" >&2
npx biome lint --diagnostic-level=error
echo "test: vitest" >&2
RESULTS="$(mktemp)"
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$RESULTS" "$@" || status=$?
# One plain closing line that any CI can read: "N passed, N failed".
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
' "$RESULTS" || true
rm -f "$RESULTS"
exit "$status"
