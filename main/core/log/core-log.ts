/**
 * The desktop core's log: pino JSON lines in `<dataDir>/logs/core.N.log`, rotated by pino-roll (a new file
 * each day or at 10 MB, the newest five kept), so a support engineer can ask an agent for one folder. It
 * is written from the main thread (pino-roll's SonicBoom stream used as pino's destination, not as a
 * worker-thread transport), which also works inside the esbuild-bundled Electron main process.
 */
import path from 'node:path';
import pino, { type Logger } from 'pino';
import pinoRoll from 'pino-roll';

export type CoreLog = Logger;

export const LOG_DIR = 'logs';
const ROTATE_AT_SIZE = '10m';
/** rotated files kept besides the current one */
const KEEP_FILES = 4;

/** Secrets that must never reach a log file, wherever they appear in a logged object. */
const REDACT = ['password', 'token', 'authorizationPassword', '*.password', '*.token', '*.authorizationPassword', '*.*.authorizationPassword'];

export type OpenedLog = { log: CoreLog; close(): Promise<void> };

export type CoreLogOptions = {
  level?: pino.LevelWithSilent;
  /** start a new file at this size ('10m', '512k'); tests use a small one */
  rotateAtSize?: string;
};

export async function openCoreLog(dataDir: string, options: CoreLogOptions = {}): Promise<OpenedLog> {
  const destination = await pinoRoll({
    file: path.join(dataDir, LOG_DIR, 'core'),
    extension: '.log',
    size: options.rotateAtSize ?? ROTATE_AT_SIZE,
    frequency: 'daily',
    mkdir: true,
    limit: { count: KEEP_FILES },
  });
  const log = pino({ level: options.level ?? 'info', base: { pid: process.pid }, redact: { paths: REDACT, censor: '[redacted]' } }, destination);
  let closing: Promise<void> | null = null;
  return {
    log,
    close() {
      closing ??= new Promise<void>((resolve) => {
        destination.once('close', () => resolve());
        destination.end();
      });
      return closing;
    },
  };
}

/** A log that writes nothing: for parts built without one (unit tests of a single class). */
export function silentLog(): CoreLog {
  return pino({ level: 'silent' });
}

/** An unknown thrown value as something a log line can carry. */
export function errorFields(error: unknown): { err: Error } | { error: string } {
  return error instanceof Error ? { err: error } : { error: String(error) };
}
