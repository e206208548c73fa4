/**
 * The renderer ↔ core round trip, without the core's own work: a trivial operation through the
 * browser-mode host (client WebSocket → host → dispatch → core → back) and through the main-process IPC
 * handler (sender check + zod validation + dispatch). Target: p95 ≤ 1 ms.
 *
 *   npx tsx bench/roundtrip.bench.ts
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { percentile, runIfMain, type BenchResult } from './bench-kit';
import type { ApiResult, EventName } from '../common/desktop-api';
import { startBrowserHost } from '../main/browser/host';
import type { DesktopCorePort } from '../main/ipc/core-port';
import { registerIpcHandlers, type IpcInvokeEvent } from '../main/ipc/register-handlers';
import { createTrustedSenderCheck } from '../main/ipc/trusted-sender';
import { createWebSocketSwitchboard, type WebSocketLike } from '../renderer/src/api/websocket-switchboard';


const WARMUP = 500;
const SAMPLES = 5_000;

/** A core whose operations cost nothing, so the numbers are the transport's alone. */
function trivialCore(): DesktopCorePort {
  const presence = { username: 'ada', state: 'available', reasonCode: null, since: 1_700_000_000_000 };
  return {
    invoke: async (): Promise<ApiResult<unknown>> => ({ ok: true, value: presence }),
    subscribe: (_listener: (event: EventName, payload: unknown) => void) => () => undefined,
  };
}


async function measure(call: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < WARMUP; i += 1) await call();
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i += 1) {
    const started = process.hrtime.bigint();
    await call();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return Math.round(percentile(samples, 95) * 1000) / 1000;
}

async function browserModeRoundTrip(): Promise<number> {
  const rendererDir = await mkdtemp(path.join(os.tmpdir(), 'sb-bench-'));
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html>');
  const host = await startBrowserHost({ core: trivialCore(), rendererDir });
  const api = createWebSocketSwitchboard({
    url: `ws://127.0.0.1:${host.port}/api?token=${host.token}`,
    createSocket: (url) => new WebSocket(url, { origin: host.origin }) as unknown as WebSocketLike,
  });
  try {
    const first = await api.getPresence({});
    if (!first.ok) throw new Error(`browser-mode round trip failed: ${first.error.message}`);
    return await measure(() => api.getPresence({}));
  } finally {
    api.close();
    await host.close();
    await rm(rendererDir, { recursive: true, force: true });
  }
}

async function ipcHandlerRoundTrip(): Promise<number> {
  const handlers = new Map<string, (event: IpcInvokeEvent, ...args: unknown[]) => Promise<unknown>>();
  registerIpcHandlers(
    { handle: (channel, listener) => void handlers.set(channel, listener), removeHandler: (channel) => void handlers.delete(channel) },
    trivialCore(),
    { isTrustedSender: createTrustedSenderCheck('app://switchboard') },
  );
  const handler = handlers.get('switchboard:listInbox')!;
  const event = { senderFrame: { url: 'app://switchboard/index.html', parent: null } };
  // Electron's structured clone between processes is not here; this is main's own share of the trip.
  return measure(() => handler(event, { q: 'state:offered AND channelType:voice', rows: 50, start: 0, sort: 'priority asc' }));
}

export default async function roundtripBench(): Promise<BenchResult[]> {
  const browser = await browserModeRoundTrip();
  const ipc = await ipcHandlerRoundTrip();
  return [
    { name: 'browser-mode round trip (WebSocket → host → core → back), p95', value: browser, unit: 'ms', target: '≤ 1 ms', met: browser <= 1 },
    { name: 'main IPC handler (sender check + validation + dispatch), p95', value: ipc, unit: 'ms', target: '≤ 1 ms', met: ipc <= 1 },
  ];
}

runIfMain(import.meta.url, roundtripBench);
