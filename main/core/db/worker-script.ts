/**
 * Where the database thread's script is, in each way the core runs:
 * - from source (Vitest, `tsx`, browser mode via `npm start`): `database-worker.ts` beside this file, run
 *   with tsx's loader, which a worker does not get by itself under Vitest;
 * - built (`npm run build:electron`, scripts/build-electron.mjs): esbuild bundles the core into
 *   build/main/electron/main.js, where `import.meta.url` is that file's, and writes the thread's own bundle
 *   beside it as `database-worker.js`;
 * - packaged: the same two files inside app.asar — Electron reads worker scripts from the archive (asar
 *   support in worker threads), and better-sqlite3's `.node` is unpacked (electron-builder.yml).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

export type WorkerScript = { url: URL; execArgv?: string[] };

export function databaseWorkerScript(moduleUrl: string = import.meta.url): WorkerScript {
  if (moduleUrl.endsWith('.ts')) {
    const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    return { url: new URL('./database-worker.ts', moduleUrl), execArgv: ['--import', tsxLoader] };
  }
  return { url: new URL('./database-worker.js', moduleUrl) };
}
