/**
 * Opening the desktop's two SQLite files, on the database thread: outbox.db first (a damaged outbox fails
 * the start: it may hold actions nobody else has), then cache.db (a damaged cache is moved aside and
 * rebuilt, open-cache.ts), and a full-text index a crash left unbuilt is rebuilt.
 */
import { Cache } from '../cache/cache';
import { openCacheDatabase, type CacheOpenReport } from '../cache/open-cache';
import { OutboxStore } from '../outbox/outbox-store';
import type { DatabaseFiles } from './protocol';

export type OpenDatabaseFiles = {
  cache: Cache;
  store: OutboxStore;
  report: CacheOpenReport;
  repairedFullText: boolean;
  close(): void;
};

export function openDatabaseFiles(files: DatabaseFiles): OpenDatabaseFiles {
  const store = OutboxStore.open(files.outboxFile);
  let cache: Cache;
  let report: CacheOpenReport;
  try {
    const opened = openCacheDatabase(files.cacheFile);
    cache = new Cache(opened.db);
    report = opened.report;
  } catch (error) {
    store.close();
    throw error;
  }
  const repairedFullText = cache.repairDeferredFts();
  return {
    cache,
    store,
    report,
    repairedFullText,
    close() {
      try {
        cache.close();
      } finally {
        store.close();
      }
    },
  };
}
