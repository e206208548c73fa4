import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserHost, type BrowserHost } from '../../../../main/browser/host';
import { createFakeCore } from '../ipc/fake-core';

const core = createFakeCore();
let host: BrowserHost;
let rendererDir: string;
let secretDir: string;

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** `pathname` below the host's per-launch prefix (host.basePath) */
function get(pathname: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return getExact(host.basePath + pathname, headers, method);
}

function getExact(fullPath: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: host.port, path: fullPath, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function cookieHeader(): Promise<string> {
  const first = await get(`/?token=${host.token}`);
  const setCookie = first.headers['set-cookie']?.[0] ?? '';
  return setCookie.split(';')[0];
}

function connect(options: { origin?: string; query?: string; headers?: Record<string, string>; path?: string } = {}): Promise<WebSocket> {
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}${options.path ?? `${host.basePath}/api`}${options.query ?? `?token=${host.token}`}`, {
    origin: options.origin ?? host.origin,
    headers: options.headers,
  });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.once('error', reject);
  });
}

function nextMessage(socket: WebSocket): Promise<any> {
  return new Promise((resolve) => socket.once('message', (data) => resolve(JSON.parse(data.toString()))));
}

beforeAll(async () => {
  rendererDir = await mkdtemp(path.join(os.tmpdir(), 'sb-renderer-'));
  secretDir = path.join(path.dirname(rendererDir), `${path.basename(rendererDir)}-secret`);
  await mkdir(path.join(rendererDir, 'assets'));
  await mkdir(secretDir);
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Switchboard</title>');
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(secretDir, 'secret.txt'), 'do not serve');
  host = await startBrowserHost({ core, rendererDir, host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await host.close();
  await rm(rendererDir, { recursive: true, force: true });
  await rm(secretDir, { recursive: true, force: true });
});

describe('browser host: HTTP', () => {
  it('prints a loopback URL with a long random token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]{22}\/\?token=[A-Za-z0-9_-]{43}$/);
    expect(host.url).toBe(`${host.origin}${host.basePath}/?token=${host.token}`);
  });

  it('serves everything under a per-launch random prefix, and scopes the cookie to it (cookies ignore ports)', async () => {
    const other = await startBrowserHost({ core: createFakeCore(), rendererDir });
    try {
      expect(other.basePath).not.toBe(host.basePath);
    } finally {
      await other.close();
    }
    const reply = await get(`/?token=${host.token}`);
    expect(reply.headers.location).toBe(`${host.basePath}/`);
    const setCookie = reply.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toContain(`; Path=${host.basePath}/;`);
    expect(setCookie).not.toMatch(/Path=\/;/);
    // outside the prefix nothing is served or exchanged, with the cookie or the token
    const cookie = setCookie.split(';')[0];
    for (const pathname of ['/', '/index.html', '/assets/app.js', `/?token=${host.token}`, `${host.basePath}?token=${host.token}`, `/x${host.basePath}/`]) {
      const outside = await getExact(pathname, { cookie });
      expect(outside.status, pathname).toBe(404);
      expect(outside.headers['set-cookie'], pathname).toBeUndefined();
      expect(outside.body).not.toContain('Switchboard</title>');
    }
    await expect(connect({ query: `?token=${host.token}`, path: '/api' })).rejects.toThrow(/404/);
  });

  it('serves nothing without the token or cookie', async () => {
    for (const pathname of ['/', '/index.html', '/assets/app.js', '/api', '/?token=wrong', `/?token=${host.token}x`]) {
      const reply = await get(pathname);
      expect(reply.status, pathname).toBe(403);
      expect(reply.body).not.toContain('Switchboard</title>');
    }
    expect((await get('/', { cookie: `switchboard_token_${host.port}=nope` })).status).toBe(403);
  });

  it('exchanges the token for an HttpOnly SameSite=Strict cookie and drops it from the address', async () => {
    const reply = await get(`/inbox?token=${host.token}&view=all`);
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe(`${host.basePath}/inbox?view=all`);
    const cookie = reply.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toContain(`switchboard_token_${host.port}=${host.token}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it('serves the renderer with the cookie, with a strict CSP and hardening headers', async () => {
    const cookie = await cookieHeader();
    const page = await get('/', { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Switchboard</title>');
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['cache-control']).toBe('no-store');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${host.port}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');

    const script = await get('/assets/app.js', { cookie });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toContain('text/javascript');
    expect((await get('/inbox/some-route', { cookie })).body).toContain('<title>Switchboard</title>');
    expect((await get('/assets/missing.js', { cookie })).status).toBe(404);
    expect((await get('/', { cookie }, 'HEAD')).status).toBe(200);
    expect((await get('/', { cookie }, 'POST')).status).toBe(405);
  });

  it('never serves files outside the renderer directory', async () => {
    const cookie = await cookieHeader();
    const escape = `/..%2F${path.basename(secretDir)}%2Fsecret.txt`;
    for (const pathname of [escape, `/../${path.basename(secretDir)}/secret.txt`, '/%2e%2e/%2e%2e/etc/passwd', '/%00', '/%E0%A4%A']) {
      const reply = await get(pathname, { cookie });
      expect(reply.body, pathname).not.toContain('do not serve');
      expect(reply.body).not.toContain('root:');
    }
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const cookie = await cookieHeader();
    expect((await get('/', { cookie, host: `evil.example.com:${host.port}` })).status).toBe(403);
    expect((await get(`/?token=${host.token}`, { host: `localhost:${host.port}` })).status).toBe(403);
  });
});

describe('browser host: WebSocket /api', () => {
  it('answers {id, op, request} with {id, result} from the core', async () => {
    const socket = await connect();
    socket.send(JSON.stringify({ id: 7, op: 'listInbox', request: { rows: 10 } }));
    const answer = await nextMessage(socket);
    expect(answer).toEqual({ id: 7, result: { ok: true, value: { echo: 'listInbox', request: { rows: 10, start: 0 } } } });
    socket.close();
  });

  it('authenticates the upgrade by cookie as a browser page would', async () => {
    const socket = await connect({ query: '', headers: { cookie: await cookieHeader() } });
    socket.send(JSON.stringify({ id: 'a', op: 'getSession', request: {} }));
    expect((await nextMessage(socket)).id).toBe('a');
    socket.close();
  });

  it('refuses the upgrade without the token, from another origin, or on another path', async () => {
    await expect(connect({ query: '' })).rejects.toThrow('403');
    await expect(connect({ query: '?token=wrong' })).rejects.toThrow('403');
    await expect(connect({ origin: 'https://evil.example.com' })).rejects.toThrow('403');
    await expect(connect({ origin: `http://localhost:${host.port}` })).rejects.toThrow('403');
    await expect(connect({ origin: '' })).rejects.toThrow();
    const wrongPath = new WebSocket(`ws://127.0.0.1:${host.port}/other?token=${host.token}`, { origin: host.origin });
    await expect(
      new Promise((resolve, reject) => {
        wrongPath.once('open', resolve);
        wrongPath.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
        wrongPath.once('error', reject);
      }),
    ).rejects.toThrow('404');
  });

  it('answers bad messages with errors and keeps the connection', async () => {
    const socket = await connect();
    socket.send('not json');
    expect(await nextMessage(socket)).toMatchObject({ id: null, result: { ok: false, error: { code: 'VALIDATION_FAILED' } } });
    socket.send(JSON.stringify({ id: 1, op: 'dropDatabase', request: {} }));
    expect(await nextMessage(socket)).toMatchObject({ id: 1, result: { ok: false, error: { code: 'NOT_FOUND' } } });
    socket.send(JSON.stringify({ id: 2, op: 'accept', request: { workitemId: 5 } }));
    expect(await nextMessage(socket)).toMatchObject({ id: 2, result: { ok: false, error: { code: 'VALIDATION_FAILED' } } });
    socket.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await nextMessage(socket)).toMatchObject({ id: null, result: { ok: false } });
    socket.send(JSON.stringify({ id: 3, op: 'getSession' }));
    expect(await nextMessage(socket)).toMatchObject({ id: 3, result: { ok: true } });
    socket.close();
  });

  it('pushes core events to every connected client', async () => {
    const [a, b] = await Promise.all([connect(), connect()]);
    const received = Promise.all([nextMessage(a), nextMessage(b)]);
    core.emit('dialRequested', { number: '+15550100' });
    expect(await received).toEqual([
      { event: 'dialRequested', payload: { number: '+15550100' } },
      { event: 'dialRequested', payload: { number: '+15550100' } },
    ]);
    a.close();
    b.close();
  });
});

describe('browser host: lifecycle', () => {
  it('binds to 127.0.0.1 only', async () => {
    await expect(startBrowserHost({ core, rendererDir, host: '0.0.0.0' as never })).rejects.toThrow(/127\.0\.0\.1 only/);
  });

  it('close() drops clients, stops listening and unsubscribes from the core', async () => {
    const own = createFakeCore();
    const other = await startBrowserHost({ core: own, rendererDir });
    const socket = new WebSocket(`ws://127.0.0.1:${other.port}${other.basePath}/api?token=${other.token}`, { origin: other.origin });
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    expect(own.listenerCount()).toBe(1);
    await other.close();
    await closed;
    expect(own.listenerCount()).toBe(0);
    await expect(fetch(`${other.origin}/`)).rejects.toThrow();
  });
});
