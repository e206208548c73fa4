/**
 * Starts a throw-away rtpengine (userspace, no kernel table) on loopback for tests that talk to it directly,
 * and stops it. The edge's own launcher does the same for the full stack.
 */
import { spawn, type ChildProcess } from 'node:child_process';

import { NgClient } from './ng-client';

export type RtpengineHandle = { ng: NgClient; ngPort: number; stop: () => Promise<void>; log: () => string };

export async function startRtpengine(options: { ngPort: number; portMin: number; portMax: number }): Promise<RtpengineHandle> {
  const child: ChildProcess = spawn(
    'rtpengine',
    [
      '--foreground',
      '--table=-1',
      '--interface=127.0.0.1',
      `--listen-ng=127.0.0.1:${options.ngPort}`,
      `--port-min=${options.portMin}`,
      `--port-max=${options.portMax}`,
      '--log-stderr',
      '--log-level=6',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ng = await NgClient.open('127.0.0.1', options.ngPort);
  const stop = async (): Promise<void> => {
    ng.close();
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    await ng.waitReady();
  } catch (error) {
    await stop();
    throw new Error(`rtpengine did not start: ${(error as Error).message}\n${log}`);
  }
  return { ng, ngPort: options.ngPort, stop, log: () => log };
}
