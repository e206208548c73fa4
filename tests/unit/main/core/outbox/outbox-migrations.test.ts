/** outbox.db migration 2: a session stored by an older build opens, and the login's sip and ICE servers round-trip. */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { OUTBOX_MIGRATIONS } from '../../../../../main/core/outbox/migrations';
import { OutboxStore } from '../../../../../main/core/outbox/outbox-store';
import { migrate } from '../../../../../main/core/sqlite/migrate';
import { tempDir } from '../fixtures';

const agent = { username: 'alice', displayName: 'Alice Agent', scopes: ['workitems:read' as const], queues: ['support'] };
const sip = { wsUrl: 'wss://sip.example.org', uri: 'sip:alice@sip.example.org', authorizationUsername: '1:alice', authorizationPassword: 'pw', expiresAt: 1_900_000_000_000 };

describe('outbox.db migration 0002 (session credentials)', () => {
  let tmp: ReturnType<typeof tempDir> | null = null;
  afterEach(() => tmp?.remove());

  it('keeps a session stored at version 1, then stores and reads back sip and iceServers', () => {
    tmp = tempDir();
    const file = path.join(tmp.dir, 'outbox.db');
    const old = new Database(file);
    migrate(old, OUTBOX_MIGRATIONS, 1);
    old.prepare('INSERT INTO session (id, platformUrl, username, agent) VALUES (1, ?, ?, ?)').run('http://p', 'alice', JSON.stringify(agent));
    old.close();

    const store = OutboxStore.open(file);
    expect(store.getSession()).toEqual({ platformUrl: 'http://p', username: 'alice', agent });
    store.saveSession({ platformUrl: 'http://p', username: 'alice', agent, sip, iceServers: [{ urls: ['stun:s.example.org'] }] });
    expect(store.getSession()).toEqual({ platformUrl: 'http://p', username: 'alice', agent, sip, iceServers: [{ urls: ['stun:s.example.org'] }] });
    store.close();
  });

  it('reads a stored sip block this build cannot parse as absent', () => {
    tmp = tempDir();
    const file = path.join(tmp.dir, 'outbox.db');
    const store = OutboxStore.open(file);
    store.saveSession({ platformUrl: 'http://p', username: 'alice', agent, sip });
    store.close();
    const raw = new Database(file);
    raw.prepare(`UPDATE session SET sip = '{"wsUrl": 3}'`).run();
    raw.close();
    const reopened = OutboxStore.open(file);
    expect(reopened.getSession()).toEqual({ platformUrl: 'http://p', username: 'alice', agent });
    reopened.close();
  });
});
