/**
 * Validates one policy document — the JSON file's object, or what the registry or a macOS profile holds,
 * once turned into the same shape — key by key, so each problem names its key and the keys that are fine
 * still apply.
 */
import type { z } from 'zod';
import { POLICY_KEY_NAMES, POLICY_KEYS, type PolicyKey } from './policy-schema';

/** One thing wrong with a policy source, by key (`key` is null when the source as a whole is wrong). */
export interface PolicyProblem {
  /** where the policy came from: `policy.json`, `HKLM\Software\Policies\Switchboard`, … */
  source: string;
  key: string | null;
  message: string;
  /** the message names the key itself (`unknown key "platformURL" …`, which Settings reads to mark the key) */
  messageNamesKey?: boolean;
}

export interface ValidatedPolicy {
  /** setting key → value; the top-level keys plus the entries of `settings` */
  values: Record<string, unknown>;
  problems: PolicyProblem[];
}

/** `policy.json: "iceServers[0].urls" must be a stun:/turn: URL` — the line Settings, the log and --check-policy print. */
export function formatProblem(problem: PolicyProblem): string {
  return problem.key === null || problem.messageNamesKey ? `${problem.source}: ${problem.message}` : `${problem.source}: "${problem.key}" ${problem.message}`;
}

export function isPolicyKey(key: string): key is PolicyKey {
  return Object.prototype.hasOwnProperty.call(POLICY_KEYS, key);
}

export function validatePolicyDocument(document: Record<string, unknown>, source: string): ValidatedPolicy {
  const values: Record<string, unknown> = {};
  const problems: PolicyProblem[] = [];
  for (const [key, raw] of Object.entries(document)) {
    if (!isPolicyKey(key)) {
      problems.push({ source, key, message: `unknown key "${key}" (known keys: ${POLICY_KEY_NAMES.join(', ')})`, messageNamesKey: true });
      continue;
    }
    const parsed = POLICY_KEYS[key].safeParse(raw);
    if (!parsed.success) {
      problems.push(...describeIssues(source, key, parsed.error));
      continue;
    }
    if (key === 'settings') {
      for (const [setting, value] of Object.entries(parsed.data as Record<string, unknown>)) {
        if (isPolicyKey(setting)) problems.push({ source, key: `settings.${setting}`, message: `must be given as the top-level key "${setting}"` });
        else values[setting] = value;
      }
    } else {
      values[key] = parsed.data;
    }
  }
  return { values, problems };
}

/** zod issues as problems keyed `iceServers[0].urls`, each said once. */
function describeIssues(source: string, key: string, error: z.ZodError): PolicyProblem[] {
  const seen = new Set<string>();
  const problems: PolicyProblem[] = [];
  for (const issue of error.issues) {
    const where = formatPath([key, ...issue.path]);
    const message =
      issue.code === 'unrecognized_keys'
        ? `has unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
        : issue.message;
    const problem = { source, key: where, message };
    const line = formatProblem(problem);
    if (!seen.has(line)) problems.push(problem);
    seen.add(line);
  }
  return problems;
}

function formatPath(segments: readonly PropertyKey[]): string {
  return segments.reduce<string>((text, segment) => (typeof segment === 'number' ? `${text}[${segment}]` : text ? `${text}.${String(segment)}` : String(segment)), '');
}
