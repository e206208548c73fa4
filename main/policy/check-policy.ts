/**
 * `switchboard --check-policy [FILE]` (and `npm run check-policy -- [FILE]` in browser mode): IT checks a
 * policy before rolling it out. Each problem is printed on its own line by key; the exit status is 0 only
 * when there is none. Without FILE the machine's own policy is checked (the JSON file and the registry or
 * managed preferences), as the app would read it at start-up.
 */
import { POLICY_KEY_NAMES } from './policy-schema';
import { readPolicyFile } from './load-policy';
import { readMachinePolicy, type MachinePolicyOptions } from './machine-policy';
import { formatProblem, type ValidatedPolicy } from './validate-policy';
import { access } from 'node:fs/promises';

export const CHECK_POLICY_FLAG = '--check-policy';

/** What to check, when the command line asks for a check: `{file: null}` is the machine's policy. */
export function findCheckPolicyRequest(argv: readonly string[]): { file: string | null } | null {
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    if (arg.startsWith(`${CHECK_POLICY_FLAG}=`)) return { file: arg.slice(CHECK_POLICY_FLAG.length + 1) || null };
    if (arg === CHECK_POLICY_FLAG) {
      const next = argv[index + 1];
      return { file: next !== undefined && !next.startsWith('--') ? next : null };
    }
  }
  return null;
}

export interface CheckPolicyResult {
  exitCode: 0 | 1;
  lines: string[];
}

export async function checkPolicy(file: string | null, machine: MachinePolicyOptions = {}): Promise<CheckPolicyResult> {
  let policy: ValidatedPolicy;
  let what: string;
  if (file === null) {
    policy = await readMachinePolicy(machine);
    what = "this machine's policy";
  } else {
    // A file IT names must exist: loading treats a missing file as "no policy", a check must not.
    if (!(await exists(file))) return { exitCode: 1, lines: [`${file}: no such file`] };
    policy = await readPolicyFile(file);
    what = file;
  }
  const lines = policy.problems.map(formatProblem);
  const keys = POLICY_KEY_NAMES.filter((key) => key in policy.values || (key === 'settings' && hasLockedSettings(policy)));
  if (lines.length > 0) return { exitCode: 1, lines: [...lines, `${what}: ${lines.length} problem${lines.length === 1 ? '' : 's'}`] };
  return { exitCode: 0, lines: [`${what}: OK (${keys.length ? `sets ${keys.join(', ')}` : 'sets no key'})`] };
}

function hasLockedSettings(policy: ValidatedPolicy): boolean {
  return Object.keys(policy.values).some((key) => !(POLICY_KEY_NAMES as string[]).includes(key));
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    // reported to IT as "no such file"
    return false;
  }
}
