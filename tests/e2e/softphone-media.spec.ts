/**
 * The media engine with real WebRTC in Debian's Chromium (fake microphone: a beep; loopback ICE): two
 * engines in one page complete offer/answer through the media-bridge schema and exchange audio; hold and
 * mute change what flows; quality figures come out of getStats.
 */
import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { bundleForPage } from './support/bundle';
import { openHarnessPage, softphoneBrowser } from './support/softphone-fixture';

test.use(softphoneBrowser);

type Stats = { connectionState: string; packetsReceived: number; totalAudioEnergy: number; packetsSent: number; playing: boolean };

let script = '';
test.beforeAll(async () => {
  ({ script } = await bundleForPage(path.resolve('tests/e2e/support/media-harness.ts')));
});

async function openHarness(page: Page): Promise<void> {
  const errors = await openHarnessPage(page, { port: 47999, title: 'media harness', script, global: 'mediaHarness' });
  expect(errors).toEqual([]);
}

const stats = (page: Page, callId: string) =>
  page.evaluate((id) => (window as unknown as { mediaHarness: { audioStats(id: string): Promise<Stats | null> } }).mediaHarness.audioStats(id), callId);

async function negotiate(page: Page, holdA: boolean, holdB = false, iceRestart = false): Promise<{ offer: string; answer: string }> {
  return page.evaluate(
    ([a, b, restart]) => (window as unknown as { mediaHarness: { negotiate(a: boolean, b: boolean, r: boolean): Promise<{ offer: string; answer: string }> } }).mediaHarness.negotiate(a, b, restart),
    [holdA, holdB, iceRestart] as const,
  );
}

async function request(page: Page, engineId: string, body: object): Promise<unknown> {
  return page.evaluate(([id, req]) => (window as unknown as { mediaHarness: { request(id: string, r: unknown): Promise<unknown> } }).mediaHarness.request(id, req), [engineId, body] as const);
}

/** Waits until a counter of a call has grown past `above`. */
async function expectRising(page: Page, callId: string, field: keyof Stats, above: number): Promise<number> {
  let last = above;
  await expect.poll(async () => (last = Number((await stats(page, callId))?.[field] ?? 0)), { timeout: 10_000 }).toBeGreaterThan(above);
  return last;
}

test('two media engines complete offer/answer through the bridge and exchange audio both ways', async ({ page }) => {
  await openHarness(page);
  const { offer, answer } = await negotiate(page, false);
  // Full ICE gathering before the description is returned (sip.js does not trickle).
  expect(offer).toMatch(/a=candidate:/);
  expect(answer).toMatch(/a=candidate:/);
  expect(offer).toMatch(/a=sendrecv/);
  await expect.poll(async () => (await stats(page, 'a'))?.connectionState, { timeout: 10_000 }).toBe('connected');
  const a1 = await expectRising(page, 'a', 'packetsReceived', 0);
  const b1 = await expectRising(page, 'b', 'packetsReceived', 0);
  await expectRising(page, 'a', 'packetsReceived', a1);
  await expectRising(page, 'b', 'packetsReceived', b1);
  expect((await stats(page, 'a'))?.playing).toBe(true);

  // DTMF goes out as RFC 4733 telephone-event.
  expect(await request(page, 'A', { kind: 'sendDtmf', callId: 'a', tones: '12#', durationMs: 100, interToneGapMs: 70 })).toEqual({ sent: true });
  expect(await request(page, 'A', { kind: 'hasDescription', callId: 'a', contentType: 'application/sdp' })).toEqual({ has: true });
  expect(await request(page, 'A', { kind: 'hasDescription', callId: 'a', contentType: 'text/plain' })).toEqual({ has: false });
});

type Harness = {
  prepareB(): void;
  releaseB(): void;
  openedByB(): { peerConnections: number; microphones: number; live: number };
  negotiateAnsweringAtOnce(a: string, b: string): Promise<{ offer: string; answer: string }>;
};
const harness = (page: Page) => ({
  prepareB: () => page.evaluate(() => (window as unknown as { mediaHarness: Harness }).mediaHarness.prepareB()),
  releaseB: () => page.evaluate(() => (window as unknown as { mediaHarness: Harness }).mediaHarness.releaseB()),
  openedByB: () => page.evaluate(() => (window as unknown as { mediaHarness: Harness }).mediaHarness.openedByB()),
  negotiateAnsweringAtOnce: (a: string, b: string) => page.evaluate(([x, y]) => (window as unknown as { mediaHarness: Harness }).mediaHarness.negotiateAnsweringAtOnce(x, y), [a, b] as const),
});

test('a call adopts the microphone and connection prepared while its offer rang, and answers the offer it applies', async ({ page }) => {
  await openHarness(page);
  const b = harness(page);
  await b.prepareB();
  await expect.poll(() => b.openedByB()).toEqual({ peerConnections: 1, microphones: 1, live: 1 });

  const { answer } = await b.negotiateAnsweringAtOnce('a', 'b');
  // Sent before gathering (no wait on the caller's clock): A learns B as peer-reflexive from B's checks,
  // and the connection and the audio below prove that this is enough.
  expect(answer).not.toMatch(/a=candidate:/);
  expect(answer).toMatch(/a=sendrecv/);
  // the call opened nothing of its own: it took what was prepared
  expect(await b.openedByB()).toEqual({ peerConnections: 1, microphones: 1, live: 1 });
  await expect.poll(async () => (await stats(page, 'a'))?.connectionState, { timeout: 10_000 }).toBe('connected');
  // A hears B's prepared microphone, and B hears A
  await expectRising(page, 'a', 'packetsReceived', await expectRising(page, 'a', 'packetsReceived', 0));
  await expectRising(page, 'b', 'packetsReceived', 0);

  // What a ring prepares and no call takes is closed again; the call's own microphone stays on.
  await b.prepareB();
  await expect.poll(() => b.openedByB()).toEqual({ peerConnections: 2, microphones: 2, live: 2 });
  await b.releaseB();
  expect(await b.openedByB()).toEqual({ peerConnections: 2, microphones: 2, live: 1 });
  await b.releaseB(); // nothing prepared: nothing happens
  expect((await stats(page, 'b'))?.connectionState).toBe('connected');
});

test('hold stops what the held side receives; resume brings it back', async ({ page }) => {
  await openHarness(page);
  await negotiate(page, false);
  await expectRising(page, 'a', 'packetsReceived', 0);

  // A holds: its offer is sendonly, B answers recvonly — B stops sending to A, A keeps sending (music on hold).
  const { offer, answer } = await negotiate(page, true);
  expect(offer).toMatch(/a=sendonly/);
  expect(answer).toMatch(/a=recvonly/);
  // Packets in flight may still land: wait for A's count to settle, then prove it stays.
  let settled = -1;
  await expect
    .poll(async () => {
      const now = (await stats(page, 'a'))?.packetsReceived ?? 0;
      const same = now === settled;
      settled = now;
      return same;
    }, { intervals: [500], timeout: 10_000 })
    .toBe(true);
  const bDuringHold = (await stats(page, 'b'))?.packetsReceived ?? 0;
  await expectRising(page, 'b', 'packetsReceived', bDuringHold);
  expect((await stats(page, 'a'))?.packetsReceived).toBe(settled);

  const resumed = await negotiate(page, false);
  expect(resumed.offer).toMatch(/a=sendrecv/);
  await expectRising(page, 'a', 'packetsReceived', settled);
});

test('mute silences what the far end hears, unmute brings the voice back', async ({ page }) => {
  await openHarness(page);
  await negotiate(page, false);
  // The fake microphone beeps: the far end's received audio energy grows while A is not muted.
  const energy = await expectRising(page, 'b', 'totalAudioEnergy', 0);
  await expectRising(page, 'b', 'totalAudioEnergy', energy);

  await request(page, 'A', { kind: 'mute', callId: 'a', muted: true });
  // Muted: packets keep flowing (comfort silence) but carry no energy.
  let settled = -1;
  await expect
    .poll(async () => {
      const now = (await stats(page, 'b'))?.totalAudioEnergy ?? 0;
      const same = Math.abs(now - settled) < 1e-6;
      settled = now;
      return same;
    }, { intervals: [700], timeout: 10_000 })
    .toBe(true);
  const packets = (await stats(page, 'b'))?.packetsReceived ?? 0;
  await expectRising(page, 'b', 'packetsReceived', packets);

  await request(page, 'A', { kind: 'mute', callId: 'a', muted: false });
  await expectRising(page, 'b', 'totalAudioEnergy', settled + 1e-6);
});

test('each call gets quality figures every second; close ends its media', async ({ page }) => {
  await openHarness(page);
  await negotiate(page, false);
  const read = () => page.evaluate(() => (window as unknown as { mediaHarness: { qualities(id: string): { rttMs: number | null; jitterMs: number | null; lossPercent: number; mos: number; warnings: string[] }[] } }).mediaHarness.qualities('a'));
  await expect.poll(async () => (await read()).filter((q) => q.rttMs !== null && q.jitterMs !== null).length, { timeout: 15_000 }).toBeGreaterThan(0);
  const measured = (await read()).filter((q) => q.rttMs !== null).at(-1);
  // Loopback: next to no delay, no loss; the E-model gives G.711/Opus its ceiling.
  expect(measured?.lossPercent).toBe(0);
  expect(measured?.mos).toBeGreaterThan(4.3);
  expect(measured?.warnings).toEqual([]);

  await request(page, 'A', { kind: 'close', callId: 'a' });
  const calls = await page.evaluate(() => (window as unknown as { mediaHarness: { calls(): string[] } }).mediaHarness.calls());
  expect(calls).toEqual(['b']);
  // A request for a call that is gone fails with a clear error instead of hanging.
  await expect(request(page, 'A', { kind: 'mute', callId: 'a', muted: true })).rejects.toThrow(/NO_CALL: No media for call a/);
});
