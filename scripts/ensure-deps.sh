#!/usr/bin/env bash
# Installs what Switchboard needs on this machine, so README's two commands work from a fresh clone:
# Debian packages (as root; otherwise it says what is missing) and the npm dependencies from the lockfile.
# Usage: scripts/ensure-deps.sh [--for-tests]
set -euo pipefail
cd "$(dirname "$0")/.."

want_debs=()
if [ "${1:-}" = "--for-tests" ]; then
  # Chromium drives the end-to-end tests; xvfb-run allows headed runs.
  command -v chromium >/dev/null 2>&1 || want_debs+=(chromium)
  command -v xvfb-run >/dev/null 2>&1 || want_debs+=(xvfb)
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

if ! command -v node >/dev/null 2>&1; then
  echo "ensure-deps: Node.js 20.19+ with npm 11 is required (not found on PATH)" >&2
  exit 1
fi

# npm ci only when the lockfile changed since the last install: a developer's second run is instant.
stamp=node_modules/.switchboard-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "ensure-deps: npm ci"
  npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
fi
