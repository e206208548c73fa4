/**
 * Durability (issue 3, "Events and durability"): the real server process is killed with SIGKILL under
 * load and restarted on the same dataDir. Every item whose POST was acknowledged exists with its last
 * acknowledged version or later, the event log has no gaps, and the deadlines that were pending (offer,
 * wrap-up, TTL, scheduled callback) fire after the restart as if nothing had happened.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PlatformEvent } from '../../../common/api';
import type { WorkItem } from '../../../common/workitem';
import {
  ApiClient,
  EventStream,
  itemEventually,
  itemIdOf,
  makeTempDir,
  ok,
  removeDir,
  sleep,
  startPlatformProcess,
  writeConfigFile,
  type PlatformProcess,
} from './helpers';

const LOAD_MS = 1_200;
const CREATORS = 6;

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
});

/** Highest version the server acknowledged for each item (a 2xx carrying the item). */
class Acknowledged {
  readonly versions = new Map<string, number>();
  record(item: WorkItem | undefined): void {
    if (!item?.workitemId) return;
    this.versions.set(item.workitemId, Math.max(this.versions.get(item.workitemId) ?? 0, item.version));
  }
}

async function presence(client: ApiClient) {
  return ok(await client.get('/v1/agents/me'), 'agents/me').presence;
}

describe('durability', () => {
  it('survives SIGKILL under load: no acknowledged item, event or deadline is lost', { timeout: 60_000 }, async () => {
    const dir = await makeTempDir('switchboard-durability-');
    cleanups.push(() => removeDir(dir));
    const configFile = await writeConfigFile(dir, path.join(dir, 'data'), { fixture: 'durability.yaml' });

    let server: PlatformProcess = await startPlatformProcess(configFile);
    cleanups.push(() => server.kill('SIGKILL'));
    const sup = await ApiClient.login(server.url, 'sup');
    const acked = new Acknowledged();

    // ---- pending deadlines -------------------------------------------------------------------------------
    const silent = await ApiClient.login(server.url, 'silent');
    ok(await silent.setPresence('available'));
    const offered = ok(await sup.createItem({ type: 'chat', queueId: 'offerq' }));
    acked.record(offered);
    const offeredNow = await itemEventually(sup, offered.workitemId, (i) => i.state === 'offered', 3_000);
    acked.record(offeredNow);

    const wrapper = await ApiClient.login(server.url, 'wrapper');
    ok(await wrapper.setPresence('available'));
    const wrapItem = ok(await sup.createItem({ type: 'chat', queueId: 'wrapq' }));
    await itemEventually(sup, wrapItem.workitemId, (i) => i.state === 'offered', 3_000);
    acked.record(ok(await wrapper.act(wrapItem.workitemId, 'accept')));
    const terminated = ok(await wrapper.act(wrapItem.workitemId, 'hangup'));
    acked.record(terminated);
    expect(terminated.wrapUpExpiresAt).not.toBeNull();

    const ttlItem = ok(await sup.createItem({ type: 'chat', queueId: 'ttlq' }));
    acked.record(ttlItem);

    const caller = await ApiClient.login(server.url, 'caller');
    ok(await caller.setPresence('available'));
    const scheduledAt = Date.now() + 4_000;
    const callback = ok(await sup.post('/v1/callbacks', { phone: '+14155550142', queueId: 'cbq', scheduledAt }));
    acked.record(callback);

    // ---- load: creators POST items, loaders accept every offer they get ----------------------------------
    const loaders = await Promise.all(
      ['loader1', 'loader2', 'loader3'].map(async (username) => {
        const api = await ApiClient.login(server.url, username);
        ok(await api.setPresence('available'));
        const events = await EventStream.of(api, { since: 0 });
        events.onEvent((e: PlatformEvent) => {
          if (e.type !== 'workitem.offered' || !itemIdOf(e)) return;
          api
            .act(itemIdOf(e)!, 'accept')
            .then((res) => res.status === 200 && acked.record(res.body))
            .catch(() => undefined); // the server may be gone mid-request
        });
        return events;
      }),
    );
    cleanups.push(() => Promise.all(loaders.map((l) => l.terminate())));

    let loading = true;
    let created = 0;
    const creators = Array.from({ length: CREATORS }, async (_, k) => {
      for (let n = 0; loading; n++) {
        const body =
          k % 3 === 0
            ? { type: 'task', subject: `load ${k}/${n}`, assignee: { agentUsername: `loader${(n % 3) + 1}` } }
            : { type: 'chat', channel: 'webchat', queueId: 'load', subject: `load ${k}/${n}` };
        try {
          const res = await sup.createItem(body);
          if (res.status === 201) {
            acked.record(res.body);
            created++;
          } else if (loading) throw new Error(`create failed under load: ${res.status} ${JSON.stringify(res.body)}`);
        } catch (error) {
          if (loading) throw error;
        }
      }
    });
    const creatorsDone = Promise.allSettled(creators);

    await sleep(LOAD_MS);
    // The deadlines must still be pending when the process dies, or this test proves nothing.
    expect((await sup.item(offered.workitemId)).body.state).toBe('offered');
    expect((await sup.item(wrapItem.workitemId)).body.state).toBe('terminated');
    expect((await sup.item(ttlItem.workitemId)).body.state).toBe('inqueue');
    const killedAt = Date.now();
    expect(killedAt).toBeLessThan(Math.min(offeredNow.offerExpiresAt!, terminated.wrapUpExpiresAt!, scheduledAt, ttlItem.createdAt + 5_000));
    loading = false;
    const killed = await server.kill('SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
    const settled = await creatorsDone;
    const creatorErrors = settled.filter((s) => s.status === 'rejected');
    expect(creatorErrors, String((creatorErrors[0] as PromiseRejectedResult | undefined)?.reason)).toEqual([]);
    expect(created).toBeGreaterThan(20);
    await Promise.all(loaders.map((l) => l.terminate()));

    // ---- restart on the same dataDir ------------------------------------------------------------------------
    server = await startPlatformProcess(configFile);
    const sup2 = await ApiClient.login(server.url, 'sup');

    const missing: string[] = [];
    const regressed: string[] = [];
    const entries = [...acked.versions.entries()];
    for (let i = 0; i < entries.length; i += 25) {
      await Promise.all(
        entries.slice(i, i + 25).map(async ([id, version]) => {
          const res = await sup2.item(id);
          if (res.status !== 200) missing.push(`${id} → ${res.status}`);
          else if (res.body.version < version) regressed.push(`${id} v${res.body.version} < acknowledged v${version}`);
        }),
      );
    }
    expect(missing).toEqual([]);
    expect(regressed).toEqual([]);

    // The event log: 1..N with no gap, and a creation event for every acknowledged item.
    const log = await EventStream.of(sup2, { since: 0 });
    cleanups.push(() => log.close());
    await log.waitFor(() => true, 5_000);
    await log.quiet(300, 10_000);
    const seqs = log.events.map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    const createdIds = new Set(log.events.filter((e) => e.type === 'workitem.created').map((e) => itemIdOf(e)));
    const withoutCreation = entries.map(([id]) => id).filter((id) => !createdIds.has(id));
    expect(withoutCreation).toEqual([]);

    // ---- the pending deadlines fire after the restart -------------------------------------------------------
    const caller2 = await ApiClient.login(server.url, 'caller');
    ok(await caller2.setPresence('available'));
    const deadlineWait = Math.max(0, scheduledAt - Date.now()) + 8_000;

    const rescinded = await log.waitFor((e) => e.type === 'workitem.offer_rescinded' && itemIdOf(e) === offered.workitemId, deadlineWait);
    expect(rescinded.offer?.reason).toBe('TIMEOUT');
    expect(rescinded.at).toBeGreaterThanOrEqual(offeredNow.offerExpiresAt! - 50);
    const silent2 = await ApiClient.login(server.url, 'silent');
    expect(await presence(silent2)).toMatchObject({ state: 'not_ready', reasonCode: 'RONA' });

    const wrapped = await itemEventually(sup2, wrapItem.workitemId, (i) => i.state === 'dispositioned', deadlineWait);
    expect(wrapped.disposition).toMatchObject({ code: 'wrap_up_timeout', auto: true });

    const expired = await itemEventually(sup2, ttlItem.workitemId, (i) => i.state === 'closed', deadlineWait);
    expect(expired.reasonCode).toBe('NO_AGENT_AVAILABLE');

    const ready = await itemEventually(sup2, callback.workitemId, (i) => i.state === 'offered', deadlineWait);
    expect(ready.agentUsername).toBe('caller');
    expect(ready.offeredAt!).toBeGreaterThanOrEqual(scheduledAt - 50);

    // Still gapless after the deadlines fired.
    await log.quiet(200);
    expect(log.events.map((e) => e.seq)).toEqual(Array.from({ length: log.events.length }, (_, i) => i + 1));

    // SIGTERM stops it cleanly.
    await log.close();
    const stopped = await server.kill('SIGTERM');
    expect(stopped.code, server.output()).toBe(0);
  });
});
