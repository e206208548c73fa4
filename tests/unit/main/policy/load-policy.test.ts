import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy, parsePolicy, policyFilePath } from '../../../../main/policy/load-policy';
import { POLICY_KEY_NAMES } from '../../../../main/policy/policy-schema';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sb-policy-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function policyFile(content: string | Buffer): Promise<string> {
  const file = path.join(dir, `policy-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, content);
  return file;
}

describe('policyFilePath', () => {
  it('is machine-wide per OS and overridable for tests', () => {
    expect(policyFilePath('linux', {})).toBe('/etc/switchboard/policy.json');
    expect(policyFilePath('darwin', {})).toBe('/Library/Application Support/Switchboard/policy.json');
    expect(policyFilePath('win32', { ProgramData: 'D:\\ProgramData' })).toBe('D:\\ProgramData\\Switchboard\\policy.json');
    expect(policyFilePath('win32', {})).toBe('C:\\ProgramData\\Switchboard\\policy.json');
    expect(policyFilePath('linux', { SWITCHBOARD_POLICY_FILE: '/tmp/p.json' })).toBe('/tmp/p.json');
  });
});

describe('loadPolicy', () => {
  it('applies and locks every valid key', async () => {
    const file = await policyFile(
      JSON.stringify({
        platformUrl: 'https://switchboard.corp.example',
        sipWsUrl: 'wss://sip.corp.example:8443',
        iceServers: [{ urls: ['stun:stun.corp.example:3478', 'turns:turn.corp.example:5349'], username: 'u', credential: 'c' }],
        updateChannel: 'beta',
        updatesDisabled: false,
        updateUrl: 'https://updates.corp.example/switchboard',
        featuresDisabled: ['chat', 'conference'],
        settings: { ringerDevice: 'default', autoAnswer: false },
      }),
    );
    const policy = await loadPolicy(file);
    expect(policy.error).toBeNull();
    expect(policy.values).toMatchObject({ platformUrl: 'https://switchboard.corp.example', updateChannel: 'beta', ringerDevice: 'default', autoAnswer: false });
    expect(policy.locked.sort()).toEqual(
      ['platformUrl', 'sipWsUrl', 'iceServers', 'updateChannel', 'updatesDisabled', 'updateUrl', 'featuresDisabled', 'ringerDevice', 'autoAnswer'].sort(),
    );
  });

  it('means no policy when the file is absent', async () => {
    expect(await loadPolicy(path.join(dir, 'missing', 'policy.json'))).toEqual({ values: {}, locked: [], error: null });
  });

  it('names the bad key and still applies the good ones', async () => {
    const policy = await loadPolicy(await policyFile(JSON.stringify({ platformUrl: 'https://ok.example', iceServers: [{ urls: 'http://turn.example' }] })));
    expect(policy.error).toMatch(/^policy-\w+\.json: "iceServers\[0\]\.urls" must be a stun:\/turn: URL$/);
    expect(parsePolicy(JSON.stringify({ iceServers: [{ urls: 'http://turn.example' }] })).error).toBe('policy.json: "iceServers[0].urls" must be a stun:/turn: URL');
    expect(policy.values).toEqual({ platformUrl: 'https://ok.example' });
    expect(policy.locked).toEqual(['platformUrl']);
  });

  it.each([
    [{ platformUrl: 'ftp://x' }, '"platformUrl" must be an http(s): URL'],
    [{ sipWsUrl: 'https://sip.example' }, '"sipWsUrl" must be a ws(s): URL'],
    [{ iceServers: 'stun:x' }, '"iceServers" must be a list'],
    [{ iceServers: [{ urls: 'turn:x', user: 'a' }] }, '"iceServers[0]" has unknown key "user"'],
    [{ updateChannel: 'nightly' }, '"updateChannel" must be one of latest, beta, alpha'],
    [{ updatesDisabled: 'yes' }, '"updatesDisabled" must be true or false'],
    [{ updateUrl: 'http://insecure.example' }, '"updateUrl" must be an https: URL'],
    [{ featuresDisabled: ['chat', 'teleport'] }, '"featuresDisabled[1]" must be one of'],
    [{ platformURL: 'https://x.example' }, 'unknown key "platformURL"'],
    [{ settings: { platformUrl: 'https://x.example' } }, '"settings.platformUrl" must be given as the top-level key'],
    [{ settings: { 'bad key!': 1 } }, '"settings.bad key!"'],
  ])('reports %j clearly', (document, message) => {
    const policy = parsePolicy(JSON.stringify(document));
    expect(policy.error).toContain(`policy.json: ${message}`);
    expect(policy.locked).toEqual([]);
  });

  it('survives broken files with a message, never a throw', async () => {
    expect((await loadPolicy(await policyFile('{"platformUrl": '))).error).toMatch(/^policy-.*\.json: not valid JSON/);
    expect(parsePolicy('[1,2]').error).toBe('policy.json: must be a JSON object of policy keys; ignored');
    expect(parsePolicy('null').error).toMatch(/must be a JSON object/);
    expect((await loadPolicy(await policyFile(Buffer.alloc(300 * 1024, 32)))).error).toMatch(/larger than/);
    expect((await loadPolicy(dir)).error).toMatch(/cannot be read/);
  });

  it('accepts a UTF-8 byte-order mark (Windows Notepad)', async () => {
    const policy = await loadPolicy(await policyFile(`\uFEFF${JSON.stringify({ updatesDisabled: true })}`));
    expect(policy).toEqual({ values: { updatesDisabled: true }, locked: ['updatesDisabled'], error: null });
  });

  it('documents every key in docs/deployment.md', async () => {
    const { readFile } = await import('node:fs/promises');
    const doc = await readFile(path.join(import.meta.dirname, '../../../../docs/deployment.md'), 'utf8');
    for (const key of POLICY_KEY_NAMES) expect(doc, key).toContain(`\`${key}\``);
  });
});
