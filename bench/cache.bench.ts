/**
 * The desktop cache with 100,000 items: an inbox page (filter + sort, 50 rows) and a full-text search,
 * through Cache.listInbox — the code the core's listInbox runs (common/query compilation, FTS5, count and
 * page, each row's JSON checked). Items are synthetic (bench/synthetic-items.ts: ~95 % history, as an
 * agent's cache is), written the way a first sync writes them. The query mix is what agents do: filter
 * by state, kind, agent, priority, change the sort; the searches are names, phone/email fragments,
 * ticket numbers. Each sample is a fresh query of the mix (the inbox reuses a filter's total while the
 * items are unchanged; a sample after a write recounts — the second row).
 *
 * Baselines, on the same database in the same run, sampled alternately with ours: the same query written
 * by hand for better-sqlite3 — a prepared `SELECT count(*)` and `SELECT data … ORDER BY … LIMIT 50` with
 * `JSON.parse` of each row (for search, the same over `items_fts MATCH`); for the load, a prepared INSERT
 * of the same items as JSON into a bare table in one transaction.
 *
 * Runnable alone: `npx tsx bench/cache.bench.ts`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Cache } from '../main/core/cache/cache';
import { openCacheDatabase } from '../main/core/cache/open-cache';
import Database from 'better-sqlite3';
import type { WorkItem } from '../common/workitem';
import { compare, percentile, runIfMain, timeMs, type BenchResult } from './bench-kit';
import { seededRandom, syntheticItems } from './synthetic-items';


const ITEMS = Number(process.env.BENCH_CACHE_ITEMS ?? 100_000);
const RUNS = 400;
const NOW = 1_760_000_000_000;

/**
 * What agents filter and sort the inbox by — states, kinds, their own items, priorities, recent first —
 * each beside the same filter written by hand as SQL.
 */
const INBOX_QUERIES: { query: { q?: string; sort?: string }; where: string; params: unknown[]; order?: string }[] = [
  { query: {}, where: '', params: [] },
  { query: { q: 'state:active' }, where: 'WHERE state = ?', params: ['active'] },
  { query: { q: 'state:offered OR state:active OR state:hold' }, where: 'WHERE state IN (?, ?, ?)', params: ['offered', 'active', 'hold'] },
  { query: { q: 'type:task AND state:inqueue' }, where: 'WHERE type = ? AND state = ?', params: ['task', 'inqueue'] },
  { query: { q: 'agentUsername:alice AND state:terminated' }, where: 'WHERE agentUsername = ? AND state = ?', params: ['alice', 'terminated'] },
  { query: { q: 'priority:[1 TO 2]' }, where: 'WHERE priority BETWEEN ? AND ?', params: [1, 2] },
  { query: { q: 'state:active', sort: 'createdAt desc' }, where: 'WHERE state = ?', params: ['active'], order: 'createdAt DESC, workitemId' },
  { query: { q: 'state:dispositioned' }, where: 'WHERE state = ?', params: ['dispositioned'] },
];
/** What agents type: a customer's name, part of a phone number or email, a ticket number, a topic. */
const SEARCHES = ['alice smith', 'okafor', 'tanaka hiro', 'greta.berg', '#10042', 'refund 1004', 'priya patel', 'warranty claim', 'kowalski', 'dubois rosa'];
const DEFAULT_ORDER = 'priority, createdAt, workitemId';

/** The bare way: hand-written SQL, prepared once, each row's JSON parsed. */
class BareQueries {
  private readonly statements = new Map<string, Database.Statement>();
  constructor(private readonly db: Database.Database) {}

  private prepared(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  page(where: string, params: unknown[], order = DEFAULT_ORDER): { total: number; items: unknown[] } {
    const total = this.prepared(`SELECT count(*) FROM items ${where}`).pluck().get(...params) as number;
    const rows = this.prepared(`SELECT data FROM items ${where} ORDER BY ${order} LIMIT 50`).pluck().all(...params) as string[];
    return { total, items: rows.map((row) => JSON.parse(row) as unknown) };
  }

  search(text: string): { total: number; items: unknown[] } {
    const match = (text.match(/[\p{L}\p{N}]+/gu) ?? []).map((word) => `"${word}"*`).join(' ');
    const total = this.prepared('SELECT count(*) FROM items_fts WHERE items_fts MATCH ?').pluck().get(match) as number;
    const rows = this.prepared(`SELECT data FROM items WHERE rowKey IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?) ORDER BY ${DEFAULT_ORDER} LIMIT 50`)
      .pluck()
      .all(match) as string[];
    return { total, items: rows.map((row) => JSON.parse(row) as unknown) };
  }
}

/** The same items stored the bare way: a prepared INSERT of each as JSON, one transaction. */
function bareLoadMs(dir: string, items: WorkItem[]): number {
  const db = new Database(path.join(dir, 'bare.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE items (workitemId TEXT PRIMARY KEY, version INTEGER NOT NULL, data TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO items (workitemId, version, data) VALUES (?, ?, ?)');
    return timeMs(() => db.transaction(() => {
      for (const item of items) insert.run(item.workitemId, item.version, JSON.stringify(item));
    })());
  } finally {
    db.close();
  }
}

export default async function run(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-cache-bench-'));
  const cache = new Cache(openCacheDatabase(path.join(dir, 'cache.db')).db);
  try {
    const items = syntheticItems(ITEMS, { now: NOW });
    const bareMs = bareLoadMs(dir, items);
    // As a first sync writes them: pages of 500 in bulk mode, then one full-text rebuild.
    const loadMs = timeMs(() => {
      cache.beginBulkLoad();
      for (let i = 0; i < items.length; i += 500) cache.upsertItems(items.slice(i, i + 500));
      cache.endBulkLoad();
    });
    cache.db.pragma('optimize');
    const bare = new BareQueries(cache.db);
    const random = seededRandom(7);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];

    const ours: Record<'inbox' | 'search' | 'afterWrite', number[]> = { inbox: [], search: [], afterWrite: [] };
    const theirs: Record<'inbox' | 'search' | 'afterWrite', number[]> = { inbox: [], search: [], afterWrite: [] };
    /** One sample each, ours and bare alternately first, so a noisy neighbour slows both alike. */
    const pair = (kind: keyof typeof ours, i: number, oursFn: () => void, bareFn: () => void) => {
      if (i % 2 === 0) {
        ours[kind].push(timeMs(oursFn));
        theirs[kind].push(timeMs(bareFn));
      } else {
        theirs[kind].push(timeMs(bareFn));
        ours[kind].push(timeMs(oursFn));
      }
    };

    for (let i = 0; i < 50; i++) {
      const mix = pick(INBOX_QUERIES);
      cache.listInbox({ ...mix.query, rows: 50, start: 0 }, NOW);
      bare.page(mix.where, mix.params, mix.order);
    }
    for (let i = 0; i < RUNS; i++) {
      const mix = pick(INBOX_QUERIES);
      pair('inbox', i, () => cache.listInbox({ ...mix.query, rows: 50, start: 0 }, NOW), () => bare.page(mix.where, mix.params, mix.order));
    }
    for (let i = 0; i < 20; i++) {
      const text = pick(SEARCHES);
      cache.listInbox({ text, rows: 50, start: 0 }, NOW);
      bare.search(text);
    }
    for (let i = 0; i < RUNS; i++) {
      const text = pick(SEARCHES);
      pair('search', i, () => cache.listInbox({ text, rows: 50, start: 0 }, NOW), () => bare.search(text));
    }
    // After every change the total is counted again: measure that path too.
    for (let i = 0; i < 100; i++) {
      cache.upsertItem({ ...items[i], version: items[i].version + 1 + i, subject: `changed ${i}` });
      const mix = pick(INBOX_QUERIES);
      pair('afterWrite', i, () => cache.listInbox({ ...mix.query, rows: 50, start: 0 }, NOW), () => bare.page(mix.where, mix.params, mix.order));
    }
    const p95 = (samples: number[]) => Math.round(percentile(samples, 95) * 1000) / 1000;
    return [
      compare({ name: `cache: inbox page (filter + sort, 50 of ${ITEMS} items) p95`, value: p95(ours.inbox), unit: 'ms', baseline: p95(theirs.inbox), target: { atMost: 2 } }),
      compare({ name: 'cache: inbox page right after an item changed (total recounted) p95', value: p95(ours.afterWrite), unit: 'ms', baseline: p95(theirs.afterWrite), target: { atMost: 2 } }),
      compare({ name: `cache: full-text search (${ITEMS} items, 50 rows) p95`, value: p95(ours.search), unit: 'ms', baseline: p95(theirs.search), target: { atMost: 2 } }),
      compare({ name: `cache: write ${ITEMS} items (upsert by version, query columns, FTS)`, value: Math.round(loadMs), unit: 'ms', baseline: Math.round(bareMs) }),
    ];
  } finally {
    cache.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const about = `
${ITEMS.toLocaleString('en')} synthetic items (bench/synthetic-items.ts: ~95 % history) in the desktop cache (SQLite,
FTS5), loaded as a first sync loads them (pages of 500 in bulk mode, one full-text rebuild). **Inbox page**:
\`Cache.listInbox\` (query language, sort, 50 rows, total) over a mix of agents' filters; **search**: names,
phone/email fragments, ticket numbers. **Baseline**: the same filter or search written by hand — a prepared
\`SELECT count(*)\` and \`SELECT data … ORDER BY … LIMIT 50\` with \`JSON.parse\` of each row (search over
\`items_fts MATCH\`) on the same database, sampled alternately with ours. Targets: p95 at most twice the
hand-written query's. The first row may come out under 1: the inbox reuses a filter's total while nothing
changed, the bare query counts every time; the second row (after a write) recounts on both sides. The load
row is report-only: ours extracts the query columns, keeps versions and builds the full-text index, the
baseline only inserts the JSON.
`;

runIfMain(import.meta.url, run);
