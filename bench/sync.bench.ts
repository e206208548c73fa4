/**
 * Initial sync of 100,000 items from the real platform: sign-in → snapshot (GET /v1/sync/items, keyset
 * pages of 5,000, each item checked at the boundary and written to the cache in bulk mode, the next page
 * fetched meanwhile; indexes and full-text index built at the end) → online, timed from the signIn call
 * to the `online` connectionChanged event, through the desktop core's own API.
 *
 * Seeding: the platform's SQLite store is filled before the platform starts, in one transaction through
 * its own ItemStore (server/store/items.ts) — 100,000 final (dispositioned/closed) items assigned to the
 * agent, so the router has nothing to route. The platform then runs as a child process (`server/cli.ts`),
 * as it would in production, so the platform and the desktop each get one of the two cores.
 *
 * Baseline, in the same run on the same items: a bare bulk insert — better-sqlite3, one transaction, one
 * prepared INSERT of each item's JSON into a bare table (WAL, as both stores are).
 *
 * Runnable alone: `npx tsx bench/sync.bench.ts`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createDesktopCore } from '../main/core';
import type { WorkItem } from '../common/workitem';
import { compare, runIfMain, startPlatformProcess, timeMs, type BenchResult } from './bench-kit';
import { seedPlatformStore, writeAliceConfig } from './seeded-platform';
import { syntheticItems } from './synthetic-items';


const ITEMS = Number(process.env.BENCH_SYNC_ITEMS ?? 100_000);
/** Set from measured runs: see `about`. */
const TARGET_RATIO = 8;

/** The bare way to store the same rows: one transaction, one prepared INSERT, each item as JSON. */
function bareBulkInsertMs(file: string, items: WorkItem[]): number {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE items (workitemId TEXT PRIMARY KEY, version INTEGER NOT NULL, data TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO items (workitemId, version, data) VALUES (?, ?, ?)');
    return timeMs(() =>
      db.transaction(() => {
        for (const item of items) insert.run(item.workitemId, item.version, JSON.stringify(item));
      })(),
    );
  } finally {
    db.close();
  }
}

export default async function run(): Promise<BenchResult[]> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-sync-bench-'));
  const { platformDir, configFile } = writeAliceConfig(root);
  const desktopDir = path.join(root, 'desktop');
  const items = syntheticItems(ITEMS, { agentUsername: 'alice', states: ['dispositioned', 'closed'] });
  // The bare insert runs before and after the rest, into fresh files; the baseline is the mean of the two,
  // so a neighbour's load that comes or goes during the minute this takes weighs on both sides.
  const bareBefore = bareBulkInsertMs(path.join(root, 'bare-before.db'), items);
  const seedMs = seedPlatformStore(platformDir, items);
  const platform = await startPlatformProcess(configFile);
  const core = await createDesktopCore({ dataDir: desktopDir, platformUrl: platform.url });
  try {
    const online = new Promise<number>((resolve) => {
      core.subscribe((event, payload) => {
        if (event === 'connectionChanged' && (payload as { state: string }).state === 'online') resolve(performance.now());
      });
    });
    const started = performance.now();
    const signIn = await core.invoke('signIn', { username: 'alice', password: 'alice-pw' });
    if (!signIn.ok) throw new Error(signIn.error.message);
    const syncMs = (await online) - started;
    const inbox = await core.invoke('listInbox', { rows: 1 });
    const cached = inbox.ok ? (inbox.value as { total: number }).total : -1;
    if (cached !== ITEMS) throw new Error(`the cache holds ${cached} items, expected ${ITEMS}`);
    const bareMs = (bareBefore + bareBulkInsertMs(path.join(root, 'bare-after.db'), items)) / 2;
    return [
      compare({ name: `sync: initial sync of ${ITEMS} items (sign-in → snapshot → online)`, value: Math.round(syncMs), unit: 'ms', baseline: Math.round(bareMs), target: { atMost: TARGET_RATIO } }),
      compare({ name: `sync: seeding the platform store with ${ITEMS} items (setup: ItemStore, one transaction)`, value: Math.round(seedMs), unit: 'ms', baseline: Math.round(bareMs) }),
    ];
  } finally {
    await core.close();
    await platform.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

export const about = `
The real platform as its own process holding ${ITEMS.toLocaleString('en')} final items for the agent (seeded through its
ItemStore in one transaction before it starts); a fresh desktop core signs in, takes the snapshot
(\`GET /v1/sync/items\`, keyset pages of 5,000, each item validated at the boundary and written to the cache
in bulk mode while the next page is fetched; indexes and full-text index built at the end) and goes online —
timed from \`signIn\` to the \`online\` event. **Baseline**: the same ${ITEMS.toLocaleString('en')} items stored the bare
way — better-sqlite3, one transaction, one prepared INSERT of each item's JSON — in the same run, before and
after the sync (the mean of the two). The sync
does that insert's work twice (the platform reads, the desktop writes) plus HTTP, validation, the query
columns and the full-text index, on two processes: target at most ${TARGET_RATIO}× the bare insert (the cache's own
bulk write alone is ≈ 2.5× it in bench/cache.bench.ts, the platform's ItemStore ≈ 2–3.5×; development runs
gave 6.1 and 9.8, the absolute time ≈ 36 s on the loaded machine against ≈ 3.5 s on a quiet one). The
seeding row (the platform's ItemStore against the same bare insert) is report-only.
`;

runIfMain(import.meta.url, run);
