/**
 * `npm run server -- --config FILE` runs the platform in the foreground and prints
 * `listening on http://HOST:PORT`; SIGTERM or SIGINT stop it cleanly (exit 0). A bad config prints what is
 * wrong and exits 2. `npm run server -- hash-password [PASSWORD]` prints a passwordHash for the config
 * (reads the password from stdin when not given).
 */
import { readFileSync } from 'node:fs';
import { hashPassword } from './auth/passwords';
import { ConfigError, loadConfigFile } from './config';
import { startPlatform } from './platform';

const USAGE = 'usage: npm run server -- --config FILE [--quiet]\n       npm run server -- hash-password [PASSWORD]';

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'hash-password') {
    const password = argv[1] ?? readFileSync(0, 'utf8').replace(/\r?\n$/, '');
    if (password === '') {
      process.stderr.write('hash-password: give a password (argument or stdin)\n');
      return 2;
    }
    process.stdout.write(`${hashPassword(password)}\n`);
    return 0;
  }
  const configIndex = argv.findIndex((a) => a === '--config' || a.startsWith('--config='));
  const configPath = configIndex < 0 ? undefined : argv[configIndex].includes('=') ? argv[configIndex].slice('--config='.length) : argv[configIndex + 1];
  if (!configPath) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let config;
  try {
    config = loadConfigFile(configPath);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${configPath}: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const quiet = argv.includes('--quiet') || process.env.NODE_ENV === 'test';
  let platform;
  try {
    platform = await startPlatform(config, { log: !quiet });
  } catch (err) {
    process.stderr.write(`cannot start the platform: ${(err as Error).message}\n`);
    return 1;
  }
  process.stdout.write(`listening on ${platform.url}\n`);
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      if (!quiet) process.stderr.write(`${signal}: shutting down\n`);
      platform.close().then(
        () => resolve(0),
        (err) => {
          process.stderr.write(`error while shutting down: ${(err as Error).message}\n`);
          resolve(1);
        },
      );
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
