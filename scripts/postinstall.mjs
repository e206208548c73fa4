// Electron's own postinstall downloads its binary from GitHub, which fails on machines that reach only
// the npm registry (CI here) and would fail the whole `npm ci`. package.json's allowScripts turns it off;
// this script runs it ourselves where a download is wanted and only warns when it cannot succeed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const skip = process.env.CI || process.env.ELECTRON_SKIP_BINARY_DOWNLOAD;
const installer = 'node_modules/electron/install.js';

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
