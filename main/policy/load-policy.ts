/**
 * Reads the machine-wide IT policy file. It overrides and locks settings; a missing file means no
 * policy; a bad file never stops the app: the problem is reported by key (shown in Settings) and only
 * the keys that validated are applied. The registry (Windows) and managed preferences (macOS) are read
 * beside it by machine-policy.ts.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatProblem, validatePolicyDocument, type ValidatedPolicy } from './validate-policy';

export interface Policy {
  /** setting key → value; the top-level keys plus the entries of `settings` */
  values: Record<string, unknown>;
  /** every key in values: the UI shows them read-only and the core ignores user changes to them */
  locked: string[];
  /** what was wrong with the policy, naming each key; null when it is fine or absent */
  error: string | null;
}

const MAX_POLICY_BYTES = 256 * 1024;

/** The machine-wide path for this OS; SWITCHBOARD_POLICY_FILE overrides it (tests, unusual installs). */
export function policyFilePath(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (env.SWITCHBOARD_POLICY_FILE) return env.SWITCHBOARD_POLICY_FILE;
  if (platform === 'win32') return path.win32.join(env.ProgramData ?? 'C:\\ProgramData', 'Switchboard', 'policy.json');
  if (platform === 'darwin') return '/Library/Application Support/Switchboard/policy.json';
  return '/etc/switchboard/policy.json';
}

export async function loadPolicy(file: string = policyFilePath()): Promise<Policy> {
  return toPolicy(await readPolicyFile(file));
}

/** The file's keys and problems; a missing file is an empty policy without problems. */
export async function readPolicyFile(file: string): Promise<ValidatedPolicy> {
  const source = path.basename(file);
  const whole = (message: string): ValidatedPolicy => ({ values: {}, problems: [{ source, key: null, message }] });
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { values: {}, problems: [] };
    return whole(`cannot be read (${code ?? (error as Error).message}); ignored`);
  }
  if (bytes.length > MAX_POLICY_BYTES) return whole(`the file is larger than ${MAX_POLICY_BYTES / 1024} KiB; ignored`);
  return validatePolicyText(bytes.toString('utf8'), source);
}

export function parsePolicy(text: string, name = 'policy.json'): Policy {
  return toPolicy(validatePolicyText(text, name));
}

function validatePolicyText(text: string, source: string): ValidatedPolicy {
  let document: unknown;
  try {
    // Notepad saves UTF-8 with a byte-order mark, which JSON.parse refuses.
    document = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { values: {}, problems: [{ source, key: null, message: `not valid JSON (${(error as Error).message}); ignored` }] };
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return { values: {}, problems: [{ source, key: null, message: 'must be a JSON object of policy keys; ignored' }] };
  }
  return validatePolicyDocument(document as Record<string, unknown>, source);
}

/** The policy the core applies: every valid key locked, the problems joined into one line for Settings. */
export function toPolicy({ values, problems }: ValidatedPolicy): Policy {
  return { values, locked: Object.keys(values), error: problems.length ? problems.map(formatProblem).join('; ') : null };
}
