/** Shared helpers for the desktop core's unit tests: temp dirs and work items. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newWorkItem, type NewWorkItemInit } from '../../../../common/lifecycle';
import type { Cache } from '../../../../main/core/cache/cache';
import { CacheApi } from '../../../../main/core/cache/cache-api';
import type { RemoteCache, RemoteOutboxStore, RemoteSnapshotPages } from '../../../../main/core/db/protocol';
import { SnapshotPages } from '../../../../main/core/sync/snapshot-pages';
import type { OutboxStore } from '../../../../main/core/outbox/outbox-store';
import type { WorkItem } from '../../../../common/workitem';

export function tempDir(prefix = 'sb-core-'): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

let counter = 0;
export function makeItem(overrides: Partial<NewWorkItemInit> = {}): WorkItem {
  counter += 1;
  return newWorkItem({
    workitemId: `wi_test${counter}`,
    type: 'task',
    createdAt: 1_700_000_000_000 + counter,
    createdBy: 'system',
    ...overrides,
  });
}

/**
 * The database-thread API of a cache and an outbox store opened on this thread: the same classes the
 * database thread serves (main/core/db), each call answered by promise, so unit tests of the outbox and
 * the sync engine keep a synchronous handle on the files to assert against.
 */
export function onThisThread(cache: Cache, store: OutboxStore): { cache: RemoteCache; store: RemoteOutboxStore } {
  return { cache: cacheOnThisThread(cache).cache, store: answeringLater(store) as RemoteOutboxStore };
}

export function cacheOnThisThread(cache: Cache): { cache: RemoteCache; snapshot: RemoteSnapshotPages } {
  const api = new CacheApi(cache);
  return { cache: answeringLater(api) as RemoteCache, snapshot: answeringLater(new SnapshotPages(api)) as RemoteSnapshotPages };
}

function answeringLater(target: object): unknown {
  return new Proxy(
    {},
    {
      get: (_empty, name) => (...args: unknown[]) =>
        Promise.resolve().then(() => structuredClone((target as Record<string | symbol, (...a: unknown[]) => unknown>)[name](...structuredClone(args)))),
    },
  );
}
