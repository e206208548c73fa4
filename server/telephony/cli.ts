/**
 * `npm run sip-edge -- --config FILE` runs Kamailio and rtpengine in the foreground, configured from the
 * platform config's `sip` block, and prints `sip edge listening on udp://HOST:PORT ws://HOST:PORT` once
 * both accept. SIGTERM or SIGINT stop both (exit 0). A bad config exits 2; a missing package, a port in
 * use or a process that dies prints one line and exits 1. `--verbose` passes their logs to stderr.
 */
import { parseEdgeArgs, UsageError } from '../cli-args';
import { loadConfigForCli } from '../config';
import { EdgeStartError, startEdge } from './edge-launcher';

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseEdgeArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return 2;
  }
  const { configPath, verbose } = args;
  const config = loadConfigForCli(configPath);
  if (config === null) return 2;
  if (!config.sip) {
    process.stderr.write(`sip-edge: ${configPath} has no \`sip\` block (see docs/telephony.md)\n`);
    return 2;
  }
  let edge;
  try {
    edge = await startEdge(config, { onLog: verbose ? (source, line) => process.stderr.write(`${source}: ${line}\n`) : undefined });
  } catch (err) {
    if (err instanceof EdgeStartError) {
      process.stderr.write(`sip-edge: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  process.stdout.write(`sip edge listening on ${edge.udpUrl} ${edge.wsUrl}\n`);
  const running = edge;
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (code: number) => {
      if (stopping) return;
      stopping = true;
      running.stop().then(
        () => resolve(code),
        () => resolve(1),
      );
    };
    process.on('SIGTERM', () => stop(0));
    process.on('SIGINT', () => stop(0));
    // A wrapper that exits without passing SIGTERM on (npm, a shell) leaves this process to init: the
    // edge must not outlive whoever started it.
    const parent = process.ppid;
    const orphanCheck = setInterval(() => {
      if (process.ppid !== parent) stop(0);
    }, 500);
    orphanCheck.unref();
    void running.exited.then((reason) => {
      if (stopping) return;
      process.stderr.write(`sip-edge: ${reason}\n`);
      stop(1);
    });
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
