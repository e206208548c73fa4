import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBrowserModeArgs } from '../../../../main/browser/cli';
import { startTestPlatform, type TestPlatform } from '../../../integration/server/helpers';

const root = path.resolve(import.meta.dirname, '../../../..');

describe('parseBrowserModeArgs', () => {
  it('reads the documented flags', () => {
    const args = parseBrowserModeArgs(['--platform', 'http://127.0.0.1:8080', '--data-dir', '/tmp/sb', '--user', 'alice', '--password', 'pw', '--port', '4100'], {});
    expect(args).toMatchObject({ platformUrl: 'http://127.0.0.1:8080', dataDir: '/tmp/sb', username: 'alice', password: 'pw', port: 4100 });
  });

  it('takes the password from SWITCHBOARD_PASSWORD, keeping it out of the process list', () => {
    expect(parseBrowserModeArgs(['--user', 'alice'], { SWITCHBOARD_PASSWORD: 'pw' })).toMatchObject({ username: 'alice', password: 'pw' });
  });

  it('refuses bad combinations with a message', () => {
    expect(() => parseBrowserModeArgs(['--port', 'http'], {})).toThrow(/--port/);
    expect(() => parseBrowserModeArgs(['--port', '70000'], {})).toThrow(/--port/);
    expect(() => parseBrowserModeArgs(['--user', 'alice'], {})).toThrow(/--password/);
    expect(() => parseBrowserModeArgs(['--password', 'pw'], {})).toThrow(/--user/);
    expect(() => parseBrowserModeArgs(['--bogus'], {})).toThrow();
  });
});

describe('browser-mode CLI', () => {
  let platform: TestPlatform;
  let dir: string;
  beforeAll(async () => {
    platform = await startTestPlatform();
    dir = await mkdtemp(path.join(os.tmpdir(), 'sb-cli-'));
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>Switchboard</title>');
  });
  afterAll(async () => {
    await platform.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('signs in, prints the URL with the token, serves only with it, and stops on SIGTERM', { timeout: 60_000 }, async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'main/browser/cli.ts', '--platform', platform.url, '--data-dir', path.join(dir, 'data'), '--user', 'alice', '--renderer', dir],
      { cwd: root, env: { ...process.env, SWITCHBOARD_PASSWORD: 'alice-pw', SWITCHBOARD_POLICY_FILE: path.join(dir, 'no-policy.json') }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 45_000);
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          const match = /Switchboard \(browser mode\): open (http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]{22}\/\?token=\S+)/.exec(output);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.once('exit', () => reject(new Error(`exited early:\n${output}`)));
      });
      expect(output).not.toContain('sign-in as alice failed');
      const origin = new URL(url).origin;
      const base = new URL(url).pathname;
      expect((await fetch(`${origin}/`)).status).toBe(404);
      expect((await fetch(`${origin}${base}`)).status).toBe(403);
      const first = await fetch(url, { redirect: 'manual' });
      expect(first.status).toBe(303);
      const cookie = first.headers.get('set-cookie')!.split(';')[0];
      const page = await fetch(`${origin}${base}`, { headers: { cookie } });
      expect(await page.text()).toContain('<title>Switchboard</title>');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
