#!/usr/bin/env bash
# Builds FerretDB v1.24.2 (tools/ferretdb) once per source version and prints the binary's path.
# The binary is cached outside the clone, keyed by the hash of the Go sources, so fresh clones and
# CI reuse it; Go's module cache keeps the downloads.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src="$here/tools/ferretdb"
key="$(cat "$src/go.mod" "$src/go.sum" "$src/main.go" | sha256sum | cut -c1-12)"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/storefront-admin"
bin="$cache/ferretdb-v1.24.2-$key"

if [ -x "$bin" ]; then
  echo "$bin"
  exit 0
fi
# Go's official tarball installs outside PATH for non-login shells; look there too.
fallback_go="${GO_FALLBACK_DIR:-/usr/local/go/bin}"
if ! command -v go >/dev/null 2>&1 && [ -x "$fallback_go/go" ]; then
  PATH="$fallback_go:$PATH"
fi
if ! command -v go >/dev/null 2>&1; then
  echo "FerretDB is not built yet and Go is not installed, so the embedded database cannot start." >&2
  echo "Either install Go 1.24 or newer and run this again," >&2
  echo "or set MONGODB_URI to a MongoDB server (mongodb://host:27017/storefront)." >&2
  exit 3
fi

mkdir -p "$cache"
echo "Building FerretDB v1.24.2 (first time only, about a minute)…" >&2
start=$(date +%s)
(
  cd "$src"
  # GOTOOLCHAIN=local: FerretDB's go.mod asks for 1.24 and the machine's Go is newer; never fetch
  # another toolchain. CGO_ENABLED=0: its SQLite driver (modernc.org/sqlite) is pure Go.
  GOTOOLCHAIN=local CGO_ENABLED=0 go build -trimpath -o "$bin.tmp.$$" .
)
mv "$bin.tmp.$$" "$bin"
echo "Built FerretDB in $(( $(date +%s) - start ))s: $bin" >&2
echo "$bin"
