/**
 * Call setup before the screen. When the core asks this window's media engine for an offer or answer
 * (Accept → the INVITE → `mediaRequest`), a caller waits on it, and so does the agent: WebRTC's steps
 * resolve on this page's one thread, behind whatever else is queued there. Accepting also sets off the
 * screen's own work — the accept's answer, the inbox and outbound lists fetched again, the items' and
 * call's updates — each a React render of several milliseconds, and Chromium runs rendering ahead of
 * WebRTC's callbacks. Measured (docs/softphone.md, "Under 50 ms"), that queue was most of the
 * renderer's share of Accept → 200 OK.
 *
 * So, wrapped around the transport: from Accept on a call (a voice offer) until its negotiation begins,
 * and while a negotiation request is unanswered, other events wait (in order) and answers to other
 * operations are held back; both are let through the moment the engine's answer has been sent, or after
 * ACCEPT_HOLD_LIMIT_MS / NEGOTIATION_HOLD_LIMIT_MS at most (a refused accept, or a slow or failed engine,
 * never holds the screen longer than that). Media requests themselves always pass at once, and the click's
 * own feedback (the toast's "accepting") is the store's, at once. Nothing is dropped.
 */
import {
  EVENT_NAMES,
  OPERATION_NAMES,
  subscriptionName,
  type EventName,
  type SwitchboardApi,
} from '../../../common/desktop-api';
import { engineAttachmentChange } from '../../../common/softphone-api';

/** The longest the screen waits for one negotiation: a few frames, well past a normal answer's time. */
export const NEGOTIATION_HOLD_LIMIT_MS = 150;
/**
 * The longest the screen waits, after Accept on a call, for the INVITE's negotiation to begin (it comes
 * within tens of milliseconds; an accept the platform refuses releases the screen as its answer comes).
 */
export const ACCEPT_HOLD_LIMIT_MS = 250;

/** the requests that produce an offer or answer: the ones a caller, or the agent, is waiting on */
const NEGOTIATIONS: ReadonlySet<string> = new Set(['setDescription', 'getDescription']);
/** voice offers remembered at most (they ring one or two at a time; this only bounds a flood) */
const VOICE_OFFERS_KEPT = 100;

type Listener = (payload: unknown) => void;

/**
 * The request id of a negotiation request for one of `engines`, read defensively: this runs before the
 * contract check. Another window's engine (two tabs open) answers its own requests: this page does not wait.
 */
function negotiationId(payload: unknown, engines: ReadonlySet<string>): string | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const { engineId, requestId, request } = payload as { engineId?: unknown; requestId?: unknown; request?: { kind?: unknown } };
  if (typeof engineId !== 'string' || !engines.has(engineId)) return null;
  if (typeof requestId !== 'string' || typeof request?.kind !== 'string') return null;
  return NEGOTIATIONS.has(request.kind) ? requestId : null;
}

/** The work item id of a voice offer (offerReceived), read as defensively. */
function voiceOfferId(payload: unknown): string | null {
  const item = (payload as { item?: { workitemId?: unknown; channelType?: unknown } } | null)?.item;
  return item?.channelType === 'voice' && typeof item.workitemId === 'string' ? item.workitemId : null;
}

function workitemIdOf(request: unknown): string | null {
  const id = (request as { workitemId?: unknown } | null)?.workitemId;
  return typeof id === 'string' ? id : null;
}

export function mediaFirstSwitchboard(api: SwitchboardApi): SwitchboardApi {
  /** what holds the screen: negotiation requests in flight, and accepted calls whose INVITE is coming; each with its limit */
  const holds = new Map<string, ReturnType<typeof setTimeout>>();
  let held: (() => void)[] = [];
  const voiceOffers = new Set<string>();
  /** the media engines this page attached (a page without one takes no calls, so holds nothing) */
  const engines = new Set<string>();
  const acceptHold = (workitemId: string) => `accept:${workitemId}`;

  function hold(key: string, limitMs: number): void {
    if (!holds.has(key)) holds.set(key, setTimeout(() => release(key), limitMs));
  }

  function release(key: string): void {
    const limit = holds.get(key);
    if (limit === undefined) return;
    clearTimeout(limit);
    holds.delete(key);
    if (holds.size > 0) return;
    const waiting = held;
    held = [];
    for (const run of waiting) run();
  }

  /** Runs `work` now, or once nothing holds the screen. */
  function afterHolds(work: () => void): void {
    if (holds.size === 0) work();
    else held.push(work);
  }

  function onMediaRequest(payload: unknown): void {
    const requestId = negotiationId(payload, engines);
    if (requestId === null) return;
    hold(requestId, NEGOTIATION_HOLD_LIMIT_MS);
    // the call an Accept was waiting for has arrived: its request holds the screen from here
    for (const key of [...holds.keys()]) if (key.startsWith('accept:')) release(key);
  }

  function onOffer(event: EventName, payload: unknown): void {
    if (event === 'offerReceived') {
      const id = voiceOfferId(payload);
      if (id === null) return;
      voiceOffers.add(id);
      if (voiceOffers.size > VOICE_OFFERS_KEPT) voiceOffers.delete(voiceOffers.values().next().value as string);
    } else if (event === 'offerRescinded') {
      const id = workitemIdOf(payload);
      if (id !== null) voiceOffers.delete(id);
    }
  }

  const wrapped: Record<string, unknown> = {};
  for (const name of OPERATION_NAMES) {
    const call = api[name] as (request: unknown) => Promise<unknown>;
    if (name === 'answerMediaRequest') {
      wrapped[name] = async (request: unknown) => {
        const answering = call(request); // sent now; the screen's work may follow it
        const requestId = (request as { requestId?: unknown } | null)?.requestId;
        if (typeof requestId === 'string') release(requestId);
        return answering;
      };
      continue;
    }
    wrapped[name] = async (request: unknown) => {
      const workitemId = name === 'accept' || name === 'decline' ? workitemIdOf(request) : null;
      const acceptsCall = name === 'accept' && workitemId !== null && voiceOffers.has(workitemId) && engines.size > 0;
      if (workitemId !== null) voiceOffers.delete(workitemId);
      // Accepting a call: its INVITE, and the negotiation the caller waits on, follow within milliseconds.
      if (acceptsCall) hold(acceptHold(workitemId), ACCEPT_HOLD_LIMIT_MS);
      const result = await call(request);
      const succeeded = (result as { ok?: unknown } | null)?.ok === true;
      if (acceptsCall && !succeeded) release(acceptHold(workitemId));
      const change = engineAttachmentChange(name, request, { ok: succeeded });
      if (change?.attached) engines.add(change.engineId);
      else if (change) engines.delete(change.engineId);
      return new Promise((resolve) => afterHolds(() => resolve(result)));
    };
  }
  for (const event of EVENT_NAMES) {
    const key = subscriptionName(event);
    const subscribe = api[key] as unknown as (listener: Listener) => () => void;
    wrapped[key] =
      event === 'mediaRequest'
        ? (listener: Listener) =>
            subscribe((payload) => {
              onMediaRequest(payload);
              listener(payload);
            })
        : (listener: Listener) =>
            subscribe((payload) => {
              onOffer(event, payload);
              afterHolds(() => listener(payload));
            });
  }
  // Built from the two lists, so the result has exactly SwitchboardApi's members (as validated-switchboard.ts).
  return wrapped as SwitchboardApi;
}
