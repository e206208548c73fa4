import { describe, expect, it } from 'vitest';
import {
  SEED001_WORKITEM_TYPES,
  fromSeed001Priority,
  fromSeed001Type,
  toSeed001Priority,
  toSeed001Type,
} from '../../../common/seed001';
import { PRIORITIES, type Kind } from '../../../common/vocabulary';

describe('seed 001 WorkitemType', () => {
  it('maps each seed type onto kind, direction, channel type and channel', () => {
    const table = Object.fromEntries(SEED001_WORKITEM_TYPES.map((t) => {
      const m = fromSeed001Type(t)!;
      return [t, `${m.kind} ${m.direction} ${m.channelType} ${m.channel ?? '-'}${m.subType ? ` ${m.subType}` : ''}`];
    }));
    expect(table).toEqual({
      InboundCall: 'call INBOUND voice -',
      OutboundCall: 'call OUTBOUND voice -',
      PredictiveCall: 'call OUTBOUND voice - predictive',
      InboundEmail: 'email INBOUND email -',
      OutboundEmail: 'email OUTBOUND email -',
      InboundSMS: 'chat INBOUND sms sms',
      OutboundSMS: 'chat OUTBOUND sms sms',
      Chat: 'chat INBOUND chat webchat',
      Facebook: 'chat INBOUND chat facebook',
      Instagram: 'chat INBOUND chat instagram',
      Twitter: 'chat INBOUND chat twitter',
      Whatsapp: 'chat INBOUND chat whatsapp',
    });
  });

  it('round-trips every seed type', () => {
    for (const t of SEED001_WORKITEM_TYPES) {
      const m = fromSeed001Type(t)!;
      expect(toSeed001Type({ type: m.kind, direction: m.direction, channelType: m.channelType, channel: m.channel, subType: m.subType })).toBe(t);
    }
  });

  it('returns undefined for names seed 001 does not have', () => {
    expect(fromSeed001Type('inboundcall')).toBeUndefined();
    expect(fromSeed001Type('Task')).toBeUndefined();
    expect(fromSeed001Type('toString')).toBeUndefined();
  });

  it('gives no seed type to tasks, callbacks, reviews, approvals or video meetings', () => {
    for (const kind of ['task', 'callback', 'review', 'approval'] as Kind[]) {
      expect(toSeed001Type({ type: kind, direction: 'INBOUND', channelType: 'email', channel: 'Internal' })).toBeUndefined();
    }
    expect(toSeed001Type({ type: 'call', direction: 'INBOUND', channelType: 'videoMeeting', channel: null })).toBeUndefined();
  });

  it('keeps the inbound name for transfers and conferences, and Chat for a chat without a sub-channel', () => {
    expect(toSeed001Type({ type: 'call', direction: 'DIRECT_TRANSFER', channelType: 'voice', channel: null })).toBe('InboundCall');
    expect(toSeed001Type({ type: 'email', direction: 'DIRECT_CONFERENCE', channelType: 'email', channel: null })).toBe('InboundEmail');
    expect(toSeed001Type({ type: 'chat', direction: 'INBOUND', channelType: 'chat', channel: null })).toBe('Chat');
    expect(toSeed001Type({ type: 'chat', direction: 'OUTBOUND', channelType: 'chat', channel: 'whatsapp' })).toBe('Whatsapp');
  });
});

describe('seed 001 priority', () => {
  it('maps by rank: 1 Critical ↔ 5 … 8 Low ↔ 1', () => {
    expect(PRIORITIES.map((p) => [p, toSeed001Priority(p)])).toEqual([[1, 5], [2, 4], [3, 3], [5, 2], [8, 1]]);
  });

  it('round-trips both ways and refuses what is off the scale', () => {
    for (const p of PRIORITIES) expect(fromSeed001Priority(toSeed001Priority(p))).toBe(p);
    for (const s of [1, 2, 3, 4, 5]) expect(toSeed001Priority(fromSeed001Priority(s)!)).toBe(s);
    for (const bad of [0, 6, 2.5, -1, Number.NaN]) expect(fromSeed001Priority(bad)).toBeUndefined();
  });
});
