/**
 * A platform with one agent (alice, queue `support`) whose store is filled before it starts: the setup the
 * desktop benchmarks that sync a large history share.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { WorkItem } from '../common/workitem';
import { closeDatabase, openDatabase } from '../server/db/database';
import { ItemStore, NO_ROUTE } from '../server/store/items';
import { timeMs } from './bench-kit';

export interface SeededPlatformFiles {
  platformDir: string;
  configFile: string;
}

/** Writes the platform config under `root`: loopback on a free port, alice serving `support`. */
export function writeAliceConfig(root: string): SeededPlatformFiles {
  const platformDir = path.join(root, 'platform');
  const configFile = path.join(root, 'config.json');
  fs.writeFileSync(
    configFile,
    JSON.stringify({
      listen: { host: '127.0.0.1', port: 0 },
      dataDir: platformDir,
      agents: [{ username: 'alice', password: 'alice-pw', queues: ['support'] }],
      queues: [{ id: 'support', name: 'Support' }],
    }),
  );
  return { platformDir, configFile };
}

/** Stores `items` in the platform's own store under `dataDir`, in one transaction; returns its ms. */
export function seedPlatformStore(dataDir: string, items: readonly WorkItem[]): number {
  const db = openDatabase(dataDir);
  try {
    const store = new ItemStore(db, 'default');
    return timeMs(() =>
      db.transaction(() => {
        for (const item of items) store.insert({ item, route: NO_ROUTE, parentId: null, campaignId: null, archived: false });
      })(),
    );
  } finally {
    closeDatabase(db);
  }
}
