/**
 * Group Policy's side of the policy on Windows: the values the ADMX template (deploy/policy/windows)
 * sets under HKLM\Software\Policies\Switchboard, read with `reg query` (no native module, works on every
 * Windows). The reader is thin; the parsing of its output is tested on recorded samples.
 */
import type { RegistryValue } from './managed-values';

export const POLICY_REGISTRY_KEY = 'HKLM\\Software\\Policies\\Switchboard';

/** `reg query` without /s: the key's own values, one per line `    NAME    TYPE    DATA`. */
export function parseRegQuery(output: string): Record<string, RegistryValue> {
  const values: Record<string, RegistryValue> = {};
  for (const line of output.split(/\r?\n/)) {
    // Values are indented by four spaces and their fields separated by four; a key line is not indented.
    const match = /^ {4}(.+?) {4}(REG_[A-Z_]+)(?: {4}(.*))?$/.exec(line);
    if (!match) continue;
    const [, name, type, data] = match;
    // `(Default)` is the key's unnamed value, which the template never sets.
    if (name === '(Default)' || name === undefined || type === undefined) continue;
    values[name] = { type, data: data ?? '' };
  }
  return values;
}

export type RunCommand = (file: string, args: string[]) => Promise<{ code: number; stdout: string; stderr: string }>;

/** The key's values; an absent key (no policy set) is an empty object. */
export async function readRegistryPolicy(run: RunCommand): Promise<Record<string, RegistryValue>> {
  const result = await run('reg.exe', ['query', POLICY_REGISTRY_KEY]);
  if (result.code !== 0) {
    // The usual case on a machine without the policy. Any other failure (or a localised message) is
    // thrown so it is reported, never mistaken for "no policy".
    if (/unable to find the specified registry key/i.test(result.stderr)) return {};
    throw new Error(`reg query ${POLICY_REGISTRY_KEY} failed (${result.code}): ${result.stderr.trim()}`);
  }
  return parseRegQuery(result.stdout);
}
