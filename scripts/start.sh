#!/usr/bin/env bash
# README's run command: installs what the app needs, builds the renderer, then starts the example platform
# and the desktop signed in as the demo agent (Electron where its runtime is present, else browser mode).
# Options go to scripts/first-run.ts: `--demo` adds simulated customers.
set -euo pipefail
cd "$(dirname "$0")/.."
# The demo's calling customers are SIPp (sip-tester): installed for --demo only.
deps_for=()
for arg in "$@"; do [ "$arg" = "--demo" ] && deps_for=(--for-demo); done
bash scripts/ensure-deps.sh "${deps_for[@]}"
source scripts/project-node.sh
use_project_node
npm run --silent build:renderer
exec node --import tsx scripts/first-run.ts "$@"
