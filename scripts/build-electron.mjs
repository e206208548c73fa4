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

await build({
  ...common,
  entryPoints: ['main/electron/main.ts'],
  outfile: path.join(out, 'main/electron/main.js'),
  format: 'esm',
  external: ['electron', 'better-sqlite3', 'electron-updater'],
  // esbuild's ESM output has no require(); bundled CommonJS dependencies need one.
  banner: { js: "import { createRequire as __sbCreateRequire } from 'node:module'; const require = __sbCreateRequire(import.meta.url);" },
});

await build({
  ...common,
  entryPoints: ['preload/index.ts'],
  outfile: path.join(out, 'preload/index.cjs'),
  format: 'cjs',
  external: ['electron'],
});

console.log(`build-electron: ${path.join(out, 'main/electron/main.js')}, ${path.join(out, 'preload/index.cjs')}`);
