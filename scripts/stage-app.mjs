#!/usr/bin/env node
// Stages what the installers ship into build/app (electron-builder's `directories.app`): the bundled main
// process, the preload, the renderer, the tray icon, and a package.json whose only dependencies are the
// modules main.js loads at run time (the `external`s of scripts/build-electron.mjs). Everything else —
// React, Fastify, zod, tsx, esbuild, sources, tests — is either bundled or not needed, so it never ships.
// electron-builder then installs those dependencies for the app and rebuilds better-sqlite3 for
// Electron's ABI (npmRebuild). Usage: node scripts/stage-app.mjs [--build DIR] [--out DIR]
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';

/** Loaded by main.js at run time; electron is Electron itself. */
const RUNTIME_DEPENDENCIES = ['better-sqlite3', 'electron-updater'];

const { values } = parseArgs({ options: { build: { type: 'string', default: 'build' }, out: { type: 'string', default: 'build/app' } } });
const root = process.cwd();
const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));

const dependencies = Object.fromEntries(
  RUNTIME_DEPENDENCIES.map((name) => {
    const version = pkg.dependencies?.[name];
    if (!version) throw new Error(`stage-app: ${name} is not a dependency in package.json`);
    return [name, version];
  }),
);
const appPackage = {
  name: pkg.name,
  productName: 'Switchboard',
  version: pkg.version,
  description: pkg.description,
  license: pkg.license,
  author: 'Switchboard contributors',
  type: pkg.type,
  main: pkg.main,
  dependencies,
};

const out = path.resolve(values.out);
await rm(out, { recursive: true, force: true });
for (const part of ['main', 'preload', 'renderer']) {
  await mkdir(path.join(out, 'build'), { recursive: true });
  await cp(path.join(values.build, part), path.join(out, 'build', part), { recursive: true });
}
await mkdir(path.join(out, 'build', 'assets'), { recursive: true });
await cp(path.join(values.build, 'assets', 'tray.png'), path.join(out, 'build', 'assets', 'tray.png'));
await writeFile(path.join(out, 'package.json'), `${JSON.stringify(appPackage, null, 2)}\n`);
console.log(`stage-app: ${path.relative(root, out) || out} (dependencies: ${RUNTIME_DEPENDENCIES.join(', ')})`);
