#!/usr/bin/env bash
# Sets up a fresh machine for this repository: pnpm, the Node packages, and (unless MONGODB_URI
# points at a database) the FerretDB build. Safe to run again; each step skips what is done.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PNPM_VERSION=10.34.8

node_ok=$(node -e 'const [a,b]=process.versions.node.split(".").map(Number); console.log(a>20||(a===20&&b>=19)?1:0)' 2>/dev/null || echo 0)
if [ "$node_ok" != 1 ]; then
  echo "Node.js 20.19 or newer is required (found: $(node --version 2>/dev/null || echo none))." >&2
  exit 1
fi

if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  echo "Installing pnpm $PNPM_VERSION…" >&2
  npm install --global --no-fund --no-audit "pnpm@$PNPM_VERSION" >&2
  hash -r
fi

pnpm install --frozen-lockfile --reporter=append-only >&2

if [ -z "${MONGODB_URI:-}" ]; then
  bash scripts/build-ferretdb.sh >/dev/null
fi
