/**
 * Runs SIPp for the media tests and the benchmark: in its own directory (SIPp writes its logs to the
 * working directory), with the final screen and, when asked, the message trace read back afterwards.
 * SIPp's exit code is 0 when every call succeeded, 1 when one failed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import { readSippTrace, type TracedMessage } from './sipp-trace';

export type SippOutcome = {
  exitCode: number | null;
  successful: number;
  failed: number;
  /** Most calls SIPp had open at once. */
  peak: number;
  trace: TracedMessage[];
  /** The end of SIPp's stderr and error log, for failure messages. */
  errors: string;
};

export type SippProcess = { child: ChildProcess; finished: Promise<SippOutcome>; stop: () => void };

export function startSipp(dir: string, args: string[], options: { traceMessages?: boolean; timeoutMs?: number } = {}): SippProcess {
  const all = ['-nostdin', '-trace_err', '-trace_screen', ...(options.traceMessages ? ['-trace_msg'] : []), ...args];
  const child = spawn('sipp', all, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const stop = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  const timer = setTimeout(stop, options.timeoutMs ?? 60_000);
  const finished = (async (): Promise<SippOutcome> => {
    const exitCode = await new Promise<number | null>((resolve) => {
      child.once('exit', (code) => resolve(code));
      child.once('error', () => resolve(null));
    });
    clearTimeout(timer);
    const files = await readdir(dir);
    const ofThisRun = (suffix: string): string | undefined => files.find((f) => f.includes(`_${child.pid}_`) && f.endsWith(suffix));
    const read = async (file: string | undefined): Promise<string> => (file ? readFile(path.join(dir, file), 'utf8') : '');
    const screen = await read(ofThisRun('_screen.log'));
    const errorLog = await read(ofThisRun('_errors.log'));
    const traceFile = ofThisRun('_messages.log');
    const count = (label: string): number => Number(new RegExp(`${label}\\s*\\|[^|]*\\|\\s*(\\d+)`).exec(screen)?.[1] ?? 0);
    return {
      exitCode,
      successful: count('Successful call'),
      failed: count('Failed call'),
      peak: Number(/Peak was (\d+) calls/.exec(screen)?.[1] ?? 0),
      trace: traceFile ? readSippTrace(path.join(dir, traceFile)) : [],
      errors: (stderr + '\n' + errorLog.slice(-2000)).trim(),
    };
  })();
  return { child, finished, stop };
}
