import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../../server/db/migrations/index';
import { databaseAt, insertItem } from './helpers';

function plan(db: ReturnType<typeof databaseAt>, sql: string, ...params: unknown[]): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('; ');
}

describe('migration 004: partial item indexes', () => {
  it('keeps items and indexes only rows with a campaign or a conversation', () => {
    const db = databaseAt(3);
    insertItem(db, 'wi_plain');
    insertItem(db, 'wi_chat', { conversationId: 'conv_1' });
    insertItem(db, 'wi_dial', { campaignId: 'cmp_1' });
    migrate(db, 4);
    expect(schemaVersion(db)).toBe(4);
    expect(db.prepare(`SELECT count(*) AS n FROM items`).get()).toEqual({ n: 3 });
    const count = (index: string) => (db.prepare(`SELECT count(*) AS n FROM items INDEXED BY ${index} WHERE ${index === 'items_campaign' ? 'campaignId' : 'conversationId'} IS NOT NULL`).get() as { n: number }).n;
    expect(count('items_campaign')).toBe(1);
    expect(count('items_conversation')).toBe(1);
  });

  it('still serves the campaign and conversation lookups from those indexes', () => {
    const db = databaseAt(4);
    expect(plan(db, `SELECT count(*) FROM items WHERE campaignId = ? AND state = 'inqueue'`, 'cmp_1')).toMatch(/USING (COVERING )?INDEX items_campaign/);
    expect(plan(db, `SELECT DISTINCT agentUsername FROM items WHERE +tenant = ? AND conversationId = ? AND +agentUsername IS NOT NULL`, 'default', 'conv_1')).toMatch(
      /USING INDEX items_conversation/,
    );
  });
});
