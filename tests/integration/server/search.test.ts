/**
 * GET /v1/workitems (seed 001): the query language in `q`, `sort`, `rows` and `start` paging, and what an
 * agent may see; plus the OpenAPI document the platform serves from the same schemas.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkItem } from '../../../common/workitem';
import { ApiClient, ok, startScene, type Scene } from './helpers';

let scene: Scene;
const tasks: WorkItem[] = [];
beforeAll(async () => {
  scene = await startScene();
  const specs = [
    { priority: 8, subject: 'Low billing follow-up', assignee: { agentUsername: 'alice' } },
    { priority: 1, subject: 'Critical outage', assignee: { agentUsername: 'alice' } },
    { priority: 5, subject: 'Normal billing question', assignee: { agentUsername: 'bob' } },
    { priority: 2, subject: 'High address change', assignee: { agentUsername: 'carol' } },
    { priority: 5, subject: 'Another normal one', assignee: { agentUsername: 'alice' } },
  ];
  for (const spec of specs) tasks.push(ok(await scene.sup.createItem({ type: 'task', ...spec }), 'create task'));
});
afterAll(async () => {
  await scene?.close();
});

type Page = { total: number; start: number; rows: number; items: WorkItem[] };
const search = async (client: ApiClient, params: Record<string, string>) => ok(await client.get<Page>(`/v1/workitems?${new URLSearchParams(params)}`), 'search');

describe('search', () => {
  it('sorts by priority then age by default, and by what `sort` says', async () => {
    const byDefault = await search(scene.sup, { q: 'type:task' });
    expect(byDefault.total).toBe(5);
    expect(byDefault.items.map((i) => i.priority)).toEqual([1, 2, 5, 5, 8]);
    expect(byDefault.items[2].createdAt).toBeLessThanOrEqual(byDefault.items[3].createdAt);

    const desc = await search(scene.sup, { q: 'type:task', sort: 'priority desc,createdAt desc' });
    expect(desc.items.map((i) => i.priority)).toEqual([8, 5, 5, 2, 1]);
    expect(desc.items[1].workitemId).toBe(tasks[4].workitemId);
  });

  it('pages with rows and start without repeating or skipping', async () => {
    const seen: string[] = [];
    for (let start = 0; start < 5; start += 2) {
      const page = await search(scene.sup, { q: 'type:task', rows: '2', start: String(start) });
      expect(page.total).toBe(5);
      expect(page.start).toBe(start);
      expect(page.rows).toBe(page.items.length);
      seen.push(...page.items.map((i) => i.workitemId));
    }
    expect(new Set(seen).size).toBe(5);
    const count = await search(scene.sup, { q: 'type:task', rows: '0' });
    expect(count).toMatchObject({ total: 5, rows: 0, items: [] });
  });

  it('runs the query language: AND, OR, NOT, ranges and free text', async () => {
    const ids = async (q: string) => (await search(scene.sup, { q, rows: '500' })).items.map((i) => i.workitemId).sort();
    const idsOf = (...n: number[]) => n.map((i) => tasks[i].workitemId).sort();
    expect(await ids('type:task AND agentUsername:alice')).toEqual(idsOf(0, 1, 4));
    expect(await ids('agentUsername:bob OR agentUsername:carol')).toEqual(idsOf(2, 3));
    expect(await ids('type:task NOT agentUsername:alice')).toEqual(idsOf(2, 3));
    expect(await ids('priority:[1 TO 2]')).toEqual(idsOf(1, 3));
    expect(await ids('billing')).toEqual(idsOf(0, 2));
  });

  it('a malformed query is 400 VALIDATION_FAILED with a field error on q (or sort)', async () => {
    for (const [params, path] of [
      [{ q: 'state:active AND' }, 'q'],
      [{ q: 'priority:high' }, 'q'],
      [{ q: 'nosuchfield:1' }, 'q'],
      [{ sort: 'priority sideways' }, 'sort'],
      [{ sort: 'password asc' }, 'sort'],
    ] as const) {
      const res = await scene.sup.get(`/v1/workitems?${new URLSearchParams(params)}`);
      expect(res.status, JSON.stringify(params)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.fields[0].path, JSON.stringify(params)).toBe(path);
    }
  });

  it('an agent finds only what it may see', async () => {
    const alice = await ApiClient.login(scene.platform.url, 'alice');
    const page = await search(alice, { q: 'type:task', rows: '500' });
    expect(page.items.map((i) => i.agentUsername).every((a) => a === 'alice')).toBe(true);
    expect(page.total).toBe(3);
    // Nor read another agent's item directly.
    const other = await alice.item(tasks[3].workitemId);
    expect([403, 404]).toContain(other.status);
  });
});

describe('OpenAPI', () => {
  it('serves an OpenAPI document with every contract path', async () => {
    const res = await new ApiClient(scene.platform.url).get('/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    const paths = Object.keys(res.body.paths);
    for (const path of [
      '/v1/auth/login',
      '/v1/workitems',
      '/v1/callbacks',
      '/v1/workitems/{id}',
      '/v1/workitems/{id}/accept',
      '/v1/workitems/{id}/decline',
      '/v1/workitems/{id}/hold',
      '/v1/workitems/{id}/hangup',
      '/v1/workitems/{id}/disposition',
      '/v1/workitems/{id}/transfer',
      '/v1/workitems/{id}/conference',
      '/v1/workitems/{id}/dial',
      '/v1/workitems/{id}/skip',
      '/v1/workitems/{id}/assign',
      '/v1/workitems/{id}/status',
      '/v1/queues',
      '/v1/agents/me/presence',
      '/v1/agents/me',
      '/v1/dispositions',
      '/v1/chats',
      '/v1/workitems/{id}/messages',
      '/v1/workitems/{id}/notes',
      '/v1/campaigns',
      '/v1/campaigns/{id}/start',
      '/v1/campaigns/{id}/stop',
      '/v1/events',
    ]) {
      expect(paths, path).toContain(path);
    }
    expect(res.body.paths['/v1/workitems'].post.requestBody).toBeDefined();
  });
});
