import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPERATION_NAMES } from '../../../../common/desktop-api';
import { createDesktopCore, type DesktopCore } from '../../../../main/core';
import { OutboxStore } from '../../../../main/core/outbox/outbox-store';
import { tempDir } from './fixtures';

describe('createDesktopCore (no platform needed)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: DesktopCore;
  const events: { name: string; payload: unknown }[] = [];

  beforeEach(async () => {
    tmp = tempDir();
    events.length = 0;
    core = await createDesktopCore({
      dataDir: tmp.dir,
      policy: { values: { platformUrl: 'http://127.0.0.1:1', updates: 'off' }, locked: ['platformUrl', 'updates'], error: null },
    });
    core.subscribe((name, payload) => events.push({ name, payload }));
  });
  afterEach(async () => {
    await core.close();
    tmp.remove();
  });

  it('rejects an unknown operation with NOT_FOUND', async () => {
    expect(await core.invoke('launchMissiles', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await core.invoke('__proto__', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('validates requests and reports field errors', async () => {
    const result = await core.invoke('hold', { workitemId: 'wi_1', hold: 'yes' });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: [{ path: 'hold' }] } });
    const extra = await core.invoke('getSession', { sneaky: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('answers every operation with a result, never a throw', async () => {
    for (const name of OPERATION_NAMES) {
      const result = await core.invoke(name, {});
      expect(result, name).toHaveProperty('ok');
    }
  });

  it('refuses actions while signed out and reports the signed-out connection', async () => {
    expect(await core.invoke('accept', { workitemId: 'wi_1' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await core.invoke('getConnection', {})).toMatchObject({ ok: true, value: { state: 'signed_out', pendingActions: 0 } });
    expect(await core.invoke('getSession', {})).toEqual({ ok: true, value: { agent: null, platformUrl: 'http://127.0.0.1:1', tokenInMemoryOnly: true } });
  });

  it('maps an unreachable platform at sign-in to OFFLINE', async () => {
    const result = await core.invoke('signIn', { username: 'alice', password: 'pw' });
    expect(result).toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
  });

  it('stores settings, applies the policy, and refuses to change a locked key', async () => {
    const set = await core.invoke('setSetting', { key: 'ringerVolume', value: 0.7 });
    expect(set).toMatchObject({ ok: true, value: { values: { ringerVolume: 0.7, platformUrl: 'http://127.0.0.1:1' }, locked: ['platformUrl', 'updates'] } });
    expect(events.some((e) => e.name === 'settingsChanged')).toBe(true);
    const locked = await core.invoke('setSetting', { key: 'updates', value: 'on' });
    expect(locked).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((locked as { error: { message: string } }).error.message).toContain('"updates"');
    expect(await core.invoke('getSettings', {})).toMatchObject({ ok: true, value: { values: { ringerVolume: 0.7, updates: 'off' } } });
  });

  it('lists the (empty) inbox locally and reports a malformed query', async () => {
    expect(await core.invoke('listInbox', {})).toEqual({ ok: true, value: { total: 0, start: 0, rows: 0, items: [] } });
    expect(await core.invoke('listInbox', { q: 'state:' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('rebuilds a damaged cache on start and keeps the outbox', async () => {
    await core.close();
    const store = OutboxStore.open(path.join(tmp.dir, 'outbox.db'));
    store.add({ idempotencyKey: 'k-1', username: 'alice', operation: 'accept', workitemId: 'wi_1', request: { workitemId: 'wi_1' }, beforeItem: null, placeholderId: null, createdAt: 1 });
    store.close();
    fs.writeFileSync(path.join(tmp.dir, 'cache.db'), Buffer.alloc(8192, 0x42));
    for (const s of ['-wal', '-shm']) fs.rmSync(path.join(tmp.dir, `cache.db${s}`), { force: true });
    core = await createDesktopCore({ dataDir: tmp.dir });
    expect(core.cacheReport.rebuilt).toBe(true);
    expect(core.cacheReport.problem).toMatch(/not a database/);
    const after = OutboxStore.open(path.join(tmp.dir, 'outbox.db'));
    expect(after.all().map((r) => r.idempotencyKey)).toEqual(['k-1']);
    after.close();
  });
});
