/**
 * "Save diagnostics" through the real core: the zip (read back with Info-ZIP's unzip) holds the logs,
 * versions, settings, policy and the last call-quality figures, and no secret from any of them.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDesktopCore, type DesktopCore } from '../../../../../main/core';
import { lastCallQuality } from '../../../../../main/core/diagnostics/diagnostics-bundle';
import { redactLogText, redactSecrets } from '../../../../../main/core/diagnostics/redact';
import { createZip } from '../../../../../main/core/diagnostics/zip-writer';
import { tempDir } from '../fixtures';

const SECRETS = ['turn-s3cret', 'sip-pa55word', 'bearer-t0ken', 'proxy-pa55'];
const quality = (callId: string, mosAverage: number, time: number) =>
  JSON.stringify({ level: 30, time, component: 'softphone', callQuality: { callId, workitemId: 'wi_1', samples: 12, mosAverage, mosMin: 3.9, rttMaxMs: 40, jitterMaxMs: 5, lossMaxPercent: 0.2 }, msg: 'call quality' });

describe('Save diagnostics', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: DesktopCore;

  beforeEach(async () => {
    tmp = tempDir('sb-diagnostics-');
    // An older rotated log with calls and secrets in places pino's redaction does not know.
    mkdirSync(path.join(tmp.dir, 'logs'), { recursive: true });
    writeFileSync(
      path.join(tmp.dir, 'logs', 'core.1.log'),
      [
        quality('call_1', 4.1, 1_000),
        JSON.stringify({ level: 40, time: 2_000, sip: { authorizationPassword: 'sip-pa55word' }, headers: { Authorization: 'Bearer bearer-t0ken' }, msg: 'retry' }),
        quality('call_2', 3.2, 3_000),
        'plain text line via http://agent:proxy-pa55@proxy.corp.example:3128',
        '',
      ].join('\n'),
    );
    core = await createDesktopCore({
      dataDir: tmp.dir,
      appVersion: '1.4.0',
      policy: {
        values: { platformUrl: 'https://switchboard.corp.example', iceServers: [{ urls: 'turns:turn.corp.example:5349', username: 'agents', credential: 'turn-s3cret' }] },
        locked: ['platformUrl', 'iceServers'],
        error: null,
      },
    });
  });
  afterEach(async () => {
    await core.close();
    tmp.remove();
  });

  it('writes a zip with logs, versions, settings, policy and the last call quality, and no secret', async () => {
    const result = await core.invoke('saveDiagnostics', {});
    if (!result.ok) throw new Error(result.error.message);
    const saved = result.value as { path: string; bytes: number; files: string[] };
    expect(path.dirname(saved.path)).toBe(path.join(tmp.dir, 'diagnostics'));
    expect(saved.files).toEqual(expect.arrayContaining(['README.txt', 'versions.json', 'settings.json', 'policy.json', 'call-quality.json', 'logs/core.1.log']));

    // unzip -t checks every entry's CRC; -Z1 lists the names
    expect(execFileSync('unzip', ['-t', saved.path], { encoding: 'utf8' })).toMatch(/No errors detected/);
    expect(execFileSync('unzip', ['-Z1', saved.path], { encoding: 'utf8' }).trim().split('\n').sort()).toEqual([...saved.files].sort());
    const entry = (name: string) => execFileSync('unzip', ['-p', saved.path, name], { encoding: 'utf8' });

    expect(JSON.parse(entry('versions.json'))).toMatchObject({ app: '1.4.0', node: process.versions.node, os: { platform: process.platform } });
    expect(JSON.parse(entry('policy.json'))).toMatchObject({ values: { platformUrl: 'https://switchboard.corp.example', iceServers: [{ username: 'agents', credential: '[redacted]' }] } });
    expect(JSON.parse(entry('settings.json'))).toMatchObject({ values: { iceServers: [{ credential: '[redacted]' }] }, locked: ['platformUrl', 'iceServers'] });
    expect(JSON.parse(entry('call-quality.json'))).toEqual([
      expect.objectContaining({ callId: 'call_1', mosAverage: 4.1, at: new Date(1_000).toISOString() }),
      expect.objectContaining({ callId: 'call_2', mosAverage: 3.2, rttMaxMs: 40, jitterMaxMs: 5, lossMaxPercent: 0.2 }),
    ]);
    expect(entry('logs/core.1.log')).toContain('"authorizationPassword":"[redacted]"');

    const everything = execFileSync('unzip', ['-p', saved.path], { encoding: 'utf8' });
    for (const secret of SECRETS) expect(everything, secret).not.toContain(secret);
    // the secrets really were in what the bundle was made from
    expect(readFileSync(path.join(tmp.dir, 'logs', 'core.1.log'), 'utf8')).toContain('sip-pa55word');
  });
});

describe('the pieces', () => {
  it('redacts by key at any depth and URL passwords in text', () => {
    expect(redactSecrets({ a: { password: 'x', list: [{ token: 'y' }] }, url: 'wss://u:p@h/x', keep: 'z' })).toEqual({ a: { password: '[redacted]', list: [{ token: '[redacted]' }] }, url: 'wss://u:[redacted]@h/x', keep: 'z' });
    expect(redactLogText('{"token":"t"}\nnot json http://a:b@c')).toBe('{"token":"[redacted]"}\nnot json http://a:[redacted]@c');
  });

  it('keeps the last twenty calls, oldest first', () => {
    const lines = Array.from({ length: 25 }, (_, index) => quality(`call_${index}`, 4, index * 1000)).reverse().join('\n');
    const calls = lastCallQuality([lines, '{"callQuality": torn']) as { callId: string }[];
    expect(calls.map((call) => call.callId)).toEqual(Array.from({ length: 20 }, (_, index) => `call_${index + 5}`));
  });

  it('writes a zip Info-ZIP reads back byte for byte', () => {
    const dir = tempDir('sb-zip-');
    try {
      const data = Buffer.from('x'.repeat(10_000) + 'é');
      const file = path.join(dir.dir, 'a.zip');
      writeFileSync(file, createZip([{ name: 'dir/data.txt', data }, { name: 'empty', data: Buffer.alloc(0) }], new Date(Date.UTC(2026, 11, 2, 7, 30))));
      expect(execFileSync('unzip', ['-p', file, 'dir/data.txt']).equals(data)).toBe(true);
      expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toMatch(/No errors detected/);
    } finally {
      dir.remove();
    }
  });
});
