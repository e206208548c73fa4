/**
 * README's run command, with no configuration: the platform on its example config (embedded SQLite under
 * ./data) and the desktop signed in as the demo agent `alice`, so a newcomer sees a working inbox within a
 * minute. Electron where its runtime is present (and a display), browser mode otherwise.
 *
 *   bash scripts/start.sh        (installs, builds the renderer, then runs this)
 *
 * Environment: SWITCHBOARD_PLATFORM_PORT (default 8600; 0 = any free port), SWITCHBOARD_UI_PORT (browser
 * mode; default 8601), SWITCHBOARD_BROWSER_MODE=1 to force browser mode.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { startPlatform } from '../server/platform';
import { loadConfigFile } from '../server/config';
import { seedDemoWorkItems } from './demo-items';

const root = resolve(import.meta.dirname, '..');
const DEMO_AGENT = { username: 'alice', password: 'alice-pw' };
const DEMO_ADMIN = { username: 'admin', password: 'admin-pw' };

function electronBinary(): string | null {
  if (process.env.SWITCHBOARD_BROWSER_MODE === '1') return null;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return null;
  try {
    // The electron package exports the path of its binary — when the postinstall could fetch it.
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const config = loadConfigFile(join(root, 'config', 'example.yaml'));
  const dataDir = join(root, 'data');
  mkdirSync(dataDir, { recursive: true });
  const port = Number(process.env.SWITCHBOARD_PLATFORM_PORT ?? config.listen.port);
  const platform = await startPlatform({ ...config, dataDir: join(dataDir, 'platform'), listen: { host: '127.0.0.1', port } });
  console.log(`platform: listening on ${platform.url} (config/example.yaml, data in ./data/platform)`);

  const seeded = await seedDemoWorkItems(platform.url, DEMO_ADMIN, DEMO_AGENT.username);
  if (seeded > 0) console.log(`platform: created ${seeded} demo work items for ${DEMO_AGENT.username}`);

  const electron = electronBinary();
  let desktop;
  if (electron) {
    const built = spawnSync(process.execPath, [join(root, 'scripts', 'build-electron.mjs')], { stdio: 'inherit', cwd: root });
    if (built.status !== 0) throw new Error('could not bundle the Electron main process');
    console.log(`desktop: starting Electron, signed in as ${DEMO_AGENT.username}`);
    desktop = spawn(electron, [root], {
      stdio: 'inherit',
      env: {
        ...process.env,
        SWITCHBOARD_PLATFORM_URL: platform.url,
        SWITCHBOARD_DEMO_USERNAME: DEMO_AGENT.username,
        SWITCHBOARD_DEMO_PASSWORD: DEMO_AGENT.password,
      },
    });
  } else {
    console.log('desktop: Electron runtime not present here; running the same app in browser mode');
    desktop = spawn(
      process.execPath,
      ['--import', 'tsx', join(root, 'main', 'browser', 'cli.ts'),
        '--platform', platform.url, '--data-dir', join(dataDir, 'desktop'),
        '--user', DEMO_AGENT.username, '--port', process.env.SWITCHBOARD_UI_PORT ?? '8601'],
      { stdio: 'inherit', cwd: root, env: { ...process.env, SWITCHBOARD_PASSWORD: DEMO_AGENT.password } },
    );
  }

  const stop = async () => {
    desktop.kill('SIGTERM');
    await platform.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  desktop.on('exit', (code) => {
    console.log(`desktop exited (${code ?? 'signal'}); stopping the platform`);
    void stop();
  });
}

main().catch((error: unknown) => {
  console.error('Switchboard failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});

