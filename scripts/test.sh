#!/usr/bin/env bash
# README's test command: installs what the tests need, then runs every test runner and prints one line
# `N passed, N failed` with the totals of all of them. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh --for-tests
source scripts/project-node.sh
use_project_node
exec node scripts/run-all-tests.mjs "$@"
