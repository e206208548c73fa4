/**
 * The one API in three places: every operation and event of common/desktop-api.ts exists in the preload
 * (as exposed through a fake contextBridge), has a main IPC handler, and works through the browser-mode
 * host over a real WebSocket — and none of the three offers anything extra.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { DESKTOP_EVENTS, DESKTOP_OPERATIONS, EVENT_NAMES, OPERATION_NAMES, subscriptionName, type EventName } from '../../../common/desktop-api';
import { EVENT_NAME_LIST, eventChannel, OPERATION_NAME_LIST, operationChannel, subscriptionKey } from '../../../common/desktop-channels';
import { startBrowserHost, type BrowserHost } from '../../../main/browser/host';
import { registerIpcHandlers } from '../../../main/ipc/register-handlers';
import { createWebSocketSwitchboard, type WebSocketLike } from '../../../renderer/src/api';
import { createFakeCore } from '../main/ipc/fake-core';
import { APP_MAIN_FRAME, createFakeIpcMain } from '../main/ipc/fake-ipc-main';

const exposed = new Map<string, Record<string, unknown>>();
const ipcRenderer = {
  invoke: vi.fn(async (channel: string, request: unknown) => ({ ok: true, value: { channel, request } })),
  listeners: new Map<string, (event: unknown, payload: unknown) => void>(),
  on: vi.fn((channel: string, listener: (event: unknown, payload: unknown) => void) => ipcRenderer.listeners.set(channel, listener)),
  removeListener: vi.fn((channel: string) => ipcRenderer.listeners.delete(channel)),
};
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.set(key, api) },
  ipcRenderer,
}));

/** One valid request per operation, so each call must get through every validation layer. */
const SAMPLE_REQUESTS: { [N in keyof typeof DESKTOP_OPERATIONS]: unknown } = {
  signIn: { username: 'ada', password: 'secret' },
  signOut: {},
  getSession: {},
  getConnection: {},
  listInbox: { rows: 10 },
  listOutbound: {},
  getWorkItem: { workitemId: 'wi_1' },
  accept: { workitemId: 'wi_1' },
  decline: { workitemId: 'wi_1' },
  hold: { workitemId: 'wi_1', hold: true },
  hangup: { workitemId: 'wi_1' },
  disposition: { workitemId: 'wi_1', code: 'RESOLVED' },
  transfer: { workitemId: 'wi_1', target: { queueId: 'sales' } },
  conference: { workitemId: 'wi_1', target: { agentUsername: 'grace' } },
  dial: { workitemId: 'wi_1' },
  skip: { workitemId: 'wi_1' },
  setTaskStatus: { workitemId: 'wi_1', status: 'in_progress' },
  createTask: { type: 'task', subject: 'Follow up', queueId: 'support' },
  createCallback: { phone: '+14155550100', queueId: 'support', reason: 'Call back about the invoice' },
  addNote: { workitemId: 'wi_1', text: 'Called back' },
  listMessages: { workitemId: 'wi_1' },
  sendMessage: { workitemId: 'wi_1', text: 'Hello' },
  markMessagesRead: { workitemId: 'wi_1' },
  setPresence: { state: 'available' },
  getPresence: {},
  listQueues: {},
  listDispositions: {},
  getSettings: {},
  setSetting: { key: 'theme', value: 'dark' },
  getSoftphone: {},
  answerCall: { callId: 'call_1' },
  declineCall: { callId: 'call_1' },
  hangupCall: { callId: 'call_1' },
  holdCall: { callId: 'call_1', hold: true },
  muteCall: { callId: 'call_1', muted: true },
  sendDtmf: { callId: 'call_1', tones: '12#' },
  transferCall: { callId: 'call_1', target: { queueId: 'billing' } },
  conferenceCalls: { callId: 'call_1', withCallId: 'call_2' },
  placeCall: { number: '+15550100' },
  setAudioDevices: { microphone: 'Headset Mic' },
  attachMediaEngine: { engineId: 'engine_1' },
  detachMediaEngine: { engineId: 'engine_1' },
  answerMediaRequest: { requestId: 'rq_1', result: { ok: true, answer: { sdp: 'v=0', type: 'answer' } } },
  reportCallQuality: { callId: 'call_1', quality: { rttMs: 20, jitterMs: 3, lossPercent: 0, mos: 4.3, at: 1 } },
  reportError: { source: 'panel', where: 'Inbox', message: 'boom' },
  saveDiagnostics: {},
};

function sampleRequest(name: keyof typeof DESKTOP_OPERATIONS): unknown {
  return SAMPLE_REQUESTS[name];
}

describe('desktop API contract', () => {
  it('has a valid sample request for every operation (so the checks below exercise real payloads)', () => {
    for (const name of OPERATION_NAMES) {
      const parsed = DESKTOP_OPERATIONS[name].request.safeParse(sampleRequest(name));
      expect(parsed.success, `${name}: ${parsed.success ? '' : JSON.stringify(parsed.error.issues)}`).toBe(true);
    }
  });

  it('preload exposes exactly one function per operation and one on<Event> per event', async () => {
    await import('../../../preload/index');
    const api = exposed.get('switchboard')!;
    expect([...exposed.keys()]).toEqual(['switchboard']);
    expect(Object.keys(api).sort()).toEqual([...OPERATION_NAMES, ...EVENT_NAMES.map(subscriptionName)].sort());

    for (const name of OPERATION_NAMES) {
      await (api[name] as (request: unknown) => Promise<unknown>)(sampleRequest(name));
      expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(operationChannel(name), sampleRequest(name));
    }
    for (const event of EVENT_NAMES) {
      const received: unknown[] = [];
      const unsubscribe = (api[subscriptionName(event)] as (listener: (payload: unknown) => void) => () => void)((payload) => received.push(payload));
      ipcRenderer.listeners.get(eventChannel(event))!({}, { sample: event });
      expect(received).toEqual([{ sample: event }]);
      unsubscribe();
      expect(ipcRenderer.listeners.has(eventChannel(event))).toBe(false);
    }
  });

  it('main registers exactly one IPC handler per operation, each reaching the core', async () => {
    const core = createFakeCore();
    const fake = createFakeIpcMain();
    registerIpcHandlers(fake.ipcMain, core, { isTrustedSender: (frame) => frame === APP_MAIN_FRAME });
    expect(fake.channels().sort()).toEqual(OPERATION_NAMES.map(operationChannel).sort());
    for (const name of OPERATION_NAMES) {
      const result = await fake.invoke(operationChannel(name), APP_MAIN_FRAME, sampleRequest(name));
      expect(result, name).toMatchObject({ ok: true, value: { echo: name } });
    }
    expect(core.calls.map((call) => call.name)).toEqual(OPERATION_NAMES);
  });

  describe('browser-mode host', () => {
    const core = createFakeCore();
    let host: BrowserHost;
    let rendererDir: string;

    beforeAll(async () => {
      rendererDir = await mkdtemp(path.join(os.tmpdir(), 'sb-contract-'));
      await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html>');
      host = await startBrowserHost({ core, rendererDir });
    });
    afterAll(async () => {
      await host.close();
      await rm(rendererDir, { recursive: true, force: true });
    });

    it('serves every operation and pushes every event over the WebSocket, and nothing else', async () => {
      const api = createWebSocketSwitchboard({
        url: `ws://127.0.0.1:${host.port}${host.basePath}/api?token=${host.token}`,
        createSocket: (url) => new WebSocket(url, { origin: host.origin }) as unknown as WebSocketLike,
      });
      try {
        expect(Object.keys(api).filter((key) => key !== 'close' && key !== 'isConnected').sort()).toEqual(
          [...OPERATION_NAMES, ...EVENT_NAMES.map(subscriptionName)].sort(),
        );
        for (const name of OPERATION_NAMES) {
          const result = await (api[name] as (request: unknown) => Promise<unknown>)(sampleRequest(name));
          expect(result, name).toMatchObject({ ok: true, value: { echo: name } });
        }
        for (const event of EVENT_NAMES) {
          const arrived = new Promise((resolve) => {
            const unsubscribe = (api[subscriptionName(event)] as (listener: (payload: unknown) => void) => () => void)((payload) => {
              unsubscribe();
              resolve(payload);
            });
          });
          core.emit(event as EventName, { sample: event });
          await expect(arrived).resolves.toEqual({ sample: event });
        }
      } finally {
        api.close();
      }
    });

    it('refuses an operation name that is not in the contract', async () => {
      const socket = new WebSocket(`ws://127.0.0.1:${host.port}${host.basePath}/api?token=${host.token}`, { origin: host.origin });
      await new Promise((resolve) => socket.once('open', resolve));
      const answer = new Promise((resolve) => socket.once('message', (data) => resolve(JSON.parse(data.toString()))));
      socket.send(JSON.stringify({ id: 1, op: 'eval', request: {} }));
      await expect(answer).resolves.toMatchObject({ id: 1, result: { ok: false, error: { code: 'NOT_FOUND' } } });
      socket.close();
    });
  });

  it('the schema-free name lists (used by the preload bundle) match the schemas exactly', () => {
    expect([...OPERATION_NAME_LIST].sort()).toEqual([...OPERATION_NAMES].sort());
    expect([...EVENT_NAME_LIST].sort()).toEqual([...EVENT_NAMES].sort());
    expect(EVENT_NAMES.every((event) => DESKTOP_EVENTS[event] !== undefined && subscriptionKey(event) === subscriptionName(event))).toBe(true);
  });
});
