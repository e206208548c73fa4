/** The core's log: JSON lines in <dataDir>/logs, written by pino through pino-roll; secrets redacted. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDesktopCore } from '../../../../main/core';
import { LOG_DIR, openCoreLog } from '../../../../main/core/log/core-log';
import { tempDir } from './fixtures';

function logLines(dataDir: string): Record<string, unknown>[] {
  const dir = path.join(dataDir, LOG_DIR);
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.log'))
    .flatMap((name) => fs.readFileSync(path.join(dir, name), 'utf8').split('\n'))
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('the core log', () => {
  let tmp: ReturnType<typeof tempDir> | null = null;
  afterEach(() => tmp?.remove());

  it('writes what the renderer reports, and the core starting and closing, to <dataDir>/logs', async () => {
    tmp = tempDir();
    const core = await createDesktopCore({ dataDir: tmp.dir });
    const reported = await core.invoke('reportError', { source: 'panel', where: 'Inbox', message: 'Cannot read properties of undefined', componentStack: 'at InboxList' });
    expect(reported).toEqual({ ok: true, value: { done: true } });
    expect(await core.invoke('reportError', { source: 'panel', where: 'Inbox' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    await core.close();

    const lines = logLines(tmp.dir);
    expect(lines.map((line) => line.msg)).toEqual(expect.arrayContaining(['core: started', 'renderer: panel Inbox: Cannot read properties of undefined', 'core: closed']));
    const report = lines.find((line) => String(line.msg).startsWith('renderer:'));
    expect(report).toMatchObject({ level: 50, renderer: { where: 'Inbox', componentStack: 'at InboxList' } });
  });

  it('never writes a password or token', async () => {
    tmp = tempDir();
    const opened = await openCoreLog(tmp.dir);
    opened.log.info({ password: 'pw-1', request: { password: 'pw-2', token: 'tok-1' }, sip: { authorizationPassword: 'sip-pw' } }, 'with secrets');
    await opened.close();
    const text = JSON.stringify(logLines(tmp.dir));
    for (const secret of ['pw-1', 'pw-2', 'tok-1', 'sip-pw']) expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
  });

  it('starts a new file past the size limit and keeps at most five', async () => {
    tmp = tempDir();
    const opened = await openCoreLog(tmp.dir, { rotateAtSize: '1k' });
    const line = 'x'.repeat(300);
    for (let i = 0; i < 40; i += 1) {
      opened.log.info({ i, line }, 'filler');
      // let the stream write and roll between lines, as a real core's lines are spread over time
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await opened.close();
    const logFiles = () => fs.readdirSync(path.join(tmp!.dir, LOG_DIR)).filter((name) => name.endsWith('.log'));
    // pino-roll removes the oldest files after each roll, asynchronously: wait for it to catch up.
    await expect.poll(() => logFiles().length, { timeout: 10_000 }).toBeLessThanOrEqual(5);
    const files = logFiles();
    expect(files.length).toBeGreaterThan(1);
    expect(files.every((name) => /^core\.\d+\.log$/.test(name))).toBe(true);
  });
});
