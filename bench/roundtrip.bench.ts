/**
 * The renderer ↔ core round trip, without the core's own work: a trivial operation through the
 * browser-mode host (client WebSocket → host → dispatch → core → back) and through the main-process IPC
 * handler (sender check + zod validation + dispatch).
 *
 * Baseline, in the same run: a bare loopback WebSocket echo (`ws` server and client, nothing else) with a
 * message of the same size, sampled in alternating rounds with ours.
 *
 *   npx tsx bench/roundtrip.bench.ts
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import WebSocket, { WebSocketServer } from 'ws';
import { compare, percentile, runIfMain, sampleAsync, type BenchResult } from './bench-kit';
import type { ApiResult, EventName } from '../common/desktop-api';
import { startBrowserHost } from '../main/browser/host';
import type { DesktopCorePort } from '../main/ipc/core-port';
import { registerIpcHandlers, type IpcInvokeEvent } from '../main/ipc/register-handlers';
import { createTrustedSenderCheck } from '../main/ipc/trusted-sender';
import { createWebSocketSwitchboard, type WebSocketLike } from '../renderer/src/api/websocket-switchboard';


const WARMUP = 500;
const SAMPLES = 5_000;
/** Set from measured runs: see `about`. */
const BROWSER_TARGET = 3;
/** Samples are taken in rounds, ours and the echo alternately, so a noisy neighbour slows both alike. */
const ROUNDS = 10;
/** About the size of the browser-mode request for getPresence (id, method, argument). */
const ECHO_MESSAGE = JSON.stringify({ id: 123456, method: 'getPresence', args: [{}], pad: 'x'.repeat(16) });

/** A core whose operations cost nothing, so the numbers are the transport's alone. */
function trivialCore(): DesktopCorePort {
  const presence = { username: 'ada', state: 'available', reasonCode: null, since: 1_700_000_000_000 };
  return {
    invoke: async (): Promise<ApiResult<unknown>> => ({ ok: true, value: presence }),
    subscribe: (_listener: (event: EventName, payload: unknown) => void) => () => undefined,
  };
}


type Probe = { call: () => Promise<unknown>; close: () => Promise<void> };

/** A bare loopback WebSocket echo: what one message there and back costs with nothing in between. */
async function bareEcho(): Promise<Probe> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  server.on('connection', (socket) => socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary })));
  const { port } = server.address() as { port: number };
  const client = new WebSocket(`ws://127.0.0.1:${port}/`);
  await new Promise<void>((resolve, reject) => {
    client.once('open', () => resolve());
    client.once('error', reject);
  });
  let waiting: (() => void) | undefined;
  client.on('message', () => waiting?.());
  return {
    call: () =>
      new Promise<void>((resolve) => {
        waiting = resolve;
        client.send(ECHO_MESSAGE);
      }),
    close: async () => {
      client.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function browserModeRoundTrip(): Promise<Probe> {
  const rendererDir = await mkdtemp(path.join(os.tmpdir(), 'sb-bench-'));
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html>');
  const host = await startBrowserHost({ core: trivialCore(), rendererDir });
  const api = createWebSocketSwitchboard({
    url: `ws://127.0.0.1:${host.port}${host.basePath}/api?token=${host.token}`,
    createSocket: (url) => new WebSocket(url, { origin: host.origin }) as unknown as WebSocketLike,
  });
  const close = async () => {
    api.close();
    await host.close();
    await rm(rendererDir, { recursive: true, force: true });
  };
  const first = await api.getPresence({});
  if (!first.ok) {
    await close();
    throw new Error(`browser-mode round trip failed: ${first.error.message}`);
  }
  return { call: () => api.getPresence({}), close };
}

function ipcHandlerRoundTrip(): Probe {
  const handlers = new Map<string, (event: IpcInvokeEvent, ...args: unknown[]) => Promise<unknown>>();
  registerIpcHandlers(
    { handle: (channel, listener) => void handlers.set(channel, listener), removeHandler: (channel) => void handlers.delete(channel) },
    trivialCore(),
    { isTrustedSender: createTrustedSenderCheck('app://switchboard') },
  );
  const handler = handlers.get('switchboard:listInbox')!;
  const event = { senderFrame: { url: 'app://switchboard/index.html', parent: null } };
  // Electron's structured clone between processes is not here; this is main's own share of the trip.
  return { call: () => handler(event, { q: 'state:offered AND channelType:voice', rows: 50, start: 0, sort: 'priority asc' }), close: async () => undefined };
}

/** p95 of ours and of the echo, sampled in alternating rounds. */
async function against(ours: Probe, echo: Probe): Promise<{ value: number; baseline: number }> {
  await sampleAsync(ours.call, { warmup: WARMUP, samples: 0 });
  await sampleAsync(echo.call, { warmup: WARMUP, samples: 0 });
  const mine: number[] = [];
  const bare: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    mine.push(...(await sampleAsync(ours.call, { warmup: 0, samples: SAMPLES / ROUNDS })));
    bare.push(...(await sampleAsync(echo.call, { warmup: 0, samples: SAMPLES / ROUNDS })));
  }
  const p95 = (samples: number[]) => Math.round(percentile(samples, 95) * 1000) / 1000;
  return { value: p95(mine), baseline: p95(bare) };
}

export default async function roundtripBench(): Promise<BenchResult[]> {
  const echo = await bareEcho();
  try {
    const browserMode = await browserModeRoundTrip();
    const browser = await against(browserMode, echo).finally(() => browserMode.close());
    const ipc = await against(ipcHandlerRoundTrip(), echo);
    return [
      compare({ name: 'browser-mode round trip (WebSocket → host → core → back), p95', unit: 'ms', ...browser, target: { atMost: BROWSER_TARGET } }),
      compare({ name: 'main IPC handler (sender check + validation + dispatch), p95', unit: 'ms', ...ipc, target: { atMost: 1 } }),
    ];
  } finally {
    await echo.close();
  }
}

export const about = `
A trivial core operation (no work of its own), ${SAMPLES.toLocaleString('en')} sequential calls after ${WARMUP} warm-up: through the
browser-mode host (the renderer's WebSocket client → host → dispatch → core → back), and through the
main-process IPC handler (sender check, zod validation, dispatch; Electron's own structured clone between
processes is not part of it). **Baseline**: a bare loopback WebSocket echo (\`ws\` server and client, a
message of the same size), sampled in alternating rounds with ours. Targets: the browser-mode trip at most
${BROWSER_TARGET}× the bare echo (it is one echo plus JSON framing, validation and dispatch on both ends); main's share of an
IPC trip at most one bare echo (it has no socket at all).
`;

runIfMain(import.meta.url, roundtripBench);
