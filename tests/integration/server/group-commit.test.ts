/**
 * Group commit with durable answers (issue 7, "Nothing lost means power-safe"): the platform commits with
 * synchronous=FULL, so each commit costs an fsync, and it keeps its throughput by letting every change that
 * arrives while a commit is pending join that commit. These tests hold the commit back — as a slow disk
 * does — through the platform's commit policy, and check what the client sees meanwhile:
 * - no answer leaves before the commit that holds its change, and until then another connection to the
 *   database does not see the change either;
 * - requests that arrive while a commit is pending share that one commit (counted, not timed);
 * - the commit itself does not wait for the disk (SQLite at synchronous=NORMAL): the WAL is fsynced
 *   afterwards, off the event loop, and these tests hold that fsync open (as a slow disk would) through
 *   the platform's `syncWal` seam: a committed change is neither answered nor published until an fsync
 *   that started after its commit has finished, while the platform keeps serving (the next changes
 *   gather for the commit that follows that fsync).
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommitPolicy, OpenBatch } from '../../../server/service/core';
import { DATABASE_FILE } from '../../../server/db/database';
import { ApiClient, EventStream, sleep, startTestPlatform, type TestPlatform } from './helpers';

/** Commits at once until told to hold; held commits wait for release(), as behind a slow fsync. */
class HeldCommits implements CommitPolicy {
  holding = false;
  readonly held: Array<{ commit: () => void; batch: OpenBatch }> = [];
  /** the number of changes each commit carried, in order */
  readonly commits: number[] = [];

  schedule(commit: () => void, batch: OpenBatch): void {
    if (this.holding) this.held.push({ commit, batch });
    else setImmediate(commit);
  }

  committed(changes: number): void {
    this.commits.push(changes);
  }

  release(): void {
    this.holding = false;
    for (const { commit } of this.held.splice(0)) commit();
  }
}

/** The WAL's fsync: done at once until told to hold; held ones finish in order when released. */
class HeldSyncs {
  holding = false;
  /** fsyncs begun so far */
  started = 0;
  private readonly held: Array<() => void> = [];

  readonly sync = (): Promise<void> => {
    this.started++;
    if (!this.holding) return Promise.resolve();
    return new Promise((resolve) => this.held.push(resolve));
  };

  get pending(): number {
    return this.held.length;
  }

  /** Lets the oldest held fsync finish (later ones stay held while `holding`). */
  finishOldest(): void {
    this.held.shift()?.();
  }
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await sleep(10);
  if (!condition()) throw new Error(`gave up waiting for ${what}`);
}

let platform: TestPlatform | undefined;
afterEach(async () => {
  await platform?.close();
  platform = undefined;
});

describe('group commit', () => {
  it('answers a change only after the commit that holds it', async () => {
    const policy = new HeldCommits();
    platform = await startTestPlatform({ platform: { commitPolicy: policy } });
    const sup = await ApiClient.login(platform.url, 'sup');
    const onDisk = new Database(path.join(platform.dataDir, DATABASE_FILE), { readonly: true });
    const countOnDisk = () => (onDisk.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
    try {
      expect(countOnDisk()).toBe(0);
      policy.holding = true;
      let answered = false;
      const creating = sup.createItem({ type: 'task', queueId: 'support', subject: 'call Mrs Okafor back' }).then((res) => {
        answered = true;
        return res;
      });
      await until(() => policy.held.length === 1 && policy.held[0].batch.changes === 1, 'the change to wait for its commit');
      // The change is made but not committed: nobody may hear of it yet.
      await sleep(200);
      expect(answered).toBe(false);
      expect(countOnDisk()).toBe(0);

      policy.release();
      const res = await creating;
      expect(res.status).toBe(201);
      expect(countOnDisk()).toBe(1);
      expect(onDisk.prepare('SELECT workitemId FROM items').pluck().get()).toBe(res.body.workitemId);
    } finally {
      onDisk.close();
    }
  });

  it('lets requests that arrive while a commit is pending share that one commit', async () => {
    const policy = new HeldCommits();
    platform = await startTestPlatform({ platform: { commitPolicy: policy } });
    const sup = await ApiClient.login(platform.url, 'sup');
    const REQUESTS = 20;
    policy.holding = true;
    const before = policy.commits.length;
    let answered = 0;
    const creating = Array.from({ length: REQUESTS }, (_, i) =>
      sup.createItem({ type: 'task', queueId: 'support', subject: `task ${i}` }).then((res) => {
        answered++;
        return res;
      }),
    );
    await until(() => policy.held.length === 1 && policy.held[0].batch.changes === REQUESTS, `all ${REQUESTS} changes to join the pending commit`);
    // Nobody is answered while their commit is pending, however long it takes.
    await sleep(100);
    expect(answered).toBe(0);

    policy.release();
    const responses = await Promise.all(creating);
    expect(responses.map((r) => r.status)).toEqual(Array<number>(REQUESTS).fill(201));
    expect(new Set(responses.map((r) => r.body.workitemId)).size).toBe(REQUESTS);
    // One commit (one fsync) carried every request's change (and the router's pass, which joins it).
    expect(policy.commits.length).toBeGreaterThan(before);
    expect(policy.commits[before]).toBeGreaterThanOrEqual(REQUESTS);
  });

  it('answers and publishes a committed change only after the fsync that follows its commit', async () => {
    const syncs = new HeldSyncs();
    platform = await startTestPlatform({ platform: { syncWal: syncs.sync } });
    const sup = await ApiClient.login(platform.url, 'sup');
    const stream = await EventStream.of(sup);
    const onDisk = new Database(path.join(platform.dataDir, DATABASE_FILE), { readonly: true });
    const countOnDisk = () => (onDisk.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
    const created = () => stream.events.filter((e) => e.type === 'workitem.created').map((e) => e.workitem?.subject);
    try {
      syncs.holding = true;
      const answered: string[] = [];
      const create = (subject: string) =>
        sup.createItem({ type: 'task', queueId: 'support', subject }).then((res) => {
          answered.push(subject);
          return res;
        });

      const first = create('first');
      // Committed (another connection reads it) and its fsync begun, but that fsync has not finished.
      await until(() => countOnDisk() === 1 && syncs.pending === 1, 'the first change to be committed and its fsync begun');
      // The platform keeps serving meanwhile; a change made now could not be answered before another
      // fsync anyway, so it waits in the open transaction, gathering others, until the disk is free.
      const second = create('second');
      await sleep(100);
      expect(countOnDisk()).toBe(1);
      expect(answered).toEqual([]);
      expect(created()).toEqual([]);

      syncs.finishOldest();
      expect((await first).status).toBe(201);
      await until(() => created().length === 1, 'the first change to be published');
      // Now the second commits, and its own fsync begins; until that one ends it is not acknowledged.
      await until(() => countOnDisk() === 2 && syncs.pending === 1, 'the second change to be committed and its fsync begun');
      await sleep(100);
      expect(answered).toEqual(['first']);
      expect(created()).toEqual(['first']);

      syncs.holding = false;
      syncs.finishOldest();
      expect((await second).status).toBe(201);
      await until(() => created().length === 2, 'the second change to be published');
      expect(created()).toEqual(['first', 'second']);
    } finally {
      onDisk.close();
      await stream.close();
    }
  });

  it('refuses to acknowledge changes once an fsync has failed', async () => {
    let fail = false;
    platform = await startTestPlatform({ platform: { syncWal: () => (fail ? Promise.reject(new Error('EIO: i/o error, fdatasync')) : Promise.resolve()) } });
    const sup = await ApiClient.login(platform.url, 'sup');
    expect((await sup.createItem({ type: 'task', queueId: 'support', subject: 'before' })).status).toBe(201);
    fail = true;
    const failed = await sup.createItem({ type: 'task', queueId: 'support', subject: 'lost?' });
    // 503 UNAVAILABLE with Retry-After, never a bare 500: the client retries (here later, or at another node).
    expect(failed.status).toBe(503);
    expect(failed.body.error?.code).toBe('UNAVAILABLE');
    expect(failed.headers.get('retry-after')).toBe('1');
    // The disk is no longer trusted: a later change is not acknowledged either, even if an fsync would pass.
    fail = false;
    const later = await sup.createItem({ type: 'task', queueId: 'support', subject: 'after' });
    expect(later.status).toBe(503);
  });
});
