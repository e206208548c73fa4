/**
 * Builds the renderer before the browser opens it: browser mode serves build/renderer, and a stale build
 * would test yesterday's screen. Vite takes about two seconds here, so it always rebuilds.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export default function globalSetup(): void {
  if (process.env.SWITCHBOARD_E2E_SKIP_BUILD === '1' && existsSync(path.resolve('build/renderer/index.html'))) return;
  execFileSync(process.execPath, [path.resolve('node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
    stdio: 'inherit',
    timeout: 120_000,
  });
}
