/**
 * The machine's whole policy: the JSON file (every OS) and, where IT manages machines through the
 * system, the Windows registry (Group Policy / Intune ADMX) or macOS managed preferences (a profile).
 * A key set by the system wins over the same key in the file, since that is what the GPO or MDM console
 * shows IT; every source's problems are reported, each under its source's name.
 */
import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { readPolicyFile, policyFilePath, toPolicy, type Policy } from './load-policy';
import { MANAGED_PREFERENCES_FILE, readManagedPreferences } from './macos-managed-preferences';
import { documentFromRegistry } from './managed-values';
import { validatePolicyDocument, type PolicyProblem, type ValidatedPolicy } from './validate-policy';
import { POLICY_REGISTRY_KEY, readRegistryPolicy, type RunCommand } from './windows-registry';

export interface MachinePolicyOptions {
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  run?: RunCommand;
  fileExists?: (file: string) => Promise<boolean>;
  /** the JSON file; by default the machine-wide path for the platform */
  policyFile?: string;
}

export async function loadMachinePolicy(options: MachinePolicyOptions = {}): Promise<Policy> {
  return toPolicy(await readMachinePolicy(options));
}

export async function readMachinePolicy(options: MachinePolicyOptions = {}): Promise<ValidatedPolicy> {
  const { platform = process.platform, env = process.env, run = runCommand, fileExists = exists } = options;
  const file = await readPolicyFile(options.policyFile ?? policyFilePath(platform, env));
  // SWITCHBOARD_POLICY_FILE is for testing one file: the machine's managed policy would blur the test.
  if (env.SWITCHBOARD_POLICY_FILE) return file;
  const managed = await readSystemPolicy(platform, run, fileExists);
  return { values: { ...file.values, ...managed.values }, problems: [...file.problems, ...managed.problems] };
}

async function readSystemPolicy(platform: NodeJS.Platform, run: RunCommand, fileExists: (file: string) => Promise<boolean>): Promise<ValidatedPolicy> {
  const source = platform === 'win32' ? POLICY_REGISTRY_KEY : MANAGED_PREFERENCES_FILE;
  try {
    if (platform === 'win32') {
      const { document, problems } = documentFromRegistry(await readRegistryPolicy(run), source);
      const validated = validatePolicyDocument(document, source);
      return { values: validated.values, problems: [...problems, ...validated.problems] };
    }
    if (platform === 'darwin') return validatePolicyDocument(await readManagedPreferences(run, fileExists), source);
    return { values: {}, problems: [] };
  } catch (error) {
    // The app must start even when the system's policy cannot be read; the problem is shown in Settings.
    const problem: PolicyProblem = { source, key: null, message: `cannot be read (${(error as Error).message}); ignored` };
    return { values: {}, problems: [problem] };
  }
}

const runCommand: RunCommand = (file, args) =>
  new Promise((resolve) => {
    execFile(file, args, { windowsHide: true, timeout: 10_000, maxBuffer: 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr: stderr || (error && typeof error.code !== 'number' ? error.message : '') });
    });
  });

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    // absent or unreadable: treated as no profile installed
    return false;
  }
}
