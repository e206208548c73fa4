/**
 * The platform CLI's arguments (node:util parseArgs, as every CLI here): `--config FILE [--quiet]`, or
 * `hash-password [PASSWORD]`, or `new-api-key` (a channel integration's key and its `apiKeyHash`). Unknown flags and stray arguments are refused with the usage line.
 */
import { parseArgs } from 'node:util';

export const USAGE = 'usage: npm run server -- --config FILE [--quiet]\n       npm run server -- hash-password [PASSWORD]\n       npm run server -- new-api-key';

export type ServerCommand =
  | { command: 'serve'; configPath: string; quiet: boolean }
  /** the password, or undefined to read it from stdin */
  | { command: 'hash-password'; password: string | undefined }
  | { command: 'new-api-key' };

export class UsageError extends Error {
  constructor(problem: string, usage = USAGE) {
    super(`${problem}\n${usage}`);
    this.name = 'UsageError';
  }
}

export const EDGE_USAGE = 'usage: npm run sip-edge -- --config FILE [--verbose]';

/** `npm run sip-edge -- --config FILE [--verbose]`, parsed like the platform's; a bad line throws UsageError. */
export function parseEdgeArgs(argv: readonly string[]): { configPath: string; verbose: boolean } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { config: { type: 'string' }, verbose: { type: 'boolean', default: false } }, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), EDGE_USAGE);
  }
  if (parsed.values.config === undefined || parsed.values.config === '') throw new UsageError('--config FILE is required', EDGE_USAGE);
  return { configPath: parsed.values.config, verbose: parsed.values.verbose };
}

export function parseServerArgs(argv: readonly string[]): ServerCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { config: { type: 'string' }, quiet: { type: 'boolean', default: false } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (positionals[0] === 'hash-password') {
    if (positionals.length > 2) throw new UsageError('hash-password takes one password at most');
    return { command: 'hash-password', password: positionals[1] };
  }
  if (positionals[0] === 'new-api-key') {
    if (positionals.length > 1) throw new UsageError('new-api-key takes no argument');
    return { command: 'new-api-key' };
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (values.config === undefined || values.config === '') throw new UsageError('--config FILE is required');
  return { command: 'serve', configPath: values.config, quiet: values.quiet };
}
