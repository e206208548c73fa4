/**
 * Browser mode's entry: the desktop core under plain Node, served to a local browser.
 *
 *   tsx main/browser/cli.ts --platform URL [--data-dir DIR] [--user U --password P] [--port N] [--renderer DIR]
 *
 * Prints the one URL (with the launch token) that opens the app.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDesktopCore, createMemoryTokenStore } from '../core';
import { loadMachinePolicy } from '../policy/machine-policy';
import { startBrowserHost } from './host';

const USAGE = 'usage: tsx main/browser/cli.ts --platform URL [--data-dir DIR] [--user U --password P] [--port N] [--renderer DIR]';

export interface BrowserModeArgs {
  platformUrl: string | undefined;
  dataDir: string;
  username: string | undefined;
  password: string | undefined;
  port: number;
  rendererDir: string;
}

export function parseBrowserModeArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): BrowserModeArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      platform: { type: 'string' },
      'data-dir': { type: 'string' },
      user: { type: 'string' },
      password: { type: 'string' },
      port: { type: 'string' },
      renderer: { type: 'string' },
    },
    strict: true,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number (0-65535), not ${values.port}`);
  // SWITCHBOARD_PASSWORD keeps the password out of the process list.
  const password = values.password ?? env.SWITCHBOARD_PASSWORD;
  if ((values.user === undefined) !== (password === undefined) && values.password !== undefined) throw new Error('--password needs --user');
  if (values.user !== undefined && password === undefined) throw new Error('--user needs --password (or SWITCHBOARD_PASSWORD)');
  return {
    platformUrl: values.platform,
    dataDir: path.resolve(values['data-dir'] ?? defaultDataDir(env)),
    username: values.user,
    password: values.user === undefined ? undefined : password,
    port,
    rendererDir: path.resolve(values.renderer ?? path.join(process.cwd(), 'build', 'renderer')),
  };
}

function defaultDataDir(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'switchboard', 'browser-mode');
}

export async function main(argv: string[]): Promise<void> {
  let args: BrowserModeArgs;
  try {
    args = parseBrowserModeArgs(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }

  const policy = await loadMachinePolicy();
  if (policy.error) console.warn(`Switchboard: ${policy.error}`);
  const platformUrl = typeof policy.values.platformUrl === 'string' ? policy.values.platformUrl : args.platformUrl;
  if (!platformUrl) {
    console.error(`--platform is required (no platformUrl in the policy file)\n${USAGE}`);
    process.exitCode = 2;
    return;
  }

  // No OS keyring under plain Node: the token lives as long as this process.
  const core = await createDesktopCore({ dataDir: args.dataDir, platformUrl, tokenStore: createMemoryTokenStore(), policy });
  if (args.username && args.password) {
    const signedIn = await core.invoke('signIn', { platformUrl, username: args.username, password: args.password });
    if (!signedIn.ok) console.warn(`Switchboard: sign-in as ${args.username} failed: ${signedIn.error.message}`);
  }

  const host = await startBrowserHost({ core, rendererDir: args.rendererDir, host: '127.0.0.1', port: args.port });
  console.log(`Switchboard (browser mode): open ${host.url}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('main/browser/cli.ts')) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error('Switchboard (browser mode) failed to start:', error);
    process.exit(1);
  });
}
