// Runs after every `npm ci` / `npm install`. Three jobs:
//
// 1. The project's Node for npm scripts. When the install ran on the Node that scripts/project-node.sh
//    fetched into .toolchain/ (the machine's own was older than 24), node_modules/.bin/node is linked to it.
//    npm and npx put node_modules/.bin first on PATH, so every script's `node` and every `#!/usr/bin/env node`
//    tool (tsx, tsc, vitest, playwright, eslint, npm itself when a script calls it) then runs on that Node,
//    whatever `node` a plain shell has first: the Node that better-sqlite3 was just built for.
//
// 2. Electron's binary. Its own postinstall downloads from GitHub, which fails on machines that reach only the
//    npm registry (CI here) and would fail the whole `npm ci`. package.json's allowScripts turns it off; this
//    script runs it where a download is wanted and only warns when it cannot succeed.
//
// 3. The dependency patches in patches/ (patch-package), each explained in docs/softphone.md ("Dependency
//    patches"); a patch that no longer applies (the package moved on) fails the install rather than
//    shipping the unpatched code.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const toolchain = join(root, '.toolchain') + sep;
const nodeLink = join(root, 'node_modules', '.bin', 'node');

function linkProjectNode() {
  const ranOnToolchain = process.execPath.startsWith(toolchain);
  let current = null;
  try { if (lstatSync(nodeLink).isSymbolicLink()) current = readlinkSync(nodeLink); } catch { /* no link yet */ }
  if (ranOnToolchain) {
    const target = relative(dirname(nodeLink), process.execPath);
    if (current !== target) {
      rmSync(nodeLink, { force: true });
      symlinkSync(target, nodeLink);
    }
    console.log(`postinstall: npm scripts run on the project's Node ${process.version} (node_modules/.bin/node).`);
  } else if (current !== null && resolve(dirname(nodeLink), current).startsWith(toolchain)) {
    // Installed on the machine's own Node this time: scripts use it, as native modules were built for it.
    rmSync(nodeLink, { force: true });
  }
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 24) {
    console.warn(`postinstall: warning: Node ${process.version} is older than 24, which the project needs. ` +
      'Run `bash scripts/ensure-deps.sh`: it fetches Node 24 and installs again with it.');
  }
}

function installElectronBinary() {
  const skip = process.env.CI || process.env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const installer = join(root, 'node_modules/electron/install.js');
  if (skip) {
    console.log('postinstall: CI or ELECTRON_SKIP_BINARY_DOWNLOAD set; not fetching the Electron binary (browser mode still works).');
  } else if (existsSync(installer)) {
    // Its output is kept back unless it fails: then one line says why, not a stack trace.
    const result = spawnSync(process.execPath, [installer], { encoding: 'utf8', timeout: 120_000 });
    if (result.status !== 0) {
      const reason = `${result.stderr ?? ''}${result.error?.message ?? ''}`.split('\n').find((line) => /error/i.test(line))?.trim() ?? 'unknown error';
      console.warn(`postinstall: warning: the Electron binary could not be fetched (${reason}); the app will run in browser mode. ` +
        'On a desktop with internet, rerun `node node_modules/electron/install.js`.');
    } else {
      console.log('postinstall: Electron binary installed.');
    }
  }
}

function applyPatches() {
  const result = spawnSync(process.execPath, [join(root, 'node_modules/patch-package/index.js'), '--error-on-fail'], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) {
    console.error(`postinstall: the dependency patches in patches/ did not apply:\n${result.stdout ?? ''}${result.stderr ?? ''}`);
    process.exit(1);
  }
  console.log('postinstall: dependency patches applied (patches/).');
}

linkProjectNode();
applyPatches();
installElectronBinary();
