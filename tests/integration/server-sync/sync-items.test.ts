/**
 * Extension GET /v1/sync/items against a real platform: keyset pages cover every visible item exactly
 * once, visibility is GET /v1/workitems', bad query parameters are 400 VALIDATION_FAILED, and the page's
 * `seq` lets a client resume the event stream with nothing missed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkItem } from '../../../common/workitem';
import { ApiClient, EventStream, ok, startTestPlatform, type TestPlatform } from '../server/helpers';

type SyncPage = { seq: number; nextCursor: string | null; items: WorkItem[] };

async function page(client: ApiClient, query: string): Promise<SyncPage> {
  return ok(await client.get<SyncPage>(`/v1/sync/items${query}`), `GET /v1/sync/items${query}`);
}

/** Every page, following nextCursor; returns the pages as they came. */
async function allPages(client: ApiClient, limit: number): Promise<SyncPage[]> {
  const pages: SyncPage[] = [];
  let after: string | null = null;
  do {
    const next: SyncPage = await page(client, `?limit=${limit}${after === null ? '' : `&after=${after}`}`);
    pages.push(next);
    after = next.nextCursor;
  } while (after !== null);
  return pages;
}

/** The ids GET /v1/workitems shows `client` (the reference for visibility). */
async function listedIds(client: ApiClient): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; ; start += 500) {
    const res = ok(await client.get<{ total: number; items: WorkItem[] }>(`/v1/workitems?rows=500&start=${start}`), 'list');
    ids.push(...res.items.map((i) => i.workitemId));
    if (ids.length >= res.total || res.items.length === 0) return ids;
  }
}

describe('GET /v1/sync/items', () => {
  let platform: TestPlatform;
  let sup: ApiClient;
  let alice: ApiClient;
  const seen: Record<string, string[]> = { alice: [], bob: [], team: [], support: [], sales: [], sup: [] };
  let archivedId: string;

  beforeAll(async () => {
    platform = await startTestPlatform();
    sup = await ApiClient.login(platform.url, 'sup');
    alice = await ApiClient.login(platform.url, 'alice');
    const create = async (key: string, body: Record<string, unknown>) => {
      const item = ok(await sup.createItem({ subject: `${key} item`, ...body }), `create ${key}`);
      seen[key].push(item.workitemId);
      return item;
    };
    for (let i = 0; i < 9; i++) await create('alice', { type: 'task', assignee: { agentUsername: 'alice' } });
    for (let i = 0; i < 4; i++) await create('bob', { type: 'task', assignee: { agentUsername: 'bob' } });
    for (let i = 0; i < 3; i++) await create('team', { type: 'task', assignee: { team: 'billing' } });
    for (let i = 0; i < 3; i++) await create('support', { type: 'email', queueId: 'support' });
    for (let i = 0; i < 3; i++) await create('sales', { type: 'email', queueId: 'sales' });
    for (let i = 0; i < 2; i++) await create('sup', { type: 'task' });
    const archived = await create('alice', { type: 'task', assignee: { agentUsername: 'alice' }, subject: 'to be archived' });
    archivedId = archived.workitemId;
    expect((await sup.delete(`/v1/workitems/${archivedId}`)).status).toBe(204);
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('pages through every item exactly once, in workitemId order, ending with nextCursor null', async () => {
    const pages = await allPages(sup, 4);
    const ids = pages.flatMap((p) => p.items.map((i) => i.workitemId));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort());
    const expected = Object.values(seen).flat().filter((id) => id !== archivedId);
    expect(new Set(ids)).toEqual(new Set(expected));
    // Full pages, no empty page at the end: nextCursor is null exactly on the last one.
    expect(pages.length).toBe(Math.ceil(ids.length / 4));
    expect(pages.slice(0, -1).every((p) => p.items.length === 4 && p.nextCursor === p.items[3].workitemId)).toBe(true);
    expect(pages.at(-1)!.nextCursor).toBeNull();
    // The same items GET /v1/workitems and GET /v1/workitems/{id} give.
    expect(new Set(ids)).toEqual(new Set(await listedIds(sup)));
    const one = pages[0].items[0];
    expect(one).toEqual(ok(await sup.item(one.workitemId), 'get one'));
  });

  it('shows an agent what GET /v1/workitems shows it: its own, its teams’ and its queues’ items', async () => {
    const ids = (await allPages(alice, 5)).flatMap((p) => p.items.map((i) => i.workitemId));
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(await listedIds(alice)));
    for (const id of [...seen.alice.filter((i) => i !== archivedId), ...seen.team, ...seen.support]) expect(ids).toContain(id);
    for (const id of [...seen.bob, ...seen.sales, ...seen.sup, archivedId]) expect(ids).not.toContain(id);
  });

  it('sends one item per line, plain JSON all the same', async () => {
    const res = await fetch(`${platform.url}/v1/sync/items?limit=3`, { headers: { authorization: `Bearer ${sup.token}` } });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await res.text();
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^\{"seq":\d+,"nextCursor":"wi_[^"]+","items":\[$/);
    expect(lines.at(-1)).toBe(']}');
    expect(lines.slice(1, -1).map((line) => (JSON.parse(line.replace(/,$/, '')) as WorkItem).workitemId)).toEqual((JSON.parse(text) as SyncPage).items.map((i) => i.workitemId));
  });

  it('answers a cursor past the end with an empty last page', async () => {
    const body = await page(sup, '?after=wi_zzzzzzzz');
    expect(body).toMatchObject({ items: [], nextCursor: null });
    expect(body.seq).toBeGreaterThan(0);
  });

  it.each([
    ['?limit=0', 'limit'],
    ['?limit=10001', 'limit'],
    ['?limit=many', 'limit'],
    ['?limit=2.5', 'limit'],
    ['?after=not-a-cursor', 'after'],
    [`?after=wi_${'x'.repeat(300)}`, 'after'],
    ['?start=10', ''],
  ])('refuses %s with 400 VALIDATION_FAILED', async (query, field) => {
    const res = await sup.get(`/v1/sync/items${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    if (field) expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(field);
  });

  it('needs a token (401) with the workitems:read scope', async () => {
    const res = await new ApiClient(platform.url).get('/v1/sync/items');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('gives the seq to resume events from: changes after the first page arrive as events, none is missed', async () => {
    const supEvents = await EventStream.of(sup);
    try {
      const marker = ok(await sup.createItem({ type: 'task', subject: 'before the snapshot', assignee: { agentUsername: 'alice' } }), 'create');
      const markerEvent = await supEvents.waitFor((e) => e.workitem?.workitemId === marker.workitemId);

      const first = await page(alice, '?limit=2');
      expect(first.seq).toBeGreaterThanOrEqual(markerEvent.seq);
      // Changes while the snapshot is being paged: a new item (anywhere in id order) and a change to one
      // already paged.
      const created = ok(await sup.createItem({ type: 'task', subject: 'during the snapshot', assignee: { agentUsername: 'alice' } }), 'create');
      const changed = ok(await sup.act(first.items[0].workitemId, 'notes', { text: 'changed during the snapshot' }), 'note');
      expect(changed).toBeTruthy();
      const rest: WorkItem[] = [];
      for (let after = first.nextCursor; after !== null; ) {
        const next = await page(alice, `?limit=2&after=${after}`);
        rest.push(...next.items);
        after = next.nextCursor;
      }

      const events = await EventStream.of(alice, { since: first.seq });
      try {
        const createdEvent = await events.waitFor((e) => e.workitem?.workitemId === created.workitemId);
        const changedEvent = await events.waitFor((e) => e.workitem?.workitemId === first.items[0].workitemId);
        expect(createdEvent.seq).toBeGreaterThan(first.seq);
        expect(changedEvent.seq).toBeGreaterThan(first.seq);
        await events.quiet(150, 2_000);
        // Nothing at or before the snapshot's seq is replayed: the marker was already in it.
        expect(events.events.every((e) => e.seq > first.seq)).toBe(true);
        expect(events.events.some((e) => e.workitem?.workitemId === marker.workitemId && e.seq <= first.seq)).toBe(false);
        // Pages plus replayed events hold the newest version of every item whose events alice receives
        // (her own and her team's; queue items' changes reach agents only when offered to them).
        const latest = new Map<string, number>();
        for (const item of [...first.items, ...rest, ...events.events.flatMap((e) => (e.workitem ? [e.workitem] : []))]) {
          latest.set(item.workitemId, Math.max(latest.get(item.workitemId) ?? 0, item.version));
        }
        const followed = [...seen.alice.filter((id) => id !== archivedId), ...seen.team, marker.workitemId, created.workitemId];
        for (const id of followed) expect(latest.get(id), id).toBe(ok(await alice.item(id), 'get').version);
      } finally {
        await events.close();
      }
    } finally {
      await supEvents.close();
    }
  });
});
