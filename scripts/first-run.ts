/**
 * README's run command, with no configuration: the platform on its example config (embedded SQLite under
 * ./data) and the desktop signed in as the demo agent `alice`, so a newcomer sees a working inbox within a
 * minute. Electron where its runtime is present (and a display), browser mode otherwise.
 *
 *   bash scripts/start.sh          (installs, builds the renderer, then runs this)
 *   bash scripts/start.sh --demo   the same with simulated customers: config/demo.yaml, and chats that type
 *                                  back, emails, tasks and callbacks arriving every few seconds
 *
 * Environment: SWITCHBOARD_PLATFORM_PORT (default 8600; 0 = any free port), SWITCHBOARD_UI_PORT (browser
 * mode; default 8601), SWITCHBOARD_BROWSER_MODE=1 to force browser mode.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startPlatform } from '../server/platform';
import { loadConfigFile } from '../server/config';
import { seedDemoWorkItems } from './demo-items';
import { startDemoPlatform } from './demo/demo-platform';

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

/** `--demo`: simulated customers on config/demo.yaml; anything else is refused with the usage line. */
function readOptions(): { demo: boolean } {
  try {
    const { values } = parseArgs({ args: process.argv.slice(2), options: { demo: { type: 'boolean', default: false } }, strict: true });
    return { demo: values.demo };
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\nusage: bash scripts/start.sh [--demo]`);
    process.exit(2);
  }
}

type Platform = { url: string; close(): Promise<void> };

async function startExamplePlatform(dataDir: string, port: number): Promise<Platform> {
  const config = loadConfigFile(join(root, 'config', 'example.yaml'));
  const platform = await startPlatform({ ...config, dataDir: join(dataDir, 'platform'), listen: { host: '127.0.0.1', port } });
  console.log(`platform: listening on ${platform.url} (config/example.yaml, data in ./data/platform)`);
  const seeded = await seedDemoWorkItems(platform.url, DEMO_ADMIN, DEMO_AGENT.username);
  if (seeded > 0) console.log(`platform: created ${seeded} demo work items for ${DEMO_AGENT.username}`);
  return platform;
}

async function startSimulatedCustomers(dataDir: string, port: number): Promise<Platform> {
  const demo = await startDemoPlatform({
    dataDir: join(dataDir, 'demo-platform'), port, admin: DEMO_ADMIN, agent: DEMO_AGENT.username, log: (line) => console.log(line),
  });
  console.log(`platform: listening on ${demo.platform.url} (config/demo.yaml, data in ./data/demo-platform)`);
  const calls = demo.phoneCalls.on ? `, or phone ${demo.phoneCalls.number} through the SIP edge` : '';
  console.log(`demo: simulated customers send a chat, an email, a task or a callback every 5 seconds${calls}; chats type back`);
  return { url: demo.platform.url, close: () => demo.close() };
}

async function main(): Promise<void> {
  const options = readOptions();
  const dataDir = join(root, 'data');
  mkdirSync(dataDir, { recursive: true });
  const port = Number(process.env.SWITCHBOARD_PLATFORM_PORT ?? 8600);
  const platform = options.demo ? await startSimulatedCustomers(dataDir, port) : await startExamplePlatform(dataDir, port);

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

