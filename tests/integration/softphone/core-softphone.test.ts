/**
 * The softphone wired into the desktop core, driven only through the core's API (what the renderer does):
 * the real platform's login hands out SIP credentials pointing at a small SIP-over-WebSocket server; the
 * core registers, pushes calls in `callsChanged`, asks the "renderer" for media through `mediaRequest`
 * events answered with `answerMediaRequest`, and a restarted core registers again from the stored session.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MediaRequestEnvelope, SoftphoneView } from '../../../common/softphone-api';
import { createDesktopCore, createMemoryTokenStore, type DesktopCore, type TokenStore } from '../../../main/core';
import { parseConfig } from '../../../server/config';
import { startPlatform } from '../../../server/platform';
import { invokeOk, makeTempDir, platformConfig, removeDir } from '../main/helpers';
import { AGENT_SDP } from '../../unit/main/core/softphone/fake-media-engine';
import { header, startFakeSipServer, type FakeSipServer } from '../../unit/main/core/softphone/fake-sip-server';

function keyringLike(): TokenStore {
  return { ...createMemoryTokenStore(), inMemoryOnly: false };
}

/** Plays the renderer's media engine over the core API: answers every media request at once. */
function attachRendererEngine(core: DesktopCore, engineId: string): { kinds: string[]; requests: MediaRequestEnvelope['request'][]; detach(): void } {
  const kinds: string[] = [];
  const requests: MediaRequestEnvelope['request'][] = [];
  const unsubscribe = core.subscribe((event, payload) => {
    if (event !== 'mediaRequest') return;
    const { requestId, request, engineId: target } = payload as MediaRequestEnvelope;
    if (target !== engineId) return;
    kinds.push(request.kind);
    requests.push(request);
    const answer = request.kind === 'getDescription' ? { sdp: AGENT_SDP, type: 'answer' } : request.kind === 'sendDtmf' ? { sent: true } : {};
    void core.invoke('answerMediaRequest', { requestId, result: { ok: true, answer } });
  });
  return { kinds, requests, detach: unsubscribe };
}

function softphoneWhere(core: DesktopCore, predicate: (view: SoftphoneView) => boolean, what: string): Promise<SoftphoneView> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out waiting for ${what}`));
    }, 10_000);
    const check = (view: SoftphoneView): void => {
      if (!predicate(view)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(view);
    };
    const unsubscribe = core.subscribe((event, payload) => {
      if (event === 'callsChanged') check(payload as SoftphoneView);
    });
    void core.invoke('getSoftphone', {}).then((result) => result.ok && check(result.value as SoftphoneView));
  });
}

describe('the softphone inside the desktop core', () => {
  let sip: FakeSipServer;
  let platformDir: string;
  let dataDir: string;
  let platform: { url: string; close(): Promise<void> };
  let core: DesktopCore | null = null;

  beforeEach(async () => {
    sip = await startFakeSipServer();
    platformDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-softphone-platform-'));
    dataDir = makeTempDir('sb-softphone-core-');
    // no edge runs here: the platform's control channel (controlPort) finds nobody and keeps retrying quietly
    const sipBlock = { domain: 'fake.invalid', gateway: 'sip:127.0.0.1:5070', secret: 'a-long-enough-secret', wsUrl: sip.url, controlPort: 1 };
    const config = { ...platformConfig(platformDir), sip: sipBlock, iceServers: [] };
    platform = await startPlatform(parseConfig(config, platformDir));
  });
  afterEach(async () => {
    await core?.close();
    core = null;
    await platform.close();
    await sip.close();
    removeDir(dataDir);
    removeDir(platformDir);
  });

  /** A core signed in as alice, `engineId` attached, and one incoming call answered and ACKed. */
  async function answeredCallOn(engineId: string, options: { mediaReturnGraceMs?: number } = {}) {
    const desktop = await createDesktopCore({ dataDir, platformUrl: platform.url, tokenStore: keyringLike(), ...options });
    core = desktop;
    await invokeOk(desktop, 'signIn', { username: 'alice', password: 'alice-pw' });
    await softphoneWhere(desktop, (v) => v.registration.state === 'registered', 'registered');
    const engine = attachRendererEngine(desktop, engineId);
    await invokeOk(desktop, 'attachMediaEngine', { engineId });
    const call = sip.invite();
    const { calls: [ringing] } = await softphoneWhere(desktop, (v) => v.calls[0]?.state === 'ringing', 'ringing');
    await invokeOk(desktop, 'answerCall', { callId: ringing!.id });
    await call.final;
    call.ack();
    await softphoneWhere(desktop, (v) => v.calls[0]?.state === 'active', 'active');
    return { desktop, engine, call, ringing };
  }

  it('registers after sign-in, takes a call through the media bridge, holds and hangs up', async () => {
    core = await createDesktopCore({ dataDir, platformUrl: platform.url, tokenStore: keyringLike() });
    await invokeOk(core, 'signIn', { username: 'alice', password: 'alice-pw' });
    const registered = await softphoneWhere(core, (v) => v.registration.state === 'registered', 'registered');
    expect(registered.registration.uri).toBe('sip:alice@fake.invalid');
    const register = await sip.waitFor((m) => m.method === 'REGISTER', 'REGISTER');
    expect(header(register, 'from')).toContain('sip:alice@fake.invalid');

    const engine = attachRendererEngine(core, 'engine_1');
    expect(await invokeOk(core, 'attachMediaEngine', { engineId: 'engine_1' })).toMatchObject({ mediaEngineAttached: true });

    const call = sip.invite({ from: '+15550123' });
    const ringing = await softphoneWhere(core, (v) => v.calls[0]?.state === 'ringing', 'ringing');
    const callId = ringing.calls[0]!.id;
    await invokeOk(core, 'answerCall', { callId });
    expect((await call.final).body).toBe(AGENT_SDP);
    call.ack();
    await softphoneWhere(core, (v) => v.calls[0]?.state === 'active', 'active');
    expect(await invokeOk(core, 'holdCall', { callId, hold: true })).toMatchObject({ state: 'held', held: true });
    expect(engine.kinds).toEqual(['setDescription', 'getDescription', 'getDescription', 'setDescription']);

    await invokeOk(core, 'hangupCall', { callId });
    await sip.waitFor((m) => m.method === 'BYE' && header(m, 'call-id') === call.callId, 'BYE');
    await softphoneWhere(core, (v) => v.calls[0]?.state === 'ended', 'ended');
    expect(engine.kinds).toContain('close');
  });

  it('keeps a call across a renderer reload: the new media engine gets an ICE-restart offer and the call renegotiates', async () => {
    const { desktop, engine: before, call, ringing } = await answeredCallOn('engine_before');

    // the window reloads: the old engine says goodbye on pagehide, the new one attaches with no peer connections
    before.detach();
    await invokeOk(desktop, 'detachMediaEngine', { engineId: 'engine_before' });
    const after = attachRendererEngine(desktop, 'engine_after');
    await invokeOk(desktop, 'attachMediaEngine', { engineId: 'engine_after' });
    const reinvite = await sip.waitFor((m) => m.method === 'INVITE' && header(m, 'call-id') === call.callId, 'the renegotiating re-INVITE');
    expect(reinvite.body).toBe(AGENT_SDP);
    const renegotiated = await softphoneWhere(desktop, (v) => v.calls[0]?.reconnecting === false && after.kinds.includes('setDescription'), 'renegotiated');
    expect(renegotiated.calls[0]).toMatchObject({ id: ringing!.id, state: 'active' });
    expect(after.kinds).toEqual(['getDescription', 'setDescription']);
    expect(after.requests[0]).toMatchObject({ kind: 'getDescription', iceRestart: true, hold: false, callId: ringing!.id });
    expect(sip.count((m) => m.method === 'BYE')).toBe(0);
  });

  it('hangs up the calls of a media engine that went away and did not come back', async () => {
    const { desktop, engine: engine, call, ringing } = await answeredCallOn('engine_lost', { mediaReturnGraceMs: 300 });

    // the renderer crashed: its transport detaches the engine for it (no pagehide ran), and no window returns
    engine.detach();
    await invokeOk(desktop, 'detachMediaEngine', { engineId: 'engine_lost' });
    await sip.waitFor((m) => m.method === 'BYE' && header(m, 'call-id') === call.callId, 'the BYE after the grace');
    const ended = await softphoneWhere(desktop, (v) => v.calls[0]?.state === 'ended', 'ended');
    expect(ended.calls[0]?.endReason).toMatch(/closed or crashed and did not come back/);
  });

  it('keeps the calls of a media engine that went away when another attaches within the grace', async () => {
    const { desktop, engine: before, call, ringing } = await answeredCallOn('engine_crashed', { mediaReturnGraceMs: 300 });

    before.detach();
    await invokeOk(desktop, 'detachMediaEngine', { engineId: 'engine_crashed' });
    const after = attachRendererEngine(desktop, 'engine_back');
    await invokeOk(desktop, 'attachMediaEngine', { engineId: 'engine_back' });
    await softphoneWhere(desktop, (v) => v.calls[0]?.reconnecting === false && after.kinds.includes('setDescription'), 'renegotiated');
    // well past the grace: still up, no BYE
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect((await invokeOk(desktop, 'getSoftphone', {})) as SoftphoneView).toMatchObject({ calls: [{ id: ringing!.id, state: 'active' }] });
    expect(sip.count((m) => m.method === 'BYE')).toBe(0);
  });

  it('refuses a call with 480 while no media engine is attached, and validates what the engine answers', async () => {
    core = await createDesktopCore({ dataDir, platformUrl: platform.url, tokenStore: keyringLike() });
    await invokeOk(core, 'signIn', { username: 'alice', password: 'alice-pw' });
    await softphoneWhere(core, (v) => v.registration.state === 'registered', 'registered');
    const call = sip.invite();
    expect((await call.final).status).toBe(480);

    const unknown = await core.invoke('answerMediaRequest', { requestId: 'mr_nope', result: { ok: true, answer: {} } });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const malformed = await core.invoke('answerMediaRequest', { requestId: 'mr_1', result: { ok: 'yes' } });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('renews short-lived credentials through the platform before they expire, registers with them, and keeps them', async () => {
    await platform.close();
    const sipBlock = { domain: 'fake.invalid', gateway: 'sip:127.0.0.1:5070', secret: 'a-long-enough-secret', wsUrl: sip.url, controlPort: 1, credentialTtlSeconds: 3 };
    platform = await startPlatform(parseConfig({ ...platformConfig(platformDir), sip: sipBlock }, platformDir));
    const tokenStore = keyringLike();
    core = await createDesktopCore({ dataDir, platformUrl: platform.url, tokenStore });
    const signedIn = await invokeOk<{ sip: { expiresAt: number } }>(core, 'signIn', { username: 'alice', password: 'alice-pw' });
    await softphoneWhere(core, (v) => v.registration.state === 'registered', 'registered');
    const registers = sip.count((m) => m.method === 'REGISTER');
    // a tenth of the 3 s life before expiry, the core asks the platform for new credentials and registers again
    await sip.waitFor((m) => m.method === 'REGISTER' && sip.count((r) => r.method === 'REGISTER') > registers, 'the REGISTER after renewal');
    await core.close();
    core = await createDesktopCore({ dataDir, platformUrl: platform.url, tokenStore });
    const resumed = await invokeOk<{ sip: { expiresAt: number } }>(core, 'getSession', {});
    expect(resumed.sip.expiresAt).toBeGreaterThan(signedIn.sip.expiresAt);
  });

  it('registers again from the stored session when the core restarts, and stops on sign-out', async () => {
    const tokenStore = keyringLike();
    core = await createDesktopCore({ dataDir, platformUrl: platform.url, tokenStore });
    await invokeOk(core, 'signIn', { username: 'alice', password: 'alice-pw' });
    await softphoneWhere(core, (v) => v.registration.state === 'registered', 'registered');
    await core.close();
    const before = sip.count((m) => m.method === 'REGISTER');

    core = await createDesktopCore({ dataDir, platformUrl: platform.url, tokenStore });
    await softphoneWhere(core, (v) => v.registration.state === 'registered', 'registered after the restart');
    expect(sip.count((m) => m.method === 'REGISTER')).toBeGreaterThan(before);

    await invokeOk(core, 'signOut', {});
    await softphoneWhere(core, (v) => v.registration.state === 'unconfigured', 'stopped after sign-out');
    expect(await core.invoke('answerCall', { callId: 'call_x' })).toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
  });
});
