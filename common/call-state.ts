/**
 * The call lifecycle of the desktop softphone: one pure function, `transitionCall(state, event)`, that
 * whitelists every legal move and refuses every other with a clear error (the pattern of SIP.js's
 * `session-state.ts`, applied to a contact-center call). The call manager in main applies it to each call
 * it holds; the renderer receives the resulting state in each CallView (common/softphone-api.ts) to pick
 * its buttons. sip.js objects never leave main: this file is the only description of a call they share.
 *
 * ```
 *   inbound:  ringing ──answer──> answering ──ack──> active
 *   outbound: dialing ──progress──> alerting ──answered──> active
 *             dialing ─────────────answered────────────────> active
 *
 *   active ──hold──> holding ──hold_ok──> held ──resume──> resuming ──resume_ok──> active
 *             holding ──hold_failed──> active        resuming ──resume_failed──> held
 *   held ──transfer──> transferring ──transfer_ok──> ending
 *                      transferring ──transfer_failed──> held
 *
 *   any live state ──hangup (agent: BYE, CANCEL or decline)──> ending ──ended──> ended
 *   any live state or ending ──remote_end (BYE, CANCEL, a final failure, transport gone for good)──> ended
 * ```
 *
 * - A re-INVITE (hold, resume) is only sent from a settled state: `answering` waits for the ACK first,
 *   because sip.js marks a call established when it sends its 200 and a re-INVITE before the ACK fails.
 * - A blind transfer starts from `held`: the customer hears hold, not silence, while the REFER is out,
 *   and a refused REFER leaves the call where it was (held), ready to resume.
 * - Mute, the SIP transport reconnecting and ICE-restart renegotiation are not states: they change no
 *   legal move, so they are flags on the CallView.
 * - `ended` is final: every event on it is refused.
 */

export const CALL_STATES = [
  'ringing',
  'answering',
  'dialing',
  'alerting',
  'active',
  'holding',
  'held',
  'resuming',
  'transferring',
  'ending',
  'ended',
] as const;
export type CallState = (typeof CALL_STATES)[number];

export const CALL_EVENTS = [
  /** the agent answers an inbound call (200 OK sent) */
  'answer',
  /** the ACK for our 200 OK arrived */
  'ack',
  /** an outbound call got a provisional response (180/183): the far end is ringing */
  'progress',
  /** an outbound call got its 2xx (the ACK is sent at once) */
  'answered',
  'hold',
  'hold_ok',
  'hold_failed',
  'resume',
  'resume_ok',
  'resume_failed',
  /** the REFER of a blind transfer is sent */
  'transfer',
  /** the far end accepted the transfer (NOTIFY 2xx): our leg is ended next */
  'transfer_ok',
  'transfer_failed',
  /** the agent ends the call: BYE when established, CANCEL while dialing, a decline while ringing */
  'hangup',
  /** our BYE / CANCEL / decline is done */
  'ended',
  /** the far end or the network ended the call */
  'remote_end',
] as const;
export type CallEvent = (typeof CALL_EVENTS)[number];

export type CallTransitionError = {
  code: 'ILLEGAL_TRANSITION';
  message: string;
  from: CallState;
  event: CallEvent;
};
export type CallTransition = { ok: true; state: CallState } | { ok: false; error: CallTransitionError };

/** The states in which a call can still be hung up: every state but `ending` and `ended`. */
const LIVE_STATES = ['ringing', 'answering', 'dialing', 'alerting', 'active', 'holding', 'held', 'resuming', 'transferring'] as const satisfies readonly CallState[];

type Moves = Partial<Record<CallEvent, CallState>>;

const ending: Moves = { hangup: 'ending', remote_end: 'ended' };

/** The whitelist: state → event → next state. Anything absent is illegal. */
const LEGAL_MOVES: Record<CallState, Moves> = {
  ringing: { answer: 'answering', ...ending },
  answering: { ack: 'active', ...ending },
  dialing: { progress: 'alerting', answered: 'active', ...ending },
  alerting: { progress: 'alerting', answered: 'active', ...ending },
  active: { hold: 'holding', ...ending },
  holding: { hold_ok: 'held', hold_failed: 'active', ...ending },
  held: { resume: 'resuming', transfer: 'transferring', ...ending },
  resuming: { resume_ok: 'active', resume_failed: 'held', ...ending },
  transferring: { transfer_ok: 'ending', transfer_failed: 'held', ...ending },
  ending: { ended: 'ended', remote_end: 'ended' },
  ended: {},
};

/** What the agent can do next, said in the refusal so a person knows why a button did nothing. */
const HINTS: Partial<Record<CallEvent, string>> = {
  answer: 'only a ringing inbound call can be answered',
  hold: 'only an active call can be put on hold (wait for the answer, or for a hold or resume in progress to finish)',
  resume: 'only a held call can be resumed',
  transfer: 'put the call on hold before transferring it',
  hangup: 'the call is already ending',
};

export function transitionCall(state: CallState, event: CallEvent): CallTransition {
  const next = LEGAL_MOVES[state][event];
  if (next !== undefined) return { ok: true, state: next };
  const hint = HINTS[event];
  const message = state === 'ended'
    ? `The call has ended; "${event}" cannot apply to it.`
    : `A call that is ${state} cannot take "${event}"${hint !== undefined ? `: ${hint}.` : '.'}`;
  return { ok: false, error: { code: 'ILLEGAL_TRANSITION', message, from: state, event } };
}

/** The events `state` accepts, for the renderer's buttons and for the table test. */
export function legalCallEvents(state: CallState): CallEvent[] {
  return CALL_EVENTS.filter((event) => LEGAL_MOVES[state][event] !== undefined);
}

export function isLiveCall(state: CallState): boolean {
  return (LIVE_STATES as readonly CallState[]).includes(state);
}

/** The call is on hold for the customer (including while a resume is on its way). */
export function isHeldCall(state: CallState): boolean {
  return state === 'held' || state === 'resuming' || state === 'transferring';
}
