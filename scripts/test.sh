#!/usr/bin/env bash
# One command from a fresh clone to every test: type-check, lint, unit and integration tests
# against a real FerretDB, and the browser tests in Debian's Chromium.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh

if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "Installing Debian's Chromium for the browser tests…" >&2
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >&2
fi

started=$(date +%s)
rm -f .tmp/vitest-results.json e2e/test-results/results.json
status=0
pnpm test || status=$?
echo "Test run took $(( $(date +%s) - started ))s."
node scripts/test-summary.mjs
exit "$status"
