/**
 * Starts a TypeScript entry point as a child process (`node --import tsx FILE ...`, one process, so a
 * signal reaches the program itself) and waits for the line that says it is ready.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export type StartedProcess = {
  /** the regex match of the ready line */
  ready: RegExpMatchArray;
  /** the process id, for sampling its memory (bench/softphone.bench.ts) */
  pid: number | undefined;
  /** everything it printed so far, for failure messages */
  output(): string;
  stop(): Promise<void>;
};

export async function startTsProcess(
  entry: string,
  args: string[],
  options: { readyLine: RegExp; timeoutMs?: number; env?: NodeJS.ProcessEnv; name: string },
): Promise<StartedProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: process.cwd(),
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(() => fail(`${options.name} did not print its ready line within ${options.timeoutMs ?? 30_000} ms`), options.timeoutMs ?? 30_000);
    function fail(message: string) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${message}\n--- ${options.name} output ---\n${output}`));
    }
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(options.readyLine);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code, signal) => fail(`${options.name} exited early (code ${code}, signal ${signal})`));
    child.once('error', (error) => fail(`${options.name} could not start: ${error.message}`));
  });
  child.removeAllListeners('exit');
  return { ready, pid: child.pid, output: () => output, stop: () => stopChild(child) };
}

/** SIGTERM (a clean shutdown), then SIGKILL if it has not exited in 5 s. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
