#!/usr/bin/env bash
# Installs what Switchboard needs on this machine, so README's two commands work from a fresh clone:
# Debian packages (as root; otherwise it says what is missing), Node 24 when the machine's is older
# (scripts/project-node.sh) and the npm dependencies from the lockfile, built for that Node.
# Usage: scripts/ensure-deps.sh [--for-tests]
set -euo pipefail
cd "$(dirname "$0")/.."

want_debs=()
if [ "${1:-}" = "--for-tests" ]; then
  # Chromium drives the end-to-end tests; xvfb-run allows headed runs.
  command -v chromium >/dev/null 2>&1 || want_debs+=(chromium)
  command -v xvfb-run >/dev/null 2>&1 || want_debs+=(xvfb)
  # Packaging checks: xmllint validates the ADMX template; dpkg-deb and rpmbuild build packages from the app.
  command -v xmllint >/dev/null 2>&1 || want_debs+=(libxml2-utils)
  command -v rpmbuild >/dev/null 2>&1 || want_debs+=(rpm)
  # Info-ZIP's unzip reads back the "Save diagnostics" zip.
  command -v unzip >/dev/null 2>&1 || want_debs+=(unzip)
  # PostgreSQL 15, the platform's second store: the tests start throw-away clusters with its initdb and
  # pg_ctl (tests/support/postgres.ts), as the `postgres` user the package creates when run as root.
  dpkg-query -W -f='${Status}' postgresql 2>/dev/null | grep -q 'ok installed' || want_debs+=(postgresql)
fi
# The SIP edge (npm run sip-edge): Kamailio with the modules its config loads, and rtpengine; the
# telephony tests also drive SIPp (sip-tester).
edge_debs=(kamailio kamailio-websocket-modules kamailio-autheph-modules kamailio-extra-modules rtpengine-daemon)
[ "${1:-}" = "--for-tests" ] && edge_debs+=(sip-tester)
for deb in "${edge_debs[@]}"; do
  dpkg-query -W -f='${Status}' "$deb" 2>/dev/null | grep -q 'ok installed' || want_debs+=("$deb")
done
command -v g++ >/dev/null 2>&1 || want_debs+=(g++)
command -v make >/dev/null 2>&1 || want_debs+=(make)
command -v python3 >/dev/null 2>&1 || want_debs+=(python3)

if [ ${#want_debs[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "ensure-deps: installing Debian packages: ${want_debs[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${want_debs[@]}" >/dev/null
  else
    echo "ensure-deps: MISSING Debian packages: ${want_debs[*]}" >&2
    echo "ensure-deps: install them with: sudo apt-get install ${want_debs[*]}" >&2
  fi
fi

# Node 24 first on PATH: the machine's when it is new enough, else the pinned one fetched into .toolchain/.
# shellcheck source=scripts/project-node.sh
source scripts/project-node.sh
use_project_node

# npm ci only when the lockfile or the Node it builds for (better-sqlite3 is native) changed since the last
# install: a developer's second run is instant.
stamp=node_modules/.switchboard-lock.sha256
want="$(sha256sum package-lock.json | cut -d' ' -f1) $(node --version)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "ensure-deps: npm ci (node $(node --version), npm $(npm --version))"
  # node-gyp must build better-sqlite3 against the headers of the Node that runs it. An npmrc may point
  # `nodedir` elsewhere (this machine's says /usr: Debian's Node 20), which yields a module Node 24 refuses;
  # the official binaries, and so .toolchain/, keep their headers beside bin/ in include/node/.
  node_prefix="$(dirname "$(dirname "$(node -p process.execPath)")")"
  if [ -f "$node_prefix/include/node/node.h" ]; then export npm_config_nodedir="$node_prefix"; fi
  npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
fi
