/**
 * MDM's side of the policy on macOS: a configuration profile (deploy/policy/macos) whose payload type is
 * the app's domain makes macOS write the keys to /Library/Managed Preferences/org.switchboard.desktop.plist,
 * which only root can change. The file may be binary or XML; `plutil` (always present) prints it as JSON.
 * The reader is thin; the parsing of its output is tested on a recorded sample.
 */
import { z } from 'zod';
import type { RunCommand } from './windows-registry';

export const MANAGED_PREFERENCES_DOMAIN = 'org.switchboard.desktop';
export const MANAGED_PREFERENCES_FILE = `/Library/Managed Preferences/${MANAGED_PREFERENCES_DOMAIN}.plist`;

const PlistDictionary = z.record(z.string(), z.unknown(), { error: 'is not a property list dictionary' });

/** plutil's JSON → the policy keys; Apple's `Payload…` bookkeeping keys are not policy. */
export function parseManagedPreferences(json: string): Record<string, unknown> {
  const dictionary = PlistDictionary.parse(JSON.parse(json));
  return Object.fromEntries(Object.entries(dictionary).filter(([key]) => !key.startsWith('Payload')));
}

/** The managed keys; no profile installed (no file) is an empty object. */
export async function readManagedPreferences(run: RunCommand, fileExists: (file: string) => Promise<boolean>): Promise<Record<string, unknown>> {
  if (!(await fileExists(MANAGED_PREFERENCES_FILE))) return {};
  const result = await run('/usr/bin/plutil', ['-convert', 'json', '-o', '-', MANAGED_PREFERENCES_FILE]);
  if (result.code !== 0) {
    throw new Error(`plutil could not read ${MANAGED_PREFERENCES_FILE} (${result.code}): ${(result.stderr || result.stdout).trim()}`);
  }
  return parseManagedPreferences(result.stdout);
}
