/**
 * `npm run server -- --config FILE` runs the platform in the foreground and prints
 * `listening on http://HOST:PORT`; SIGTERM or SIGINT stop it cleanly (exit 0). On PostgreSQL (`store.url`)
 * one node rides out an outage by loading again from it on the same address (a cluster's routing node
 * exits instead, for its supervisor to start again). A bad config prints what is wrong and exits 2. `npm run server -- hash-password [PASSWORD]` prints a passwordHash for the config
 * (reads the password from stdin when not given); `new-api-key` prints a fresh channel-integration API key and
 * the `apiKeyHash` to put in the config's `integrations` instead of the key.
 */
import { readFileSync } from 'node:fs';
import { apiKeyHash, newApiKey } from './auth/api-keys';
import { hashPassword } from './auth/passwords';
import { parseServerArgs, UsageError, type ServerCommand } from './cli-args';
import { loadConfigForCli } from './config';
import { startClusterNode } from './cluster/cluster-node';
import { startPlatform } from './platform';
import { startSelfHealingPlatform } from './self-healing-platform';

async function main(argv: string[]): Promise<number> {
  let args: ServerCommand;
  try {
    args = parseServerArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return 2;
  }
  if (args.command === 'hash-password') {
    const password = args.password ?? readFileSync(0, 'utf8').replace(/\r?\n$/, '');
    if (password === '') {
      process.stderr.write('hash-password: give a password (argument or stdin)\n');
      return 2;
    }
    process.stdout.write(`${hashPassword(password)}\n`);
    return 0;
  }
  if (args.command === 'new-api-key') {
    const key = newApiKey();
    process.stdout.write(`apiKey: ${key}\napiKeyHash: ${apiKeyHash(key)}\n`);
    return 0;
  }
  const { configPath } = args;
  const config = loadConfigForCli(configPath);
  if (config === null) return 2;
  const quiet = args.quiet || process.env.NODE_ENV === 'test';
  let platform;
  // A node that lost the leadership (or could not start routing) exits: its supervisor starts it again as a follower.
  let lostLeadership: ((code: number) => void) | null = null;
  const onFatal = (err: Error) => {
    process.stderr.write(`stopped routing: ${err.message}\n`);
    lostLeadership?.(1);
  };
  try {
    if (config.cluster) platform = await startClusterNode(config, { log: !quiet, onFatal });
    // One node on PostgreSQL loads again from it after an outage, on its own (self-healing-platform.ts).
    else if (config.store) platform = await startSelfHealingPlatform(config, { log: !quiet, report: (line) => process.stderr.write(`${line}\n`) });
    else platform = await startPlatform(config, { log: !quiet });
  } catch (err) {
    process.stderr.write(`cannot start the platform: ${(err as Error).message}\n`);
    return 1;
  }
  process.stdout.write(`listening on ${platform.url}\n`);
  return new Promise<number>((resolve) => {
    lostLeadership = resolve;
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
