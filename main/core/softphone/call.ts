/**
 * One call: its sip.js session (never shown outside main), its state under common/call-state.ts, and the
 * serialisable CallView the renderer sees. Every state change goes through `apply`, so a call can only
 * move the way the state machine allows.
 */
import { Invitation, type Inviter } from 'sip.js';
import { transitionCall, isHeldCall, type CallEvent, type CallState } from '../../../common/call-state';
import { SwitchboardError } from '../../../common/errors';
import type { CallDirection, CallOutcome, CallQuality, CallView } from '../../../common/softphone-api';

export type CallSession = Invitation | Inviter;

export class Call {
  state: CallState;
  muted = false;
  reconnecting = false;
  conferencedWith: string[] = [];
  answeredAt: number | null = null;
  endedAt: number | null = null;
  outcome: CallOutcome | null = null;
  endReason: string | null = null;
  quality: CallQuality | null = null;
  /** every figure reported during the call (one every few seconds; capped, the summary needs no more) */
  readonly qualitySamples: CallQuality[] = [];
  /** the far end's final status for an outbound attempt that failed (486 → busy, …) */
  finalStatus: number | null = null;
  /** resolves when the ACK for our 200 OK arrived (at once for outbound calls, which send the ACK) */
  readonly acked: Promise<void>;
  private ackArrived!: () => void;
  /** resolves when the call ends, so nothing waits for an ACK that will never come */
  readonly over: Promise<void>;
  private ended!: () => void;

  constructor(
    readonly id: string,
    readonly session: CallSession,
    readonly direction: CallDirection,
    readonly workitemId: string | null,
    readonly remoteNumber: string,
    readonly remoteName: string | null,
    readonly autoAnswer: boolean,
    readonly startedAt: number,
  ) {
    this.state = direction === 'inbound' ? 'ringing' : 'dialing';
    this.acked = new Promise<void>((resolve) => {
      this.ackArrived = resolve;
    });
    this.over = new Promise<void>((resolve) => {
      this.ended = resolve;
    });
  }

  /** Waits for the ACK of our 200 when one is due (an answered inbound call), or for the call's end. */
  async settled(): Promise<void> {
    if (this.state === 'answering') await Promise.race([this.acked, this.over]);
  }

  markOver(): void {
    this.ended();
  }

  get invitation(): Invitation | null {
    return this.session instanceof Invitation ? this.session : null;
  }

  /** Moves the call or throws ILLEGAL_TRANSITION (409) with the state machine's explanation. */
  apply(event: CallEvent): void {
    const result = transitionCall(this.state, event);
    if (!result.ok) throw new SwitchboardError('ILLEGAL_TRANSITION', result.error.message);
    this.state = result.state;
  }

  /** Like apply, for events the network reports: an impossible one is ignored (a late or duplicate response). */
  applyIfLegal(event: CallEvent): boolean {
    const result = transitionCall(this.state, event);
    if (result.ok) this.state = result.state;
    return result.ok;
  }

  ackReceived(): void {
    this.ackArrived();
  }

  view(): CallView {
    return {
      id: this.id,
      workitemId: this.workitemId,
      direction: this.direction,
      remoteNumber: this.remoteNumber,
      remoteName: this.remoteName,
      state: this.state,
      held: isHeldCall(this.state),
      muted: this.muted,
      reconnecting: this.reconnecting,
      autoAnswer: this.autoAnswer,
      conferencedWith: [...this.conferencedWith],
      startedAt: this.startedAt,
      answeredAt: this.answeredAt,
      endedAt: this.endedAt,
      outcome: this.outcome,
      endReason: this.endReason,
      quality: this.quality,
    };
  }
}

/** What an outbound attempt's final failure means to the agent (the Outbound section shows it). */
export function outcomeOfStatus(statusCode: number): CallOutcome {
  if (statusCode === 486 || statusCode === 600) return 'busy';
  if (statusCode === 408 || statusCode === 480 || statusCode === 487) return 'no_answer';
  if (statusCode === 603) return 'declined';
  return 'failed';
}
