/**
 * The softphone through the edge on loopback: the real platform and SIP edge (Kamailio + rtpengine, the
 * stack the e2e tests use), one desktop in browser mode with its page in Debian's Chromium (fake media
 * devices), driven by Playwright, and SIPp as the customer. Measured:
 *   - INVITE sent by SIPp → the offer toast painted: a MutationObserver in the page notes the toast's
 *     arrival and the next animation frame's time (performance.timeOrigin + performance.now(), wall clock),
 *     SIPp's -trace_msg gives the INVITE's send time on the same machine's wall clock;
 *   - the Accept click (a capturing click listener in the page) → SIPp receives the 200 OK;
 *   - CALLS calls in a row through the one desktop (ring, Accept, connected, SIPp hangs up, wrap-up,
 *     disposition): failures;
 *   - memory during one call of HOLD_SECONDS: the renderer's JS heap and the desktop core's RSS, sampled
 *     every 5 s after a full GC on each side and past a 15 s warm-up (bench/softphone-core-memory.ts); the
 *     slope of a least-squares line, MB/min, judged on growth (flat or falling meets the limit).
 * Baseline, in the same run: SIPp calling SIPp directly (no platform, no edge, no desktop): INVITE → 180
 * (the callee "rings") for the toast, INVITE → 200 with the callee answering at once for the Accept, the
 * same number of calls for failures, and the callee's RSS during a call as long as ours, run alongside it.
 *
 * The targets are absolute (p95 ≤ 100 ms, ≤ 50 ms, 0 failures, ≈ 0 MB/min): a bare SIPp answers in
 * well under a millisecond, so a ratio target would say nothing; the rows carry the ratio beside the
 * baseline as the kit does, and `target`/`met` state the absolute limit.
 *
 * Runnable alone: `npx tsx bench/softphone.bench.ts`. Knobs: BENCH_SOFTPHONE_CALLS (100, the issue's),
 * BENCH_SOFTPHONE_HOLD_SECONDS (120, the two-minute call); fewer for a quick look.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';

import globalSetup from '../tests/e2e/global-setup';
import { startBrowserMode, type RunningDesktop } from '../tests/e2e/support/desktop';
import { SOFTPHONE_CHROMIUM_ARGS } from '../tests/e2e/support/softphone-fixture';
import { SCENARIOS } from '../tests/support/sip/customer';
import { PlainRtpEndpoint } from '../tests/support/sip/media/plain-rtp-endpoint';
import { startSipp, type SippOutcome } from '../tests/support/sip/media/sipp-run';
import type { TracedMessage } from '../tests/support/sip/media/sipp-trace';
import { freePort, SUPPORT_NUMBER, startTelephonyStack, type TelephonyStack } from '../tests/support/sip/test-stack';
import { compare, percentile, runIfMain, type BenchResult } from './bench-kit';
import { CoreInspector, inspectorUrlIn, memoryLimitMet, rssBytes, slopeMbPerMinute, WARMUP_MS } from './softphone-core-memory';

/** The figures: 100 calls in a row (about 0.6 s each here) and a two-minute call; about 3.5 minutes. */
const CALLS = Number(process.env.BENCH_SOFTPHONE_CALLS ?? 100);
const HOLD_SECONDS = Number(process.env.BENCH_SOFTPHONE_HOLD_SECONDS ?? 120);
const SAMPLE_EVERY_MS = 5_000;
/** where to write each call's moments (JSON), when set */
const TRACE_FILE = process.env.BENCH_SOFTPHONE_TRACE;
/** where to write a Chromium performance trace of the page during the calls (chrome://tracing JSON), when set */
const CHROME_TRACE_FILE = process.env.BENCH_SOFTPHONE_CHROME_TRACE;
/** The first calls warm up (JIT, the first peer connection): counted for failures, not for the latencies. */
const WARMUP_CALLS = 2;
/**
 * rtpengine's range and the far ends' media ports, above the kernel's ephemeral ports (32768–60999) and
 * every other range here: the tests' (40000–47999) and the SIP edge bench's (rtpengine 46000–48999,
 * signalling 49000–49999). Inside 48000–48499, as they were, the edge bench's rtpengine — running at the
 * same time for another engineer — held a caller's fixed media port now and then: that SIPp could not
 * start, sent no INVITE, and the call failed as "the toast never showed" (the 1 failure in 100).
 */
const MEDIA = { portMin: 61000, portMax: 61299 };
const CALLER_MEDIA_PORT = 61400;
const CUSTOMER_RTP_PORT = 61420;
const BASELINE_CALLER_MEDIA_PORT = 61440;
const BASELINE_CALLEE_MEDIA_PORT = 61460;


/**
 * In the page: the wall-clock time each toast was painted (the frame after the MutationObserver saw it) and
 * each Accept click. Installed before the app's scripts run, so it sees the first toast. Plain JavaScript in
 * a string: a function compiled by tsx carries esbuild's `__name` helper, which the page does not have.
 */
const PAGE_PROBES = `(() => {
  const probe = { toasts: [], accepts: [] };
  window.__softphoneProbe = probe;
  const wallNow = () => performance.timeOrigin + performance.now();
  const seen = new Set();
  new MutationObserver(() => {
    for (const toast of document.querySelectorAll('[data-testid="offer-toast"]')) {
      const workitemId = toast.dataset.workitemId || '';
      if (seen.has(workitemId)) continue;
      seen.add(workitemId);
      requestAnimationFrame(() => probe.toasts.push({ workitemId, at: wallNow() }));
    }
  }).observe(document, { childList: true, subtree: true });
  document.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('button') : null;
    if (button && button.closest('[data-testid="offer-toast"]') && button.textContent.trim() === 'Accept') probe.accepts.push(wallNow());
  }, true);
})();`;

type Probe = { toasts: { workitemId: string; at: number }[]; accepts: number[] };
const readProbe = (page: Page) => page.evaluate(() => (window as unknown as { __softphoneProbe: Probe }).__softphoneProbe);

const first = (trace: TracedMessage[], direction: 'sent' | 'received', startLine: RegExp, cseqMethod = 'INVITE') =>
  trace.find((m) => m.direction === direction && m.cseqMethod === cseqMethod && startLine.test(m.startLine))?.at;

/** A row beside its baseline (ratio from the kit), judged against the absolute limit. */
function withLimit(row: BenchResult, limit: number, met = row.value <= limit): BenchResult {
  return { ...row, target: `value <= ${limit} ${row.unit}`, met };
}

async function signInAvailable(page: Page, desktop: RunningDesktop): Promise<void> {
  await page.goto(desktop.url);
  await page.getByLabel('Username').fill('alice');
  await page.getByLabel('Password').fill('alice-pw');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: /^Inbox/ }).waitFor();
  await page.locator('[data-testid="softphone-status"][data-state="registered"]').waitFor({ timeout: 20_000 });
  await page.getByLabel('Presence').selectOption('available');
}

/** After the customer hangs up: the wrap-up's disposition, so the agent is free for the next call. */
async function submitWrapUp(page: Page): Promise<void> {
  const wrapUp = page.getByTestId('wrap-up');
  await wrapUp.waitFor({ timeout: 15_000 });
  await wrapUp.getByLabel('Disposition').selectOption('resolved');
  await wrapUp.getByRole('button', { name: 'Submit' }).click();
  await wrapUp.waitFor({ state: 'hidden' });
}

/** SIPp calling SIPp: the callee answers at once; `calls` in a row, each held `holdMs`. */
async function sippDirect(dir: string, calls: number, holdMs: number, onCalleeStarted?: (pid: number) => void): Promise<{ caller: SippOutcome; callee: SippOutcome }> {
  const port = await freePort(new Set());
  await mkdir(path.join(dir, 'callee'), { recursive: true });
  await mkdir(path.join(dir, 'caller'), { recursive: true });
  const timeoutMs = holdMs * calls + 60_000;
  const callee = startSipp(path.join(dir, 'callee'), ['-sf', path.join(SCENARIOS, 'media-bench-callee.xml'), '-i', '127.0.0.1', '-p', String(port), '-mp', String(BASELINE_CALLEE_MEDIA_PORT), '-rtp_echo', '-m', String(calls)], { timeoutMs });
  if (callee.child.pid !== undefined) onCalleeStarted?.(callee.child.pid);
  await new Promise((resolve) => setTimeout(resolve, 300)); // the callee's socket bound before the first INVITE
  const caller = startSipp(path.join(dir, 'caller'), [
    `127.0.0.1:${port}`, '-sf', path.join(SCENARIOS, 'media-bench-caller.xml'), '-s', SUPPORT_NUMBER, '-i', '127.0.0.1', '-p', '0',
    '-mp', String(BASELINE_CALLER_MEDIA_PORT), '-m', String(calls), '-l', '1', '-d', String(holdMs), '-set', 'caller', '+15550123',
  ], { traceMessages: true, timeoutMs });
  return { caller: await caller.finished, callee: await callee.finished };
}

/** One call's moments, wall clock (ms since the epoch): what BENCH_SOFTPHONE_TRACE writes, per call. */
type CallMoments = { index: number; workitemId: string; invited: number; painted: number; clicked: number; answered: number };
type CallTiming = { toastMs: number; acceptMs: number; moments: CallMoments };

/** One call through the edge to the desktop: ring, Accept, connected, SIPp hangs up after 200 ms, wrap-up. */
async function oneCall(page: Page, stack: TelephonyStack, dir: string, index: number): Promise<CallTiming> {
  const sippDir = path.join(dir, `call-${index}`);
  await mkdir(sippDir);
  const before = await readProbe(page);
  const sipp = startSipp(sippDir, [
    `${stack.host}:${stack.udpPort}`, '-sf', path.join(SCENARIOS, 'media-bench-caller.xml'), '-s', SUPPORT_NUMBER, '-i', '127.0.0.1', '-p', '0',
    '-mp', String(CALLER_MEDIA_PORT), '-m', '1', '-d', '200', '-set', 'caller', '+15550123',
  ], { traceMessages: true, timeoutMs: 30_000 });
  try {
    const toast = page.getByTestId('offer-toast');
    // A SIPp that fails before the toast is accepted (it could not bind its ports, say) is the failure to
    // report, not a toast that never came; a SIPp that ends well is read below.
    const failedEarly = sipp.finished.then((outcome) => {
      if (outcome.exitCode !== 0) throw new Error(`call ${index}: SIPp failed (exit ${outcome.exitCode}): ${outcome.errors.slice(-500)}`);
      return new Promise<never>(() => undefined);
    });
    failedEarly.catch(() => undefined); // after the click, its failure is reported from `outcome` below
    await Promise.race([toast.getByRole('button', { name: 'Accept' }).click({ timeout: 15_000 }), failedEarly]);
    // Nothing polls the page while the call is set up: Playwright's waits run every animation frame in the
    // page's thread, the thread the call's answer needs — a cost no agent's desktop has. SIPp ends with
    // the call; the wrap-up is looked for after that.
    await sipp.finished;
    await submitWrapUp(page); // the wrap-up opens once the call has connected and SIPp has hung up

  } finally {
    setTimeout(sipp.stop, 5_000).unref(); // SIPp ends with the call; this only reaps a stuck one
  }
  const outcome = await sipp.finished;
  if (outcome.exitCode !== 0) throw new Error(`call ${index}: SIPp exited ${outcome.exitCode}: ${outcome.errors}`);
  const after = await readProbe(page);
  const invited = first(outcome.trace, 'sent', /^INVITE /);
  const answered = first(outcome.trace, 'received', /^SIP\/2\.0 200/);
  const toastSeen = after.toasts.slice(before.toasts.length)[0];
  const painted = toastSeen?.at;
  const clicked = after.accepts.slice(before.accepts.length)[0];
  if (invited === undefined || answered === undefined || painted === undefined || clicked === undefined) {
    throw new Error(`call ${index}: a moment is missing (INVITE ${invited}, toast ${painted}, click ${clicked}, 200 ${answered})`);
  }
  const moments = { index, workitemId: toastSeen?.workitemId ?? '', invited, painted, clicked, answered };
  return { toastMs: painted - invited, acceptMs: answered - clicked, moments };
}

/** One call held HOLD_SECONDS with audio both ways; the renderer's heap and the core's RSS sampled. */
async function heldCall(page: Page, stack: TelephonyStack, desktop: RunningDesktop, dir: string) {
  const rtp = await PlainRtpEndpoint.open({ port: CUSTOMER_RTP_PORT });
  const sippDir = path.join(dir, 'held-call');
  await mkdir(sippDir);
  const customer = startSipp(sippDir, [
    `${stack.host}:${stack.udpPort}`, '-sf', path.join(SCENARIOS, 'media-customer.xml'), '-s', SUPPORT_NUMBER, '-i', '127.0.0.1', '-p', '0',
    '-m', '1', '-set', 'caller', '+15550123', '-set', 'rtp_port', String(CUSTOMER_RTP_PORT),
  ], { timeoutMs: HOLD_SECONDS * 1000 + 60_000 });
  const cdp = await page.context().newCDPSession(page);
  const inspectorUrl = inspectorUrlIn(desktop.process.output());
  if (inspectorUrl === null) throw new Error('the desktop core printed no inspector address (it is started with --inspect=127.0.0.1:0)');
  const coreInspector = await CoreInspector.connect(inspectorUrl);
  const heap: { at: number; bytes: number }[] = [];
  const core: { at: number; bytes: number }[] = [];
  const coreHeap: { at: number; bytes: number }[] = [];
  try {
    await page.getByTestId('offer-toast').getByRole('button', { name: 'Accept' }).click({ timeout: 15_000 });
    await page.locator('[data-testid="call-state"]', { hasText: 'Connected' }).waitFor({ timeout: 20_000 });
    const started = Date.now();
    while (Date.now() - started <= HOLD_SECONDS * 1000) {
      // Both sides after a full GC, and only past the warm-up: the slope is then growth, not collection.
      await cdp.send('HeapProfiler.collectGarbage');
      const usage = await cdp.send('Runtime.getHeapUsage');
      await coreInspector.collectGarbage();
      const coreHeapUsed = await coreInspector.heapUsed();
      if (Date.now() - started >= WARMUP_MS) {
        heap.push({ at: Date.now(), bytes: usage.usedSize });
        core.push({ at: Date.now(), bytes: rssBytes(desktop.process.pid!) });
        coreHeap.push({ at: Date.now(), bytes: coreHeapUsed });
      }
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_EVERY_MS));
    }
    const packets = rtp.stats().packetsReceived;
    await page.getByTestId('call-controls').getByRole('button', { name: 'Hang up' }).click();
    const outcome = await customer.finished;
    if (outcome.exitCode !== 0) throw new Error(`the held call: SIPp exited ${outcome.exitCode}: ${outcome.errors}`);
    await submitWrapUp(page);
    return { heapSlope: slopeMbPerMinute(heap), coreSlope: slopeMbPerMinute(core), coreHeapSlope: slopeMbPerMinute(coreHeap), samples: heap.length, packets };
  } finally {
    customer.stop();
    rtp.close();
    coreInspector.close();
    await cdp.detach();
  }
}

export default async function softphoneBench(): Promise<BenchResult[]> {
  globalSetup(); // browser mode serves build/renderer: build it as the e2e tests do
  const dir = await mkdtemp(path.join(tmpdir(), 'switchboard-bench-softphone-'));
  const stack = await startTelephonyStack({
    media: MEDIA,
    patch: (raw) => {
      const support = (raw.queues as Record<string, unknown>[]).find((queue) => queue.id === 'support');
      Object.assign(support ?? {}, { offerTimeoutSeconds: 30, wrapUpTimeoutSeconds: 120, ttlSeconds: HOLD_SECONDS + 120 });
    },
  });
  let desktop: RunningDesktop | undefined;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: SOFTPHONE_CHROMIUM_ARGS });
  try {
    // the inspector on a free loopback port: the held call's samples are taken after a GC in the core
    desktop = await startBrowserMode(stack.platform.url, path.join(dir, 'desktop-data'), { NODE_OPTIONS: [process.env.NODE_OPTIONS, '--inspect=127.0.0.1:0'].filter(Boolean).join(' ') });
    const page = await (await browser.newContext()).newPage();
    await page.addInitScript({ content: PAGE_PROBES });
    await signInAvailable(page, desktop);

    // The bare figures: SIPp calling SIPp, the same number of calls.
    const bare = await sippDirect(path.join(dir, 'bare'), CALLS, 0);
    const bareRing: number[] = [];
    const bareAnswer: number[] = [];
    for (const callId of new Set(bare.caller.trace.map((m) => m.callId))) {
      const trace = bare.caller.trace.filter((m) => m.callId === callId);
      const invited = first(trace, 'sent', /^INVITE /);
      const ringing = first(trace, 'received', /^SIP\/2\.0 180/);
      const answered = first(trace, 'received', /^SIP\/2\.0 200/);
      if (invited !== undefined && ringing !== undefined) bareRing.push(ringing - invited);
      if (invited !== undefined && answered !== undefined) bareAnswer.push(answered - invited);
    }

    // Ours: CALLS calls in a row through the one desktop.
    const timings: CallTiming[] = [];
    const failures: string[] = [];
    const callsStarted = Date.now();
    if (CHROME_TRACE_FILE !== undefined) {
      await browser.startTracing(page, { path: CHROME_TRACE_FILE, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'webrtc', 'toplevel'] });
    }
    for (let i = 0; i < CALLS; i += 1) {
      try {
        const timing = await oneCall(page, stack, dir, i);
        if (i >= WARMUP_CALLS) timings.push(timing);
      } catch (error) {
        failures.push(`call ${i}: ${(error as Error).message}`);
        // start the next call from a clean screen: the page reloads (the core keeps the session)
        await page.reload();
        await page.getByRole('heading', { name: /^Inbox/ }).waitFor();
      }
    }
    if (CHROME_TRACE_FILE !== undefined) await browser.stopTracing();
    // Each call's moments, for the hop-by-hop breakdown beside a packet capture (docs/softphone.md, "Where the time goes").
    if (TRACE_FILE !== undefined) await writeFile(TRACE_FILE, JSON.stringify(timings.map((t) => t.moments), null, 1));
    console.error(`softphone bench: ${CALLS} calls in ${((Date.now() - callsStarted) / 1000).toFixed(1)} s`);
    if (failures.length > 0) console.error(`softphone bench: ${failures.length} failed calls, first: ${failures[0]}\n--- desktop ---\n${desktop.process.output().slice(-3000)}\n--- edge ---\n${stack.edgeLog()}`);

    // Memory: our call held HOLD_SECONDS, and alongside it a bare SIPp call as long, the callee's RSS sampled.
    const bareRss: { at: number; bytes: number }[] = [];
    let calleePid: number | undefined;
    const sampler = setInterval(() => {
      try {
        if (calleePid !== undefined) bareRss.push({ at: Date.now(), bytes: rssBytes(calleePid) });
      } catch {
        calleePid = undefined; // the callee has ended with its call
      }
    }, SAMPLE_EVERY_MS);
    const bareHeld = sippDirect(path.join(dir, 'bare-held'), 1, HOLD_SECONDS * 1000, (pid) => (calleePid = pid));
    const held = await heldCall(page, stack, desktop, dir);
    await bareHeld;
    clearInterval(sampler);
    const bareSlope = slopeMbPerMinute(bareRss);

    const toast = timings.map((t) => t.toastMs);
    const accept = timings.map((t) => t.acceptMs);
    const callsLabel = `${timings.length} calls after ${WARMUP_CALLS} warm-up`;
    return [
      withLimit(compare({ name: `softphone: INVITE at the edge → offer toast painted, p95 (${callsLabel})`, value: percentile(toast, 95), unit: 'ms', baseline: percentile(bareRing, 95) }), 100),
      compare({ name: `softphone: INVITE at the edge → offer toast painted, p50 (${callsLabel})`, value: percentile(toast, 50), unit: 'ms', baseline: percentile(bareRing, 50) }),
      withLimit(compare({ name: `softphone: Accept click → 200 OK at SIPp, p95 (${callsLabel})`, value: percentile(accept, 95), unit: 'ms', baseline: percentile(bareAnswer, 95) }), 50),
      compare({ name: `softphone: Accept click → 200 OK at SIPp, p50 (${callsLabel})`, value: percentile(accept, 50), unit: 'ms', baseline: percentile(bareAnswer, 50) }),
      withLimit(compare({ name: `softphone: failed calls of ${CALLS} in a row through one desktop`, value: failures.length, unit: 'calls', baseline: bare.caller.failed + (CALLS - bare.caller.successful - bare.caller.failed) }), 0),
      withLimit(compare({ name: `softphone: renderer JS heap slope during a ${HOLD_SECONDS} s call (${held.samples} samples after ${WARMUP_MS / 1000} s, after GC)`, value: held.heapSlope, unit: 'MB/min', baseline: bareSlope }), 1, memoryLimitMet(held.heapSlope, 1)),
      withLimit(compare({ name: `softphone: desktop core RSS slope during a ${HOLD_SECONDS} s call (${held.samples} samples after ${WARMUP_MS / 1000} s, after GC)`, value: held.coreSlope, unit: 'MB/min', baseline: bareSlope }), 1, memoryLimitMet(held.coreSlope, 1)),
      withLimit(compare({ name: `softphone: desktop core JS heap slope during a ${HOLD_SECONDS} s call (${held.samples} samples after ${WARMUP_MS / 1000} s, after GC)`, value: held.coreHeapSlope, unit: 'MB/min', baseline: bareSlope }), 1, memoryLimitMet(held.coreHeapSlope, 1)),
    ];
  } finally {
    await browser.close();
    await desktop?.process.stop();
    await stack.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export const about = `
**Softphone** (\`bench/softphone.bench.ts\`): through the edge on loopback — the real platform and SIP edge
(Kamailio + rtpengine), one desktop in browser mode with its page in Debian's Chromium driven by Playwright,
SIPp as the customer. *INVITE → toast*: SIPp's INVITE send time (its \`-trace_msg\` wall clock) to the frame
after a MutationObserver in the page saw the toast (\`performance.timeOrigin + performance.now()\`, the same
wall clock). *Accept → 200 OK*: a capturing click listener in the page to SIPp receiving the 200. *Calls in a
row*: ring, Accept, connected, the customer hangs up after 200 ms, wrap-up and disposition, each call by a
fresh SIPp. *Memory*: one call held (audio both ways), the renderer's JS heap and the core's RSS every 5 s,
each right after a full GC (CDP for the page, the core's own inspector for the core; the core's JS heap in use too,
which RSS hides behind what the allocator keeps or gives back), leaving out the call's
first 15 s (warm-up: the heap of the calls before being given back), as the slope of a least-squares line;
the limit is on growth, so a flat or falling slope meets it. Baseline in the same run: SIPp calling SIPp directly
(INVITE → 180 for the toast, INVITE → 200 with an at-once answer for the Accept, the same number of calls, the
callee's RSS during a call as long, run alongside ours). The issue's limits are absolute (p95 ≤ 100 ms,
≤ 50 ms, no failures, ≈ 0 MB/min), so \`target\` states them; a bare SIPp answers in well under a
millisecond, so the ratio is what the platform, edge and desktop add in all, not a target.
`;

runIfMain(import.meta.url, softphoneBench);
