import { describe, expect, it } from 'vitest';
import { LATEST_VERSION, migrate, schemaVersion } from '../../../../../server/db/migrations/index';
import { databaseAt, insertItem } from './helpers';

describe('migration 003: campaigns', () => {
  it('keeps items and messages, adds campaignId (null for old items) and the campaign tables', () => {
    const db = databaseAt(2);
    insertItem(db, 'wi_old');
    db.prepare(`INSERT INTO messages (messageId, conversation, workitemId, fromSide, author, text, at) VALUES ('m1', 'c1', 'wi_old', 'customer', 'Cu', 'hi', 5)`).run();
    migrate(db, 3);
    expect(schemaVersion(db)).toBe(3);
    expect(db.prepare(`SELECT campaignId FROM items WHERE workitemId = 'wi_old'`).get()).toEqual({ campaignId: null });
    expect(db.prepare(`SELECT count(*) AS n FROM messages`).get()).toEqual({ n: 1 });
    db.prepare(`INSERT INTO campaigns (campaignId, tenant, name, queueId, state, total, createdBy, createdAt) VALUES ('cmp_1', 'default', 'C', 'sales', 'created', 1, 'admin', 1)`).run();
    db.prepare(`INSERT INTO campaign_entries (campaignId, idx, phone) VALUES ('cmp_1', 0, '+14155550123')`).run();
    expect(() => db.prepare(`UPDATE campaigns SET state = 'paused'`).run()).toThrow(/CHECK/);
  });

  it('is the latest; migrating again is a no-op and a newer database is refused', () => {
    const db = databaseAt(LATEST_VERSION);
    expect(migrate(db)).toBe(LATEST_VERSION);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    expect(() => migrate(db)).toThrow(/newer than this platform/);
  });
});
