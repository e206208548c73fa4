#!/usr/bin/env node
// Bundles the Electron main process and the preload with esbuild (the renderer is built by Vite).
// The preload runs sandboxed, where only CommonJS and `require('electron')` work, so it is bundled to
// one .cjs file; the main process is ESM. Native modules stay external: they are rebuilt for Electron
// by electron-builder on the release machines (this machine cannot fetch Electron's headers).
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, logLevel: 'warning' };

const mainProcess = {
  ...common,
  format: 'esm',
  external: ['electron', 'better-sqlite3', 'electron-updater'],
  // esbuild's ESM output has no require(); bundled CommonJS dependencies need one.
  banner: { js: "import { createRequire as __sbCreateRequire } from 'node:module'; const require = __sbCreateRequire(import.meta.url);" },
};

await build({ ...mainProcess, entryPoints: ['main/electron/main.ts'], outfile: 'build/main/electron/main.js' });

// The database thread's script, beside main.js: main/core/db/worker-script.ts finds it there.
await build({ ...mainProcess, entryPoints: ['main/core/db/database-worker.ts'], outfile: 'build/main/electron/database-worker.js' });

await build({
  ...common,
  entryPoints: ['preload/index.ts'],
  outfile: 'build/preload/index.cjs',
  format: 'cjs',
  external: ['electron'],
});

console.log('build-electron: build/main/electron/main.js, build/main/electron/database-worker.js, build/preload/index.cjs');
