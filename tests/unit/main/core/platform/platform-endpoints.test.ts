/**
 * Failing over between platform nodes in the HTTP client: a node that is down (nothing listens) or that
 * has no routing node to forward to (503) is passed over within the same call, with the same
 * Idempotency-Key; any other refusal is the platform's answer and is not sent elsewhere.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PlatformClient } from '../../../../../main/core/platform/http-client';
import { PlatformEndpoints } from '../../../../../main/core/platform/platform-endpoints';

type Seen = { url: string; key: string | undefined };
const servers: http.Server[] = [];

async function node(status: number, seen: Seen[]): Promise<string> {
  const server = http.createServer((request, response) => {
    seen.push({ url: request.url ?? '', key: request.headers['idempotency-key'] as string | undefined });
    response.writeHead(status, { 'content-type': 'application/json', ...(status === 503 ? { 'retry-after': '1' } : {}) });
    response.end(JSON.stringify(status === 200 ? { ok: true } : { error: { code: status === 503 ? 'UNAVAILABLE' : 'VALIDATION_FAILED', message: 'no' } }));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function deadUrl(): Promise<string> {
  const url = await node(200, []);
  const server = servers.pop() as http.Server;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return url;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
});

describe('PlatformEndpoints', () => {
  it('moves on once per failed node and wraps round; a stale failure does not skip a node', () => {
    const endpoints = new PlatformEndpoints('http://a', ['http://b', 'http://a', 'http://c']);
    expect(endpoints.urls).toEqual(['http://a', 'http://b', 'http://c']);
    endpoints.failed('http://a');
    endpoints.failed('http://a'); // a second request that failed on a: still b
    expect(endpoints.current).toBe('http://b');
    endpoints.failed('http://b');
    endpoints.failed('http://c');
    expect(endpoints.current).toBe('http://a');
  });
});

describe('PlatformClient over several nodes', () => {
  const Ok = z.object({ ok: z.literal(true) });

  it('sends the call to the next node when one is down or answers 503, with the same idempotency key', async () => {
    const seen: Seen[] = [];
    const dead = await deadUrl();
    const busy = await node(503, seen);
    const live = await node(200, seen);
    const client = new PlatformClient(new PlatformEndpoints(dead, [busy, live]), 'token');
    await expect(client.request('POST', '/v1/workitems', Ok, { body: {}, idempotencyKey: 'key-1' })).resolves.toEqual({ ok: true });
    expect(seen).toEqual([{ url: '/v1/workitems', key: 'key-1' }, { url: '/v1/workitems', key: 'key-1' }]);
    expect(client.baseUrl).toBe(live); // later calls start there
  });

  it('reports the last failure when every node failed, and does not pass a 4xx on', async () => {
    const seen: Seen[] = [];
    const dead = await deadUrl();
    const client = new PlatformClient(new PlatformEndpoints(dead, [await node(503, seen)]));
    await expect(client.request('GET', '/v1/queues', Ok)).rejects.toMatchObject({ status: 503, retryable: true });

    const refusing = new PlatformClient(new PlatformEndpoints(await node(400, seen), [await node(200, seen)]));
    seen.length = 0;
    await expect(refusing.request('GET', '/v1/queues', Ok)).rejects.toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(seen).toHaveLength(1);
  });
});
