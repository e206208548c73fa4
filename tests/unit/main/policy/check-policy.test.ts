/** The policy check IT runs: every problem printed by key, a non-zero exit on any, through the real CLI too. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPolicy, findCheckPolicyRequest } from '../../../../main/policy/check-policy';

const root = path.resolve(import.meta.dirname, '../../../..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'sb-check-policy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const target = path.join(dir, name);
  writeFileSync(target, content);
  return target;
}

const good = file('good.json', JSON.stringify({ platformUrl: 'https://switchboard.corp.example', updateRolloutPercentage: 20, settings: { ringerDevice: 'default' } }));
const bad = file(
  'bad.json',
  JSON.stringify({ platformURL: 'https://x.example', updateChannel: 'nightly', iceServers: [{ urls: 'http://turn.example' }], updateRolloutPercentage: 101, sipWsUrl: 'wss://ok.example' }),
);

describe('findCheckPolicyRequest', () => {
  it.each([
    [['--check-policy', 'p.json'], { file: 'p.json' }],
    [['.', '--check-policy=C:\\policy.json'], { file: 'C:\\policy.json' }],
    [['--check-policy'], { file: null }],
    [['--check-policy', '--no-sandbox'], { file: null }],
    [['--platform', 'x'], null],
  ])('%j → %j', (argv, expected) => {
    expect(findCheckPolicyRequest(argv)).toEqual(expected);
  });
});

describe('checkPolicy', () => {
  it('passes a good file and says what it sets', async () => {
    expect(await checkPolicy(good)).toEqual({ exitCode: 0, lines: [`${good}: OK (sets platformUrl, updateRolloutPercentage, settings)`] });
  });

  it('names every bad key of a bad file, and fails', async () => {
    const result = await checkPolicy(bad);
    expect(result.exitCode).toBe(1);
    expect(result.lines).toEqual([
      expect.stringMatching(/^bad\.json: unknown key "platformURL" \(known keys: /),
      'bad.json: "updateChannel" must be one of latest, beta, alpha',
      'bad.json: "iceServers[0].urls" must be a stun:/turn: URL',
      'bad.json: "updateRolloutPercentage" must be a whole number from 0 to 100',
      `${bad}: 4 problems`,
    ]);
  });

  it('fails a file that is missing or not JSON', async () => {
    expect(await checkPolicy(path.join(dir, 'absent.json'))).toEqual({ exitCode: 1, lines: [`${path.join(dir, 'absent.json')}: no such file`] });
    const result = await checkPolicy(file('broken.json', '{"platformUrl": '));
    expect(result.exitCode).toBe(1);
    expect(result.lines[0]).toMatch(/^broken\.json: not valid JSON/);
  });

  it('without a file checks the machine policy as the app reads it', async () => {
    const result = await checkPolicy(null, { platform: 'linux', env: { SWITCHBOARD_POLICY_FILE: bad } });
    expect(result.exitCode).toBe(1);
    expect(result.lines.at(-1)).toBe("this machine's policy: 4 problems");
  });
});

describe('npm run check-policy (browser mode, no Electron)', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'main/policy/check-policy-cli.ts', ...args], { cwd: root, encoding: 'utf8' });

  it('exits 0 on a good file and 1 with the problems on stderr on a bad one', () => {
    const ok = run(good);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('OK (sets platformUrl');
    const failed = run(bad);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('bad.json: "updateChannel" must be one of latest, beta, alpha');
    expect(failed.stderr).toContain('4 problems');
  });
});
