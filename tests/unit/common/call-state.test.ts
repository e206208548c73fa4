import { describe, expect, it } from 'vitest';
import {
  CALL_EVENTS,
  CALL_STATES,
  isHeldCall,
  isLiveCall,
  legalCallEvents,
  transitionCall,
  type CallEvent,
  type CallState,
} from '../../../common/call-state';

/**
 * The expected table, written out by hand from the diagram (not derived from the implementation): every
 * pair listed here moves to the named state; every pair of CALL_STATES × CALL_EVENTS not listed is refused.
 */
const LEGAL: Record<CallState, Partial<Record<CallEvent, CallState>>> = {
  ringing: { answer: 'answering', hangup: 'ending', remote_end: 'ended' },
  answering: { ack: 'active', hangup: 'ending', remote_end: 'ended' },
  dialing: { progress: 'alerting', answered: 'active', hangup: 'ending', remote_end: 'ended' },
  alerting: { progress: 'alerting', answered: 'active', hangup: 'ending', remote_end: 'ended' },
  active: { hold: 'holding', hangup: 'ending', remote_end: 'ended' },
  holding: { hold_ok: 'held', hold_failed: 'active', hangup: 'ending', remote_end: 'ended' },
  held: { resume: 'resuming', transfer: 'transferring', hangup: 'ending', remote_end: 'ended' },
  resuming: { resume_ok: 'active', resume_failed: 'held', hangup: 'ending', remote_end: 'ended' },
  transferring: { transfer_ok: 'ending', transfer_failed: 'held', hangup: 'ending', remote_end: 'ended' },
  ending: { ended: 'ended', remote_end: 'ended' },
  ended: {},
};

const pairs = CALL_STATES.flatMap((state) => CALL_EVENTS.map((event) => [state, event] as const));

describe('transitionCall: every state × event', () => {
  it.each(pairs)('%s + %s', (state, event) => {
    const expected = LEGAL[state][event];
    const result = transitionCall(state, event);
    if (expected !== undefined) {
      expect(result).toEqual({ ok: true, state: expected });
    } else {
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error).toMatchObject({ code: 'ILLEGAL_TRANSITION', from: state, event });
      expect(result.error.message).toContain(state === 'ended' ? 'has ended' : state);
      expect(result.error.message).toContain(event);
    }
  });

  it('covers the whole table (11 states × 16 events)', () => {
    expect(pairs).toHaveLength(CALL_STATES.length * CALL_EVENTS.length);
    expect(CALL_STATES).toHaveLength(11);
    expect(CALL_EVENTS).toHaveLength(16);
  });
});

describe('call-state helpers', () => {
  it('lists the legal events of each state, in event order', () => {
    for (const state of CALL_STATES) {
      expect(legalCallEvents(state)).toEqual(CALL_EVENTS.filter((event) => LEGAL[state][event] !== undefined));
    }
  });

  it('says which calls can still be hung up and which are held for the customer', () => {
    expect(CALL_STATES.filter(isLiveCall)).toEqual(['ringing', 'answering', 'dialing', 'alerting', 'active', 'holding', 'held', 'resuming', 'transferring']);
    expect(CALL_STATES.filter(isHeldCall)).toEqual(['held', 'resuming', 'transferring']);
  });

  it('explains a refusal the agent can act on', () => {
    const result = transitionCall('ringing', 'hold');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toBe('A call that is ringing cannot take "hold": only an active call can be put on hold (wait for the answer, or for a hold or resume in progress to finish).');
  });

  it('reaches ended from every live state, and nothing leaves ended', () => {
    for (const state of CALL_STATES.filter(isLiveCall)) {
      const hungUp = transitionCall(state, 'hangup');
      expect(hungUp.ok && transitionCall(hungUp.state, 'ended')).toEqual({ ok: true, state: 'ended' });
    }
    expect(legalCallEvents('ended')).toEqual([]);
  });
});
