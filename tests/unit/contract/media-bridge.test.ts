/**
 * Requests from main to the renderer with answers — the media bridge — over both real transports: main's
 * RendererMediaBridge pushes `mediaRequest` through the core's events; the renderer's API (checked by
 * validatedSwitchboard, as in the app) receives it and answers with `answerMediaRequest`; the answer is
 * validated by the transport (operation schema) and by the bridge (the answer schema of that request kind).
 * Browser mode: the real host and WebSocket client. Electron: main's IPC handlers and event forwarding with
 * preload's API over a fake ipcMain/ipcRenderer pair.
 */
import { EventEmitter } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ApiResult, EventName, SwitchboardApi } from '../../../common/desktop-api';
import { operationChannel } from '../../../common/desktop-channels';
import type { MediaRequestEnvelope } from '../../../common/softphone-api';
import { startBrowserHost, type BrowserHost } from '../../../main/browser/host';
import { RendererMediaBridge } from '../../../main/core/softphone/media-engine';
import type { DesktopCorePort } from '../../../main/ipc/core-port';
import { forwardCoreEvents } from '../../../main/ipc/forward-events';
import { registerIpcHandlers } from '../../../main/ipc/register-handlers';
import { buildSwitchboardApi, type IpcRendererPort } from '../../../preload/api';
import { createWebSocketSwitchboard, type WebSocketLike } from '../../../renderer/src/api';
import { validatedSwitchboard } from '../../../renderer/src/api/validated-switchboard';
import { APP_MAIN_FRAME, createFakeIpcMain } from '../main/ipc/fake-ipc-main';

/** Just enough core: the bridge's pushes are its events, answerMediaRequest its one operation. */
function bridgeCore(): { core: DesktopCorePort; bridge: RendererMediaBridge } {
  const listeners = new Set<(event: EventName, payload: unknown) => void>();
  const bridge = new RendererMediaBridge({ push: (envelope) => listeners.forEach((listener) => listener('mediaRequest', envelope)) });
  const core: DesktopCorePort = {
    invoke(name, request) {
      const engineId = (request as { engineId?: string }).engineId ?? '';
      if (name === 'attachMediaEngine') bridge.attach(engineId);
      if (name === 'detachMediaEngine') bridge.detach(engineId);
      if (name === 'attachMediaEngine' || name === 'detachMediaEngine') return Promise.resolve({ ok: true, value: { done: true } });
      if (name !== 'answerMediaRequest') return Promise.resolve({ ok: false, error: { code: 'NOT_FOUND', message: name } });
      const { requestId, result } = request as { requestId: string; result: { ok: true; answer: unknown } };
      try {
        bridge.answer(requestId, result);
        return Promise.resolve({ ok: true, value: { done: true } });
      } catch (error) {
        return Promise.resolve({ ok: false, error: { code: 'VALIDATION_FAILED', message: (error as Error).message } });
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { core, bridge };
}

/** The renderer's media engine in miniature: answers each request for its engine id, recording the answer's result. */
function answerAs(api: SwitchboardApi, engineId: string, answer: (envelope: MediaRequestEnvelope) => unknown): ApiResult<unknown>[] {
  const results: ApiResult<unknown>[] = [];
  api.onMediaRequest((envelope) => {
    if (envelope.engineId !== engineId) return;
    void api.answerMediaRequest({ requestId: envelope.requestId, result: { ok: true, answer: answer(envelope) } }).then((result) => results.push(result));
  });
  return results;
}

async function roundTrips(api: SwitchboardApi, bridge: RendererMediaBridge): Promise<void> {
  bridge.attach('engine_1');
  const results = answerAs(api, 'engine_1', (envelope) =>
    envelope.request.kind === 'getDescription' ? { sdp: 'v=0\r\n', type: 'answer' } : envelope.request.kind === 'sendDtmf' ? { sent: 'not a boolean' } : {},
  );
  await expect(bridge.request({ kind: 'getDescription', callId: 'call_1', hold: false, iceRestart: false })).resolves.toEqual({ sdp: 'v=0\r\n', type: 'answer' });
  await expect(bridge.request({ kind: 'close', callId: 'call_1' })).resolves.toEqual({});
  // a malformed answer fails the request in main and is refused to the renderer, which learns why
  await expect(bridge.request({ kind: 'sendDtmf', callId: 'call_1', tones: '1', durationMs: 100, interToneGapMs: 70 })).rejects.toThrow("The media engine's answer to sendDtmf is malformed");
  await expect.poll(() => results.length).toBe(3);
  expect(results.map((r) => r.ok)).toEqual([true, true, false]);
  // an answer with no such request is refused by the transport's schema before the bridge sees it
  const refused = await api.answerMediaRequest({ requestId: '', result: { ok: true, answer: {} } });
  expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
}

describe('the media bridge over the real transports', () => {
  describe('browser mode', () => {
    const { core, bridge } = bridgeCore();
    let host: BrowserHost;
    let rendererDir: string;

    beforeAll(async () => {
      rendererDir = await mkdtemp(path.join(os.tmpdir(), 'sb-media-bridge-'));
      await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html>');
      host = await startBrowserHost({ core, rendererDir });
    });
    afterAll(async () => {
      bridge.close();
      await host.close();
      await rm(rendererDir, { recursive: true, force: true });
    });

    it('carries requests to the renderer and its answers back, validated both ways', async () => {
      const socketApi = createWebSocketSwitchboard({
        url: `ws://127.0.0.1:${host.port}${host.basePath}/api?token=${host.token}`,
        createSocket: (url) => new WebSocket(url, { origin: host.origin }) as unknown as WebSocketLike,
      });
      try {
        // wait for the socket, so the first pushed request is not sent before anyone listens
        await expect.poll(() => socketApi.isConnected()).toBe(true);
        await roundTrips(validatedSwitchboard(socketApi, () => undefined), bridge);
      } finally {
        socketApi.close();
      }
    });

    it('detaches the engine of a tab whose socket closed without a goodbye (a crash runs no pagehide): its requests fail at once', async () => {
      const socket = new WebSocket(`ws://127.0.0.1:${host.port}${host.basePath}/api?token=${host.token}`, { origin: host.origin });
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
      const attached = new Promise((resolve) => socket.once('message', resolve));
      socket.send(JSON.stringify({ id: 1, op: 'attachMediaEngine', request: { engineId: 'engine_tab' } }));
      await attached;
      expect(bridge.attachedEngine).toBe('engine_tab');
      const unanswered = bridge.request({ kind: 'getDescription', callId: 'call_1', hold: false, iceRestart: false });
      socket.terminate(); // no detachMediaEngine, no close handshake
      await expect(unanswered).rejects.toThrow('The media engine went away');
      expect(bridge.isAttached()).toBe(false);
    });

    it('leaves alone an engine a newer tab attached when an older tab closes', async () => {
      const open = async (engineId: string) => {
        const socket = new WebSocket(`ws://127.0.0.1:${host.port}${host.basePath}/api?token=${host.token}`, { origin: host.origin });
        await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
        const attached = new Promise((resolve) => socket.once('message', resolve));
        socket.send(JSON.stringify({ id: 1, op: 'attachMediaEngine', request: { engineId } }));
        await attached;
        return socket;
      };
      const older = await open('engine_older');
      const newer = await open('engine_newer');
      const closed = new Promise((resolve) => older.once('close', resolve));
      older.terminate();
      await closed;
      await new Promise((resolve) => setTimeout(resolve, 50)); // the host's close handling has run
      expect(bridge.attachedEngine).toBe('engine_newer');
      newer.terminate();
      await expect.poll(() => bridge.isAttached()).toBe(false);
    });
  });

  describe('Electron IPC', () => {
    it('detaches the engine of a renderer whose process is gone (crashed, killed): its requests fail at once', async () => {
      const { core, bridge } = bridgeCore();
      const fake = createFakeIpcMain();
      registerIpcHandlers(fake.ipcMain, core, { isTrustedSender: (frame) => frame === APP_MAIN_FRAME });
      const contents = new EventEmitter();
      const sender = { id: 7, once: (event: string, listener: () => void) => contents.once(event, listener) };
      await fake.invoke(operationChannel('attachMediaEngine'), APP_MAIN_FRAME, { engineId: 'engine_window' }, sender);
      expect(bridge.attachedEngine).toBe('engine_window');
      const unanswered = bridge.request({ kind: 'getDescription', callId: 'call_1', hold: false, iceRestart: false });
      contents.emit('render-process-gone');
      await expect(unanswered).rejects.toThrow('The media engine went away');
      expect(bridge.isAttached()).toBe(false);
      // a renderer that detached on its own leaves nothing to detach when its contents are destroyed later
      await fake.invoke(operationChannel('attachMediaEngine'), APP_MAIN_FRAME, { engineId: 'engine_reloaded' }, sender);
      await fake.invoke(operationChannel('detachMediaEngine'), APP_MAIN_FRAME, { engineId: 'engine_reloaded' }, sender);
      const otherContents = new EventEmitter();
      const otherWindow = { id: 8, once: (event: string, listener: () => void) => otherContents.once(event, listener) };
      await fake.invoke(operationChannel('attachMediaEngine'), APP_MAIN_FRAME, { engineId: 'engine_other_window' }, otherWindow);
      contents.emit('destroyed');
      expect(bridge.attachedEngine).toBe('engine_other_window');
      bridge.close();
    });

    it('carries requests to the renderer and its answers back, validated both ways', async () => {
      const { core, bridge } = bridgeCore();
      const fake = createFakeIpcMain();
      registerIpcHandlers(fake.ipcMain, core, { isTrustedSender: (frame) => frame === APP_MAIN_FRAME });
      const rendererListeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
      const ipcRenderer: IpcRendererPort = {
        invoke: (channel, request) => fake.invoke(channel, APP_MAIN_FRAME, request),
        on: (channel, listener) => rendererListeners.set(channel, listener),
        removeListener: (channel) => rendererListeners.delete(channel),
      };
      const window = { send: (channel: string, payload: unknown) => rendererListeners.get(channel)?.({}, payload), isDestroyed: () => false };
      const stopForwarding = forwardCoreEvents(core, window);
      try {
        await roundTrips(validatedSwitchboard(buildSwitchboardApi(ipcRenderer), () => undefined), bridge);
      } finally {
        stopForwarding();
        bridge.close();
      }
    });
  });
});
