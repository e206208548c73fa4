/** The renderer's browser-mode transport (renderer/src/api) against the real host. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserHost, type BrowserHost } from '../../../../main/browser/host';
import { browserApiUrl, createWebSocketSwitchboard, type WebSocketLike, type WebSocketSwitchboard } from '../../../../renderer/src/api';
import { createFakeCore } from '../ipc/fake-core';

const core = createFakeCore();
let host: BrowserHost;
let rendererDir: string;
const clients: WebSocketSwitchboard[] = [];

function client(overrides: { port?: number; token?: string; reconnectDelayMs?: number; callTimeoutMs?: number } = {}) {
  const port = overrides.port ?? host.port;
  const sockets: WebSocket[] = [];
  const api = createWebSocketSwitchboard({
    url: `ws://127.0.0.1:${port}${host.basePath}/api?token=${overrides.token ?? host.token}`,
    // A page's own origin: what a browser sends on the upgrade.
    createSocket: (url) => {
      const socket = new WebSocket(url, { origin: `http://127.0.0.1:${port}` });
      socket.on('error', () => undefined);
      sockets.push(socket);
      return socket as unknown as WebSocketLike;
    },
    reconnectDelayMs: overrides.reconnectDelayMs ?? 20,
    maxReconnectDelayMs: 100,
    callTimeoutMs: overrides.callTimeoutMs ?? 2_000,
  });
  clients.push(api);
  return { api, sockets };
}

beforeAll(async () => {
  rendererDir = await mkdtemp(path.join(os.tmpdir(), 'sb-renderer-'));
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html>');
  host = await startBrowserHost({ core, rendererDir });
});
afterEach(() => {
  for (const api of clients.splice(0)) api.close();
});
afterAll(async () => {
  await host.close();
  await rm(rendererDir, { recursive: true, force: true });
});

describe('createWebSocketSwitchboard', () => {
  it('calls operations (queued until the socket opens) and resolves their results', async () => {
    const { api } = client();
    const [session, page] = await Promise.all([api.getSession({}), api.listInbox({ rows: 5 })]);
    expect(session).toEqual({ ok: true, value: { echo: 'getSession', request: {} } });
    expect(page).toEqual({ ok: true, value: { echo: 'listInbox', request: { rows: 5, start: 0 } } });
    expect(api.isConnected()).toBe(true);
  });

  it('delivers pushed events to on<Event> listeners until unsubscribed', async () => {
    const { api } = client();
    await api.getSession({});
    const received: unknown[] = [];
    const unsubscribe = api.onOfferRescinded((payload) => received.push(payload));
    const arrived = new Promise<void>((resolve) => api.onOfferRescinded(() => resolve()));
    core.emit('offerRescinded', { workitemId: 'wi_1', reason: 'RONA' });
    await arrived;
    expect(received).toEqual([{ workitemId: 'wi_1', reason: 'RONA' }]);
    unsubscribe();
    const again = new Promise<void>((resolve) => api.onOfferRescinded(() => resolve()));
    core.emit('offerRescinded', { workitemId: 'wi_2', reason: 'RONA' });
    await again;
    expect(received).toHaveLength(1);
  });

  it('fails calls in flight with OFFLINE when the connection drops, then reconnects', async () => {
    let release: (() => void) | null = null;
    core.handle('accept', () => new Promise((resolve) => (release = () => resolve({ ok: true, value: 'late' }))));
    const { api, sockets } = client();
    await api.getSession({});
    const inFlight = api.accept({ workitemId: 'wi_1' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    sockets[0].terminate();
    await expect(inFlight).resolves.toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
    (release as (() => void) | null)?.();

    await expect(api.getSession({})).resolves.toMatchObject({ ok: true });
    expect(sockets.length).toBeGreaterThanOrEqual(2);
  });

  it('attaches its media engine again when its socket comes back (the host detached it on close), but not one it detached', async () => {
    core.handle('attachMediaEngine', () => ({ ok: true, value: { registration: 'registered' } }));
    core.handle('detachMediaEngine', () => ({ ok: true, value: {} }));
    const { api, sockets } = client();
    await api.attachMediaEngine({ engineId: 'engine-kept' });
    await api.attachMediaEngine({ engineId: 'engine-gone' });
    await api.detachMediaEngine({ engineId: 'engine-gone' });
    const attachesBefore = core.calls.filter((c) => c.name === 'attachMediaEngine').length;

    sockets[0].terminate();
    // the host detaches what the closed socket attached; the page, alive, attaches it again on reconnect
    await expect.poll(() => core.calls.filter((c) => c.name === 'detachMediaEngine').map((c) => c.request)).toContainEqual({ engineId: 'engine-kept' });
    await expect.poll(() => core.calls.filter((c) => c.name === 'attachMediaEngine').slice(attachesBefore).map((c) => c.request)).toEqual([{ engineId: 'engine-kept' }]);
    expect(sockets.length).toBe(2);
  });

  it('times out a call nobody answers, and close() fails what is pending', async () => {
    const { api } = client({ token: 'wrong', callTimeoutMs: 100 });
    await expect(api.getSession({})).resolves.toMatchObject({ ok: false, error: { code: 'OFFLINE', message: expect.stringContaining('no answer') } });
    const pending = api.getPresence({});
    api.close();
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
    await expect(api.getPresence({})).resolves.toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
  });

  it('builds the API address from the page location', () => {
    expect(browserApiUrl({ protocol: 'http:', host: '127.0.0.1:4123', pathname: '/Ab3_x-/' })).toBe('ws://127.0.0.1:4123/Ab3_x-/api');
    expect(browserApiUrl({ protocol: 'http:', host: '127.0.0.1:4123', pathname: '/Ab3_x-/index.html' })).toBe('ws://127.0.0.1:4123/Ab3_x-/api');
    expect(browserApiUrl({ protocol: 'https:', host: 'desk.example.com', pathname: '/' })).toBe('wss://desk.example.com/api');
  });
});
