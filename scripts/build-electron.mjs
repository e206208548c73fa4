#!/usr/bin/env node
// Bundles the Electron main process and the preload with esbuild (the renderer is built by Vite).
// The preload runs sandboxed, where only CommonJS and `require('electron')` work, so it is bundled to
// one .cjs file; the main process is ESM. Native modules stay external: they are rebuilt for Electron
// by electron-builder on the release machines (this machine cannot fetch Electron's headers).
import { build } from 'esbuild';
import path from 'node:path';
import { parseArgs } from 'node:util';

// --out DIR: where build/main and build/preload go (tests build into a temp dir).
const { values } = parseArgs({ options: { out: { type: 'string', default: 'build' } } });
const out = values.out;

const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, logLevel: 'warning' };

const mainProcess = {
  ...common,
  format: 'esm',
  external: ['electron', 'better-sqlite3', 'electron-updater'],
  // esbuild's ESM output has no require(); bundled CommonJS dependencies need one.
  banner: { js: "import { createRequire as __sbCreateRequire } from 'node:module'; const require = __sbCreateRequire(import.meta.url);" },
};

const mainFile = path.join(out, 'main/electron/main.js');
await build({ ...mainProcess, entryPoints: ['main/electron/main.ts'], outfile: mainFile });

// The database thread's script, beside main.js: main/core/db/worker-script.ts finds it there.
const workerFile = path.join(out, 'main/electron/database-worker.js');
await build({ ...mainProcess, entryPoints: ['main/core/db/database-worker.ts'], outfile: workerFile });

const preloadFile = path.join(out, 'preload/index.cjs');
await build({
  ...common,
  entryPoints: ['preload/index.ts'],
  outfile: preloadFile,
  format: 'cjs',
  external: ['electron'],
});

console.log(`build-electron: ${mainFile}, ${workerFile}, ${preloadFile}`);
