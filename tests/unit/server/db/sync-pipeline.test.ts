/**
 * The order in which commits become durable: each waits for an fsync that started after it, at most one
 * fsync runs at a time, completions come in commit order, and a failed fsync fails every commit after it.
 */
import { describe, expect, it } from 'vitest';
import { SyncPipeline } from '../../../../server/db/sync-pipeline';

/** fsyncs that finish only when the test says so */
function heldSyncs() {
  const held: Array<{ resolve(): void; reject(err: Error): void }> = [];
  return {
    held,
    sync: () => new Promise<void>((resolve, reject) => held.push({ resolve, reject })),
  };
}

/** lets the pipeline's promise callbacks run */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('SyncPipeline', () => {
  it('calls a commit durable only after an fsync that began after it, one fsync at a time', async () => {
    const disk = heldSyncs();
    const pipeline = new SyncPipeline(disk.sync);
    const durable: string[] = [];
    const commit = (name: string) => pipeline.afterCommit(() => durable.push(name), () => durable.push(`${name} failed`));

    commit('a');
    expect(disk.held).toHaveLength(1);
    // b and c commit while a's fsync runs: it cannot cover them, and no second fsync runs beside it.
    commit('b');
    commit('c');
    expect(disk.held).toHaveLength(1);

    disk.held[0].resolve();
    await settle();
    expect(durable).toEqual(['a']);
    // One fsync, begun now, serves both.
    expect(disk.held).toHaveLength(2);

    disk.held[1].resolve();
    await settle();
    expect(durable).toEqual(['a', 'b', 'c']);
    expect(disk.held).toHaveLength(2);
  });

  it('calls commits durable at once when there is nothing to sync (synchronous = normal)', () => {
    const pipeline = new SyncPipeline(null);
    const durable: string[] = [];
    pipeline.afterCommit(() => durable.push('a'), () => durable.push('a failed'));
    expect(durable).toEqual(['a']);
  });

  it('fails the commits an fsync was for, those waiting behind it, and every later one', async () => {
    const disk = heldSyncs();
    const pipeline = new SyncPipeline(disk.sync);
    const outcome: string[] = [];
    const commit = (name: string) => pipeline.afterCommit(() => outcome.push(`${name} durable`), () => outcome.push(`${name} failed`));

    commit('a');
    commit('b');
    disk.held[0].reject(new Error('EIO'));
    await settle();
    expect(outcome).toEqual(['a failed', 'b failed']);

    commit('c');
    expect(outcome).toEqual(['a failed', 'b failed', 'c failed']);
    // No fsync is even tried once the disk has failed.
    expect(disk.held).toHaveLength(1);
  });

  it('holds work for when no fsync runs, after the running one has made its commits durable', async () => {
    const disk = heldSyncs();
    const pipeline = new SyncPipeline(disk.sync);
    const order: string[] = [];
    pipeline.whenFree(() => order.push('idle at once'));
    pipeline.afterCommit(() => order.push('a durable'), () => order.push('a failed'));
    pipeline.whenFree(() => order.push('idle after a'));
    expect(order).toEqual(['idle at once']);

    disk.held[0].resolve();
    await settle();
    expect(order).toEqual(['idle at once', 'a durable', 'idle after a']);
  });

  it('with two fsyncs at once, calls commits durable in order once an fsync begun after them ends', async () => {
    const disk = heldSyncs();
    const pipeline = new SyncPipeline(disk.sync, 2);
    const durable: string[] = [];
    const commit = (name: string) => pipeline.afterCommit(() => durable.push(name), () => durable.push(`${name} failed`));

    commit('a');
    commit('b');
    // Two slots: b's fsync begins at once, beside a's; c waits for a slot.
    expect(disk.held).toHaveLength(2);
    commit('c');
    expect(disk.held).toHaveLength(2);

    // b's fsync ends first: it began after a's commit too, so both are durable, in commit order.
    disk.held[1].resolve();
    await settle();
    expect(durable).toEqual(['a', 'b']);
    // c gets the free slot.
    expect(disk.held).toHaveLength(3);

    // a's slower fsync ending changes nothing for c, whose commit came after it began.
    disk.held[0].resolve();
    await settle();
    expect(durable).toEqual(['a', 'b']);
    disk.held[2].resolve();
    await settle();
    expect(durable).toEqual(['a', 'b', 'c']);
  });
});
