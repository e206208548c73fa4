/**
 * The system-managed policy readers: `reg query` output (Windows, Group Policy) and plutil's JSON of the
 * managed preferences plist (macOS, MDM). Neither tool runs here, so the samples in fixtures/ are written in
 * their output formats (reg.exe: four-space separated NAME TYPE DATA, REG_MULTI_SZ joined by a literal \0;
 * plutil -convert json: the plist as one JSON object) and fed through the real parsing and validation.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMachinePolicy } from '../../../../main/policy/machine-policy';
import { MANAGED_PREFERENCES_FILE, parseManagedPreferences } from '../../../../main/policy/macos-managed-preferences';
import { documentFromRegistry } from '../../../../main/policy/managed-values';
import { parseRegQuery, POLICY_REGISTRY_KEY, type RunCommand } from '../../../../main/policy/windows-registry';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');
const regQuery = fixture('reg-query.txt');
const plutilJson = fixture('plutil-managed-preferences.json');

const expectedValues = {
  platformUrl: 'https://switchboard.corp.example',
  updatesDisabled: false,
  updateRolloutPercentage: 25,
  updateChannel: 'beta',
  featuresDisabled: ['chat', 'sms'],
  iceServers: [{ urls: 'turns:turn.corp.example:5349', username: 'agents', credential: 's3cret' }],
  ringerDevice: 'default',
};

/** A fake of running reg.exe / plutil: the one thing that cannot run here. */
function fakeRun(answers: Record<string, { code: number; stdout: string; stderr: string }>): RunCommand & { calls: string[] } {
  const calls: string[] = [];
  const run = async (file: string, args: string[]) => {
    calls.push([file, ...args].join(' '));
    const answer = answers[file];
    if (!answer) throw new Error(`unexpected command ${file}`);
    return answer;
  };
  return Object.assign(run, { calls });
}

const noFile = { SWITCHBOARD_POLICY_FILE: undefined, ProgramData: '/nonexistent-programdata' };

describe('Windows registry policy', () => {
  it('parses reg query output into typed values', () => {
    const values = parseRegQuery(regQuery);
    expect(values.updatesDisabled).toEqual({ type: 'REG_DWORD', data: '0x0' });
    expect(values.featuresDisabled).toEqual({ type: 'REG_MULTI_SZ', data: 'chat\\0sms' });
    expect(values).not.toHaveProperty('(Default)');
    expect(Object.keys(values)).toHaveLength(7);
  });

  it('reads HKLM\\Software\\Policies\\Switchboard as the same policy as the JSON file would give', async () => {
    const run = fakeRun({ 'reg.exe': { code: 0, stdout: regQuery, stderr: '' } });
    const policy = await loadMachinePolicy({ platform: 'win32', env: noFile, run });
    expect(run.calls).toEqual([`reg.exe query ${POLICY_REGISTRY_KEY}`]);
    expect(policy.error).toBeNull();
    expect(policy.values).toEqual(expectedValues);
    expect(policy.locked.sort()).toEqual(Object.keys(expectedValues).sort());
  });

  it('names the registry value that is wrong and keeps the rest', () => {
    const { document, problems } = documentFromRegistry(
      {
        updatesDisabled: { type: 'REG_SZ', data: 'yes' },
        updateRolloutPercentage: { type: 'REG_DWORD', data: '0x2' },
        iceServers: { type: 'REG_SZ', data: '[{"urls": ' },
        featuresDisabled: { type: 'REG_SZ', data: 'chat' },
      },
      POLICY_REGISTRY_KEY,
    );
    expect(document).toEqual({ updateRolloutPercentage: 2 });
    expect(problems.map((problem) => `${problem.key}: ${problem.message}`)).toEqual([
      'updatesDisabled: must be a REG_DWORD (found REG_SZ)',
      expect.stringMatching(/^iceServers: is not valid JSON/),
      'featuresDisabled: must be a REG_MULTI_SZ, one entry a line (found REG_SZ)',
    ]);
  });

  it('reports a value out of range and an unknown value name by key, under the registry key', async () => {
    const output = `\r\n${POLICY_REGISTRY_KEY}\r\n    updateRolloutPercentage    REG_DWORD    0x96\r\n    platformURL    REG_SZ    https://x.example\r\n    updateChannel    REG_SZ    latest\r\n`;
    const policy = await loadMachinePolicy({ platform: 'win32', env: noFile, run: fakeRun({ 'reg.exe': { code: 0, stdout: output, stderr: '' } }) });
    expect(policy.values).toEqual({ updateChannel: 'latest' });
    expect(policy.error).toContain(`${POLICY_REGISTRY_KEY}: "updateRolloutPercentage" must be a whole number from 0 to 100`);
    expect(policy.error).toContain(`${POLICY_REGISTRY_KEY}: unknown key "platformURL"`);
  });

  it('treats a missing key as no policy, and any other failure as a reported problem (the app still starts)', async () => {
    const missing = { code: 1, stdout: '', stderr: 'ERROR: The system was unable to find the specified registry key or value.\r\n' };
    expect(await loadMachinePolicy({ platform: 'win32', env: noFile, run: fakeRun({ 'reg.exe': missing }) })).toEqual({ values: {}, locked: [], error: null });
    const denied = { code: 1, stdout: '', stderr: 'ERROR: Access is denied.' };
    const policy = await loadMachinePolicy({ platform: 'win32', env: noFile, run: fakeRun({ 'reg.exe': denied }) });
    expect(policy.values).toEqual({});
    expect(policy.error).toMatch(/^HKLM\\Software\\Policies\\Switchboard: cannot be read \(.*Access is denied.*\); ignored$/);
  });
});

describe('macOS managed preferences', () => {
  it('parses plutil JSON, leaving out the profile bookkeeping keys', () => {
    const keys = Object.keys(parseManagedPreferences(plutilJson));
    expect(keys).not.toContain('PayloadUUID');
    expect(keys).toContain('platformUrl');
    expect(() => parseManagedPreferences('[1]')).toThrow(/dictionary/);
  });

  it('reads the managed domain as the same policy as the JSON file would give', async () => {
    const run = fakeRun({ '/usr/bin/plutil': { code: 0, stdout: plutilJson, stderr: '' } });
    const policy = await loadMachinePolicy({ platform: 'darwin', env: noFile, run, fileExists: async (file) => file === MANAGED_PREFERENCES_FILE });
    expect(run.calls).toEqual([`/usr/bin/plutil -convert json -o - ${MANAGED_PREFERENCES_FILE}`]);
    expect(policy).toEqual({ values: expectedValues, locked: Object.keys(expectedValues).sort(), error: null });
  });

  it('without a profile there is no managed policy and plutil is not run', async () => {
    const run = fakeRun({});
    expect(await loadMachinePolicy({ platform: 'darwin', env: noFile, run, fileExists: async () => false })).toEqual({ values: {}, locked: [], error: null });
    expect(run.calls).toEqual([]);
  });
});

describe('the managed policy beside the JSON file', () => {
  it('lets the system-managed value win per key and keeps the file\'s other keys and problems', async () => {
    const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
    const os = await import('node:os');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sb-machine-policy-'));
    try {
      const policyFile = path.join(dir, 'policy.json');
      await writeFile(policyFile, JSON.stringify({ platformUrl: 'https://file.example', sipWsUrl: 'wss://sip.file.example', updateChannel: 'nightly' }));
      const output = `\r\n${POLICY_REGISTRY_KEY}\r\n    platformUrl    REG_SZ    https://gpo.example\r\n`;
      const policy = await loadMachinePolicy({ platform: 'win32', env: {}, policyFile, run: fakeRun({ 'reg.exe': { code: 0, stdout: output, stderr: '' } }) });
      expect(policy.values).toEqual({ platformUrl: 'https://gpo.example', sipWsUrl: 'wss://sip.file.example' });
      expect(policy.error).toMatch(/^policy\.json: "updateChannel" must be one of/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
