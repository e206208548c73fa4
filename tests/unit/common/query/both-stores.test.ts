/**
 * One compiler serves the desktop cache and the platform, so the same query must find the same items in
 * both: this loads one set of items into the real cache (its migrations, its inbox query) and the real
 * platform store (its migrations, its page query) and compares the ids, for every form of the language.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWorkItem } from '../../../../common/lifecycle';
import { compileQuery, compileSort } from '../../../../common/query/index';
import { PRIORITIES } from '../../../../common/vocabulary';
import type { WorkItem } from '../../../../common/workitem';
import { Cache } from '../../../../main/core/cache/cache';
import { openCacheDatabase } from '../../../../main/core/cache/open-cache';
import { migrate } from '../../../../server/db/migrations/index';
import { ItemStore, NO_ROUTE } from '../../../../server/store/items';
import { tempDir } from '../../main/core/fixtures';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 21, 12, 0);
const STATES = ['inqueue', 'active', 'hold', 'terminated'] as const;
const SUBJECTS = ['Billing dispute', 'billing question', 'Password reset', 'Test run', 'Text me', 'Refund 100%_off', null];
const NAMES = ['Ann Jackson', 'Bob Stone', 'Cara Johnson', null];

function items(): WorkItem[] {
  return Array.from({ length: 40 }, (_, i) => ({
    ...newWorkItem({ workitemId: `wi_${String(i).padStart(3, '0')}`, type: 'task', createdAt: NOW - i * 3_600_000, createdBy: 'system' }),
    state: STATES[i % STATES.length],
    priority: PRIORITIES[i % PRIORITIES.length],
    queueId: i % 2 === 0 ? 'q_sales' : 'q_support',
    subject: SUBJECTS[i % SUBJECTS.length],
    description: i % 3 === 0 ? `note ${i}` : null,
    contact: { name: NAMES[i % NAMES.length], phone: `+1555000${i}`, email: i % 4 === 0 ? `c${i}@example.com` : null },
    dueAt: i % 2 === 0 ? NOW + (i - 20) * DAY / 4 : null,
  }));
}

describe('the same query finds the same items on the desktop cache and the platform', () => {
  let tmp: ReturnType<typeof tempDir>;
  let cache: Cache;
  let platformDb: Database.Database;
  let platform: ItemStore;

  beforeAll(() => {
    tmp = tempDir();
    cache = new Cache(openCacheDatabase(`${tmp.dir}/cache.db`).db);
    platformDb = new Database(':memory:');
    migrate(platformDb);
    platform = new ItemStore(platformDb, 'default');
    for (const item of items()) {
      cache.upsertItem(item);
      platform.insert({ item, route: NO_ROUTE, parentId: null, campaignId: null, archived: false });
    }
  });
  afterAll(() => {
    cache.close();
    platformDb.close();
    tmp.remove();
  });

  const onCache = (q: string) => cache.listInbox({ q, rows: 500, start: 0 }, NOW).items.map((i) => i.workitemId).sort();
  const onPlatform = (q: string) => {
    const where = compileQuery(q, { now: NOW });
    return platform.page(where.sql, where.params, compileSort(undefined), 500, 0).items.map((i) => i.workitemId).sort();
  };

  it.each([
    'state:(active OR hold)',
    'state:(active || hold) && !queueId:q_sales',
    '+billing -state:terminated',
    'NOT state:inqueue',
    'priority:<=2',
    'priority:>3',
    'priority:[2 TO 5]',
    'priority:{2 TO 5}',
    'dueAt:<now+1d',
    'dueAt:>=now-2d',
    '_exists_:description',
    '-_exists_:contact.email',
    'te?t',
    '*son',
    'subject:*ing*',
    'subject:bill*',
    'contact.name:*son',
    '"billing question"',
    'subject:"Refund 100%_off"',
    '100%_off',
  ])('%s', (q) => {
    const found = onCache(q);
    expect(found.length, 'the fixture should make this case meaningful').toBeGreaterThan(0);
    expect(found.length).toBeLessThan(40);
    expect(onPlatform(q)).toEqual(found);
  });
});
