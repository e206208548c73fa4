/**
 * The desktop core's loop — the one that runs SIP signalling, the platform's event stream and IPC — while
 * a first sync of 100,000 items runs: its event-loop delay (perf_hooks.monitorEventLoopDelay, 1 ms
 * resolution, in this process, which is the core's) from sign-in to online. The cache lives on the
 * database thread (main/core/db), so a ring or a SIP answer should never wait more than a few ms.
 *
 * Baseline, in the same run against the same platform: the cache on the loop — the same pages fetched
 * the same way (GET /v1/sync/items, 5,000 items a page), each parsed and inserted with a bare synchronous
 * better-sqlite3 transaction on this loop, as the core did before the database thread.
 *
 * The platform runs as its own process (as in production; seeded before it starts through its own
 * ItemStore), so only the desktop's work is on this loop.
 *
 * Runnable alone: `npx tsx bench/signalling-loop.bench.ts`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { createDesktopCore } from '../main/core';
import { PlatformClient } from '../main/core/platform/http-client';
import { SYNC_PAGE_LIMIT } from '../main/core/sync/sync-engine';
import type { WorkItem } from '../common/workitem';
import { compare, runIfMain, startPlatformProcess, type BenchResult } from './bench-kit';
import { seedPlatformStore, writeAliceConfig } from './seeded-platform';
import { syntheticItems } from './synthetic-items';

const ITEMS = Number(process.env.BENCH_LOOP_ITEMS ?? 100_000);
/** The requirement: a ring waits at most this long behind the cache, whatever the machine. */
const TARGET_P99_MS = 10;

const PageSchema = z.object({ nextCursor: z.string().nullable(), items: z.array(z.object({ workitemId: z.string(), version: z.number() }).loose()) });

type LoopDelay = { p99: number; max: number };

/** Measures this loop's delay from `start` to `stop`: p99 and max in ms. */
function loopDelayMonitor(): { start(): void; stop(): LoopDelay } {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  return {
    start: () => histogram.enable(),
    stop() {
      histogram.disable();
      return { p99: histogram.percentile(99) / 1e6, max: histogram.max / 1e6 };
    },
  };
}

/** The cache on the loop: each page fetched, parsed and inserted synchronously here, one transaction a page. */
async function syncOnTheLoop(platformUrl: string, file: string): Promise<LoopDelay> {
  const client = new PlatformClient(platformUrl);
  client.setToken((await client.login('alice', 'alice-pw')).token);
  const db = new Database(file);
  const monitor = loopDelayMonitor();
  try {
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE items (workitemId TEXT PRIMARY KEY, version INTEGER NOT NULL, data TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO items (workitemId, version, data) VALUES (?, ?, ?)');
    const writePage = db.transaction((items: { workitemId: string; version: number }[]) => {
      for (const item of items) insert.run(item.workitemId, item.version, JSON.stringify(item));
    });
    let after: string | undefined;
    let written = 0;
    monitor.start();
    do {
      const page = PageSchema.parse(JSON.parse(await client.syncItems({ after, limit: SYNC_PAGE_LIMIT })));
      writePage(page.items);
      written += page.items.length;
      after = page.nextCursor ?? undefined;
    } while (after !== undefined);
    const delay = monitor.stop();
    if (written !== ITEMS) throw new Error(`the baseline wrote ${written} items, expected ${ITEMS}`);
    return delay;
  } finally {
    db.close();
  }
}

/** The same measure with nothing to do for 3 s: what the machine's load alone costs the loop. */
async function idleLoop(): Promise<LoopDelay> {
  const monitor = loopDelayMonitor();
  monitor.start();
  await new Promise((resolve) => setTimeout(resolve, 3000));
  return monitor.stop();
}

/** The desktop core's own first sync, sign-in → snapshot (on the database thread) → online, measured from sign-in to online. */
async function syncThroughTheCore(platformUrl: string, dataDir: string): Promise<LoopDelay> {
  const core = await createDesktopCore({ dataDir, platformUrl });
  const monitor = loopDelayMonitor();
  try {
    const online = new Promise<void>((resolve) => {
      core.subscribe((event, payload) => {
        if (event === 'connectionChanged' && (payload as { state: string }).state === 'online') resolve();
      });
    });
    monitor.start();
    const signIn = await core.invoke('signIn', { username: 'alice', password: 'alice-pw' });
    if (!signIn.ok) throw new Error(signIn.error.message);
    await online;
    const delay = monitor.stop();
    const inbox = await core.invoke('listInbox', { rows: 1 });
    const cached = inbox.ok ? (inbox.value as { total: number }).total : -1;
    if (cached !== ITEMS) throw new Error(`the cache holds ${cached} items, expected ${ITEMS}`);
    return delay;
  } finally {
    await core.close();
  }
}

export default async function run(): Promise<BenchResult[]> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-loop-bench-'));
  const { platformDir, configFile } = writeAliceConfig(root);
  seedPlatformStore(platformDir, syntheticItems(ITEMS, { agentUsername: 'alice', states: ['dispositioned', 'closed'] }));
  const platform = await startPlatformProcess(configFile);
  try {
    const idle = await idleLoop();
    const bare = await syncOnTheLoop(platform.url, path.join(root, 'bare.db'));
    const ours = await syncThroughTheCore(platform.url, path.join(root, 'desktop'));
    const ms = (n: number) => Math.round(n * 10) / 10;
    return [
      compare({ name: `core loop: event-loop delay p99 during a ${ITEMS}-item first sync`, value: ms(ours.p99), unit: 'ms', baseline: ms(bare.p99), target: { valueAtMost: TARGET_P99_MS } }),
      compare({ name: `core loop: longest event-loop delay during a ${ITEMS}-item first sync`, value: ms(ours.max), unit: 'ms', baseline: ms(bare.max) }),
      compare({ name: 'core loop: event-loop delay p99 of an idle loop (this machine\'s scheduling noise)', value: ms(idle.p99), unit: 'ms' }),
    ];
  } finally {
    await platform.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

export const about = `
The desktop core's loop (SIP signalling, the platform's event stream, IPC) during a first sync of
${ITEMS.toLocaleString('en')} items from the real platform (its own process, seeded through its ItemStore): the event-loop
delay of this process, the core's, measured with \`perf_hooks.monitorEventLoopDelay\` (1 ms resolution) from
\`signIn\` to the \`online\` event (the core already started). The cache and the outbox live on the database thread (main/core/db): the
loop fetches each 5,000-item page and hands its text over; the thread parses and writes it. **Baseline**: the
cache on the loop, as before — the same pages fetched the same way, each parsed and inserted by a bare
synchronous better-sqlite3 transaction on this loop. Target: p99 at most ${TARGET_P99_MS} ms (a ring or a SIP
answer waits no longer than that), the figure itself rather than a ratio. The longest delay is report-only:
it includes single hiccups (a garbage collection, the first JIT of a path). So is the idle loop's p99 (3 s
with nothing to do): on a machine whose cores are shared with other busy processes, the OS's scheduling
alone delays the loop, and the sync adds two busy threads (the database thread, the platform) to compete
with it — read the first row against that floor.
`;

runIfMain(import.meta.url, run);
