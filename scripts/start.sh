#!/usr/bin/env bash
# One command from a fresh clone to the running app with demo data on the embedded database.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
exec pnpm start
