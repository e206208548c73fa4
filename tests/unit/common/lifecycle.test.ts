import { describe, expect, it } from 'vitest';
import { SwitchboardError } from '../../../common/errors';
import type { LifecycleEvent, LifecycleEventType } from '../../../common/lifecycle-events';
import { newWorkItem, toSwitchboardError, transition, type TransitionResult } from '../../../common/lifecycle';
import { STATES, type Direction, type Kind, type Mode, type State } from '../../../common/vocabulary';
import { WorkItemSchema, type WorkItem } from '../../../common/workitem';

const T0 = 1_700_000_000_000;
const NOW = T0 + 60_000;

/** One sample of every event type; the Record type makes the compiler insist on all of them. */
const EVENTS: Record<LifecycleEventType, LifecycleEvent> = {
  offer: { type: 'offer', by: 'system', agentUsername: 'alice', expiresAt: NOW + 30_000 },
  accept: { type: 'accept', by: 'alice' },
  media_up: { type: 'media_up', by: 'system' },
  decline: { type: 'decline', by: 'alice' },
  offer_timeout: { type: 'offer_timeout', by: 'system' },
  ttl_expired: { type: 'ttl_expired', by: 'system' },
  hold: { type: 'hold', by: 'alice' },
  resume: { type: 'resume', by: 'alice' },
  conference: { type: 'conference', by: 'alice', target: { queueId: 'billing' } },
  conference_end: { type: 'conference_end', by: 'system' },
  hangup: { type: 'hangup', by: 'alice', wrapUpExpiresAt: NOW + 120_000 },
  disposition: { type: 'disposition', by: 'alice', code: 'resolved', notes: 'all good' },
  wrapup_timeout: { type: 'wrapup_timeout', by: 'system', code: 'wrap_up_timeout' },
  transfer: { type: 'transfer', by: 'alice', target: { agentUsername: 'bob' } },
  dial: { type: 'dial', by: 'alice' },
  skip: { type: 'skip', by: 'alice' },
  set_status: { type: 'set_status', by: 'alice', status: 'resolved' },
  assign: { type: 'assign', by: 'alice', assignee: { agentUsername: 'bob' } },
  close: { type: 'close', by: 'system', reasonCode: 'CANCELLED' },
};
const EVENT_TYPES = Object.keys(EVENTS) as LifecycleEventType[];

type Fixture = { type: Kind; direction?: Direction; mode?: Mode };

/** An item of the fixture's kind sitting in `state`, with the fields that state implies. */
function itemIn(state: State, fixture: Fixture): WorkItem {
  const offeredOrLater = state !== 'inqueue';
  return newWorkItem({
    workitemId: 'wi_test',
    createdAt: T0,
    createdBy: 'system',
    queueId: 'support',
    ...fixture,
    state,
    agentUsername: offeredOrLater ? 'alice' : null,
    offeredAt: offeredOrLater ? T0 + 1_000 : null,
    offerExpiresAt: state === 'offered' ? T0 + 31_000 : null,
    assignedAt: offeredOrLater && state !== 'offered' ? T0 + 2_000 : null,
    terminatedAt: state === 'terminated' ? T0 + 3_000 : null,
    reasonCode: state === 'closed' ? 'ABANDONED' : null,
  });
}

// Expected outcome per event (rows) and state (columns, in STATES order): the resulting state, with
// ":REASON" when the item's reasonCode becomes REASON, or "-" for ILLEGAL_TRANSITION.
type Table = Record<LifecycleEventType, string[]>;
const _ = '-';
const CNA = 'closed:NO_AGENT_AVAILABLE';
const CTR = 'closed:TRANSFERRED';
const CCA = 'closed:CANCELLED';

/** Shared by every kind: the rows that do not depend on what the item is. */
const COMMON_ROWS = {
  //               inqueue  offered  accepted      active        hold          conference    terminated       dispositioned closed
  offer:          ['offered', _,     _,            _,            _,            _,            _,               _,            _],
  media_up:       [_,       _,       'active',     _,            _,            _,            _,               _,            _],
  ttl_expired:    [CNA,     CNA,     _,            _,            _,            _,            _,               _,            _],
  hold:           [_,       _,       _,            'hold',       _,            _,            _,               _,            _],
  resume:         [_,       _,       _,            _,            'active',     _,            _,               _,            _],
  conference:     [_,       _,       _,            'conference', 'conference', _,            _,               _,            _],
  conference_end: [_,       _,       _,            _,            _,            'active',     _,               _,            _],
  hangup:         [_,       _,       'terminated', 'terminated', 'terminated', 'terminated', _,               _,            _],
  disposition:    [_,       _,       _,            _,            _,            _,            'dispositioned', _,            _],
  wrapup_timeout: [_,       _,       _,            _,            _,            _,            'dispositioned', _,            _],
  transfer:       [_,       _,       CTR,          CTR,          CTR,          CTR,          _,               _,            _],
  close:          [CCA,     CCA,     CCA,          CCA,          CCA,          CCA,          CCA,             _,            _],
} satisfies Partial<Table>;

const NONE = [_, _, _, _, _, _, _, _, _];
const DONE = 'dispositioned:COMPLETED';

const TABLES: Array<{ name: string; fixture: Fixture; table: Table }> = [
  {
    name: 'inbound chat',
    fixture: { type: 'chat' },
    table: {
      ...COMMON_ROWS,
      //               inqueue  offered     accepted ...
      accept:         [_,       'active',   _, _, _, _, _, _, _],
      decline:        [_,       'inqueue',  _, _, _, _, _, _, _],
      offer_timeout:  [_,       'inqueue',  _, _, _, _, _, _, _],
      dial:           NONE,
      skip:           NONE,
      set_status:     NONE,
      assign:         NONE,
    },
  },
  {
    name: 'inbound call',
    fixture: { type: 'call' },
    table: {
      ...COMMON_ROWS,
      accept:         [_,       'accepted', _, _, _, _, _, _, _],
      decline:        [_,       'inqueue',  _, _, _, _, _, _, _],
      offer_timeout:  [_,       'inqueue',  _, _, _, _, _, _, _],
      dial:           NONE,
      skip:           NONE,
      set_status:     NONE,
      assign:         NONE,
    },
  },
  {
    name: 'outbound call (progressive dial)',
    fixture: { type: 'call', direction: 'OUTBOUND' },
    table: {
      ...COMMON_ROWS,
      accept:         NONE,
      decline:        [_,       'inqueue',  _, _, _, _, _, _, _],
      offer_timeout:  [_,       'inqueue',  _, _, _, _, _, _, _],
      dial:           [_,       'active',   _, _, _, _, _, _, _],
      skip:           [_,       'inqueue',  _, _, _, _, _, _, _],
      set_status:     NONE,
      assign:         NONE,
    },
  },
  {
    name: 'callback',
    fixture: { type: 'callback' },
    table: {
      ...COMMON_ROWS,
      accept:         NONE,
      decline:        [_,       'inqueue',  _, _, _, _, _, _, _],
      offer_timeout:  [_,       'inqueue',  _, _, _, _, _, _, _],
      dial:           [_,       'active',   _, _, _, _, _, _, _],
      skip:           [_,       'inqueue',  _, _, _, _, _, _, _],
      set_status:     NONE,
      //               inqueue    offered    accepted    active    hold    conference    terminated    dispositioned closed
      assign:         ['inqueue', 'inqueue', 'accepted', 'active', 'hold', 'conference', 'terminated', _,            _],
    },
  },
  {
    name: 'task',
    fixture: { type: 'task' },
    table: {
      ...COMMON_ROWS,
      accept:         [_,       'active',   _, _, _, _, _, _, _],
      decline:        [_,       'inqueue',  _, _, _, _, _, _, _],
      offer_timeout:  [_,       'inqueue',  _, _, _, _, _, _, _],
      dial:           NONE,
      skip:           NONE,
      set_status:     [DONE,    DONE,       DONE,       DONE,     DONE,   DONE,         DONE,         _,            _],
      assign:         ['inqueue', 'inqueue', 'accepted', 'active', 'hold', 'conference', 'terminated', _,            _],
    },
  },
  {
    name: 'named-agent transfer of a chat (DIRECT_TRANSFER, AGENT)',
    fixture: { type: 'chat', direction: 'DIRECT_TRANSFER', mode: 'AGENT' },
    table: {
      ...COMMON_ROWS,
      accept:         [_,       'active',        _, _, _, _, _, _, _],
      decline:        [_,       'closed:RONA',   _, _, _, _, _, _, _],
      offer_timeout:  [_,       'closed:RONA',   _, _, _, _, _, _, _],
      dial:           NONE,
      skip:           NONE,
      set_status:     NONE,
      assign:         NONE,
    },
  },
];

function outcome(result: TransitionResult, before: WorkItem): string {
  if (!result.ok) return _;
  const { state, reasonCode } = result.item;
  return reasonCode !== null && reasonCode !== before.reasonCode ? `${state}:${reasonCode}` : state;
}

describe('transition: every state × every event', () => {
  it('the sample events cover every event type', () => {
    expect(EVENT_TYPES).toHaveLength(19);
  });

  for (const { name, fixture, table } of TABLES) {
    describe(name, () => {
      it('has a row for every event and a column for every state', () => {
        expect(Object.keys(table).sort()).toEqual([...EVENT_TYPES].sort());
        for (const row of Object.values(table)) expect(row).toHaveLength(STATES.length);
      });

      for (const eventType of EVENT_TYPES) {
        it(`${eventType}`, () => {
          const actual = STATES.map((state) => {
            const before = itemIn(state, fixture);
            return outcome(transition(before, EVENTS[eventType], NOW), before);
          });
          expect(Object.fromEntries(STATES.map((s, i) => [s, actual[i]]))).toEqual(
            Object.fromEntries(STATES.map((s, i) => [s, table[eventType][i]])),
          );
        });
      }
    });
  }
});

describe('transition: what every success and refusal looks like', () => {
  const pairs = TABLES.flatMap(({ fixture }) => STATES.flatMap((state) => EVENT_TYPES.map((type) => ({ fixture, state, type }))));

  it('a success bumps version by exactly 1, appends entries by the actor at now, and yields a valid item', () => {
    let successes = 0;
    for (const { fixture, state, type } of pairs) {
      const before = itemIn(state, fixture);
      const result = transition(before, EVENTS[type], NOW);
      if (!result.ok) continue;
      successes++;
      const after = result.item;
      expect(after.version).toBe(before.version + 1);
      expect(after.timeEvents.slice(0, before.timeEvents.length)).toEqual(before.timeEvents);
      const added = after.timeEvents.slice(before.timeEvents.length);
      expect(added.length).toBeGreaterThanOrEqual(1);
      for (const entry of added) {
        expect(entry).toMatchObject({ timestamp: NOW, userId: EVENTS[type].by });
        expect(entry.detail).toHaveProperty('from');
        expect(entry.detail).toHaveProperty('to');
      }
      expect(added[0].detail?.from).toBe(before.state);
      expect(added[added.length - 1].detail?.to).toBe(after.state);
      expect(WorkItemSchema.safeParse(after).success).toBe(true);
      expect(after.createdAt).toBe(before.createdAt);
      expect(after.workitemId).toBe(before.workitemId);
    }
    expect(successes).toBeGreaterThan(100);
  });

  it('a refusal is ILLEGAL_TRANSITION naming the state and the event', () => {
    for (const { fixture, state, type } of pairs) {
      const result = transition(itemIn(state, fixture), EVENTS[type], NOW);
      if (result.ok) continue;
      expect(result.error).toMatchObject({ code: 'ILLEGAL_TRANSITION', from: state, event: type });
      expect(result.error.message).toMatch(/^cannot /);
    }
  });

  it('never mutates the input', () => {
    for (const { fixture, state, type } of pairs) {
      const before = itemIn(state, fixture);
      const snapshot = structuredClone(before);
      deepFreeze(before);
      transition(before, EVENTS[type], NOW); // a frozen input would throw on any write in strict mode
      expect(before).toEqual(snapshot);
    }
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function apply(item: WorkItem, event: LifecycleEvent, now = NOW): WorkItem {
  const result = transition(item, event, now);
  if (!result.ok) throw new Error(result.error.message);
  return result.item;
}

function refusal(item: WorkItem, event: LifecycleEvent): string {
  const result = transition(item, event, NOW);
  if (result.ok) throw new Error(`expected ${event.type} on ${item.state} to be refused`);
  return result.error.message;
}

describe('transition: the fields each step sets', () => {
  it('offer reserves the item for the agent with the offer deadline', () => {
    const item = apply(itemIn('inqueue', { type: 'chat' }), EVENTS.offer);
    expect(item).toMatchObject({ state: 'offered', agentUsername: 'alice', offeredAt: NOW, offerExpiresAt: NOW + 30_000 });
    expect(item.timeEvents.at(-1)).toEqual({
      type: 'offered',
      timestamp: NOW,
      userId: 'system',
      detail: { from: 'inqueue', to: 'offered', agentUsername: 'alice', expiresAt: NOW + 30_000 },
    });
    expect(item.actions).toEqual(['accept', 'decline']);
  });

  it('accept assigns and clears the offer deadline; a call waits for its media', () => {
    const chat = apply(itemIn('offered', { type: 'chat' }), EVENTS.accept);
    expect(chat).toMatchObject({ state: 'active', assignedAt: NOW, offerExpiresAt: null });
    const call = apply(itemIn('offered', { type: 'call' }), EVENTS.accept);
    expect(call).toMatchObject({ state: 'accepted', assignedAt: NOW, offerExpiresAt: null });
    const connected = apply(call, EVENTS.media_up, NOW + 500);
    expect(connected).toMatchObject({ state: 'active', assignedAt: NOW, version: call.version + 1 });
    expect(connected.actions).toEqual(['hold', 'hangup', 'transfer', 'conference', 'mute', 'dtmf', 'note']);
  });

  it('RONA puts the item back in its queue with its original age and the agent cleared', () => {
    for (const event of [EVENTS.decline, EVENTS.offer_timeout]) {
      const offered = apply(itemIn('inqueue', { type: 'chat' }), EVENTS.offer);
      const back = apply(offered, event, NOW + 30_000);
      expect(back).toMatchObject({
        state: 'inqueue',
        createdAt: T0,
        agentUsername: null,
        offeredAt: null,
        offerExpiresAt: null,
        reasonCode: null,
      });
      expect(back.timeEvents.at(-1)).toEqual({
        type: event.type === 'decline' ? 'declined' : 'offer_timeout',
        timestamp: NOW + 30_000,
        userId: event.by,
        detail: { from: 'offered', to: 'inqueue', reasonCode: 'RONA', agentUsername: 'alice' },
      });
    }
  });

  it('RONA on a queue transfer (DIRECT_TRANSFER, QUEUE) goes back to the queue; on a named-agent transfer it closes', () => {
    const queueTransfer = apply(itemIn('offered', { type: 'chat', direction: 'DIRECT_TRANSFER', mode: 'QUEUE' }), EVENTS.decline);
    expect(queueTransfer.state).toBe('inqueue');
    const named = apply(itemIn('offered', { type: 'chat', direction: 'DIRECT_TRANSFER', mode: 'AGENT' }), EVENTS.offer_timeout);
    expect(named).toMatchObject({ state: 'closed', reasonCode: 'RONA', agentUsername: null, terminatedAt: NOW, actions: [] });
  });

  it('skip sends an outbound item back with SKIPPED in the log; dial makes it active', () => {
    const skipped = apply(itemIn('offered', { type: 'callback' }), EVENTS.skip);
    expect(skipped).toMatchObject({ state: 'inqueue', agentUsername: null, offerExpiresAt: null, createdAt: T0 });
    expect(skipped.timeEvents.at(-1)?.detail).toMatchObject({ reasonCode: 'SKIPPED', agentUsername: 'alice' });
    const dialled = apply(itemIn('offered', { type: 'callback' }), EVENTS.dial);
    expect(dialled).toMatchObject({ state: 'active', assignedAt: NOW, offerExpiresAt: null });
    expect(dialled.timeEvents.at(-1)?.type).toBe('dialled');
  });

  it('ttl_expired closes NO_AGENT_AVAILABLE and withdraws a pending offer', () => {
    const item = apply(itemIn('offered', { type: 'chat' }), EVENTS.ttl_expired);
    expect(item).toMatchObject({ state: 'closed', reasonCode: 'NO_AGENT_AVAILABLE', agentUsername: null, offerExpiresAt: null });
  });

  it('hangup starts wrap-up with its deadline; disposition and its timeout complete it', () => {
    const wrapUp = apply(itemIn('active', { type: 'call' }), EVENTS.hangup);
    expect(wrapUp).toMatchObject({ state: 'terminated', terminatedAt: NOW, wrapUpExpiresAt: NOW + 120_000, actions: ['disposition', 'note'] });

    const done = apply(wrapUp, { type: 'disposition', by: 'alice', code: 'resolved' }, NOW + 5_000);
    expect(done).toMatchObject({ state: 'dispositioned', dispositionedAt: NOW + 5_000, disposition: { code: 'resolved', notes: null, auto: false }, actions: [] });
    const withNotes = apply(wrapUp, EVENTS.disposition);
    expect(withNotes.disposition).toEqual({ code: 'resolved', notes: 'all good', auto: false });

    const auto = apply(wrapUp, EVENTS.wrapup_timeout, NOW + 120_000);
    expect(auto).toMatchObject({ state: 'dispositioned', dispositionedAt: NOW + 120_000, disposition: { code: 'wrap_up_timeout', notes: null, auto: true } });
    expect(auto.timeEvents.at(-1)).toMatchObject({ type: 'wrapup_timeout', userId: 'system' });
  });

  it('transfer passes the original through wrap-up and closes it TRANSFERRED in one step', () => {
    const before = itemIn('hold', { type: 'call' });
    const after = apply(before, EVENTS.transfer);
    expect(after).toMatchObject({ state: 'closed', reasonCode: 'TRANSFERRED', terminatedAt: NOW, version: before.version + 1, actions: [] });
    expect(after.timeEvents.slice(before.timeEvents.length)).toEqual([
      { type: 'wrapup', timestamp: NOW, userId: 'alice', detail: { from: 'hold', to: 'terminated', reasonCode: 'TRANSFERRED', agentUsername: 'bob' } },
      { type: 'closed', timestamp: NOW, userId: 'alice', detail: { from: 'terminated', to: 'closed', reasonCode: 'TRANSFERRED' } },
    ]);
    const toQueue = apply(itemIn('active', { type: 'chat' }), { type: 'transfer', by: 'alice', target: { queueId: 'billing' } });
    expect(toQueue.timeEvents.at(-2)?.detail).toMatchObject({ queueId: 'billing' });
  });

  it('conference records its target and ends back in active', () => {
    const conf = apply(itemIn('active', { type: 'chat' }), EVENTS.conference);
    expect(conf.timeEvents.at(-1)?.detail).toEqual({ from: 'active', to: 'conference', queueId: 'billing' });
    expect(apply(conf, EVENTS.conference_end).state).toBe('active');
  });

  it('set_status logs the status change; resolved completes the task', () => {
    const started = apply(itemIn('active', { type: 'task' }), { type: 'set_status', by: 'alice', status: 'in_progress' });
    expect(started).toMatchObject({ state: 'active', status: 'in_progress', reasonCode: null });
    expect(started.timeEvents.at(-1)).toEqual({
      type: 'status',
      timestamp: NOW,
      userId: 'alice',
      detail: { from: 'active', to: 'active', fromStatus: 'todo', toStatus: 'in_progress' },
    });
    const resolved = apply(started, EVENTS.set_status, NOW + 1);
    expect(resolved).toMatchObject({ state: 'dispositioned', status: 'resolved', reasonCode: 'COMPLETED', dispositionedAt: NOW + 1, actions: [] });
    for (const type of ['review', 'approval', 'email'] as const) {
      expect(apply(itemIn('active', { type }), EVENTS.set_status).state).toBe('dispositioned');
    }
  });

  it('assign sets exactly one of agent and team and logs both sides', () => {
    const base = { ...itemIn('active', { type: 'task' }), team: null };
    const toTeam = apply(base, { type: 'assign', by: 'supervisor', assignee: { team: 'billing' } });
    expect(toTeam).toMatchObject({ state: 'active', agentUsername: null, team: 'billing' });
    expect(toTeam.timeEvents.at(-1)).toEqual({
      type: 'assigned',
      timestamp: NOW,
      userId: 'supervisor',
      detail: { from: 'active', to: 'active', fromAgentUsername: 'alice', fromTeam: null, toAgentUsername: null, toTeam: 'billing' },
    });
    const toAgent = apply(toTeam, EVENTS.assign);
    expect(toAgent).toMatchObject({ agentUsername: 'bob', team: null });
    const offered = apply(itemIn('offered', { type: 'task' }), EVENTS.assign);
    expect(offered).toMatchObject({ state: 'inqueue', agentUsername: 'bob', offeredAt: null, offerExpiresAt: null });
  });

  it('close ends any non-final item with the given reason', () => {
    const item = apply(itemIn('inqueue', { type: 'chat' }), { type: 'close', by: 'system', reasonCode: 'ABANDONED' });
    expect(item).toMatchObject({ state: 'closed', reasonCode: 'ABANDONED', terminatedAt: NOW });
    const fromWrapUp = apply(itemIn('terminated', { type: 'chat' }), EVENTS.close);
    expect(fromWrapUp.terminatedAt).toBe(T0 + 3_000);
  });
});

describe('transition: refusals a person can act on', () => {
  it('says what state the item is in', () => {
    expect(refusal(itemIn('terminated', { type: 'call' }), EVENTS.hold)).toBe('cannot hold a work item that is in wrap-up (terminated)');
    expect(refusal(itemIn('dispositioned', { type: 'chat' }), EVENTS.hangup)).toBe('cannot hang up a work item that is completed (dispositioned)');
    expect(refusal(itemIn('inqueue', { type: 'chat' }), EVENTS.accept)).toBe('cannot accept a work item that is waiting in a queue (inqueue)');
  });

  it('says what to do instead when the kind is wrong', () => {
    expect(refusal(itemIn('offered', { type: 'callback' }), EVENTS.accept)).toBe('cannot accept a callback: dial it or skip it');
    expect(refusal(itemIn('offered', { type: 'call', direction: 'OUTBOUND' }), EVENTS.accept)).toBe('cannot accept an outbound call: dial it or skip it');
    expect(refusal(itemIn('offered', { type: 'chat' }), EVENTS.skip)).toBe(
      'cannot skip a chat: only callbacks and outbound calls are skipped; decline it instead',
    );
    expect(refusal(itemIn('active', { type: 'call' }), EVENTS.set_status)).toBe(
      'cannot change the status of a call: only tasks, reviews, approvals and emails have a status',
    );
    expect(refusal(itemIn('active', { type: 'chat' }), EVENTS.assign)).toBe(
      'cannot assign a chat: only tasks, callbacks, reviews, approvals and emails are assigned; transfer it instead',
    );
  });

  it('converts to the contract error (409 ILLEGAL_TRANSITION)', () => {
    const result = transition(itemIn('closed', { type: 'chat' }), EVENTS.close, NOW);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const error = toSwitchboardError(result.error);
    expect(error).toBeInstanceOf(SwitchboardError);
    expect(error.toBody()).toEqual({ error: { code: 'ILLEGAL_TRANSITION', message: 'cannot close a work item that is closed' } });
  });
});

describe('newWorkItem', () => {
  it('fills the seeds’ defaults and yields a valid item', () => {
    const item = newWorkItem({ workitemId: 'wi_1', type: 'task', createdAt: T0, createdBy: 'alice' });
    expect(item).toMatchObject({
      priority: 5,
      channelType: 'email',
      direction: 'INBOUND',
      mode: 'QUEUE',
      state: 'inqueue',
      status: 'todo',
      contact: { name: null, phone: null, email: null },
      version: 1,
      agentUsername: null,
      reasonCode: null,
      actions: ['assign', 'note'],
      timeEvents: [{ type: 'created', timestamp: T0, userId: 'alice', detail: { to: 'inqueue' } }],
    });
    expect(item).not.toHaveProperty('createdBy');
    expect(WorkItemSchema.parse(item)).toEqual(item);
  });

  it('uses each kind’s channel type; only tasks get a status; callbacks are outbound', () => {
    const call = newWorkItem({ workitemId: 'wi_2', type: 'call', createdAt: T0, createdBy: 'system' });
    expect(call).toMatchObject({ channelType: 'voice', status: null, direction: 'INBOUND', actions: [] });
    const chat = newWorkItem({ workitemId: 'wi_3', type: 'chat', createdAt: T0, createdBy: 'system' });
    expect(chat).toMatchObject({ channelType: 'chat', status: null });
    const callback = newWorkItem({ workitemId: 'wi_4', type: 'callback', createdAt: T0, createdBy: 'system' });
    expect(callback).toMatchObject({ channelType: 'voice', direction: 'OUTBOUND', status: null });
  });

  it('keeps what the caller gives, treats undefined as "default", and always derives actions', () => {
    const item = newWorkItem({
      workitemId: 'wi_5',
      type: 'chat',
      createdAt: T0,
      createdBy: 'system',
      priority: 1,
      channel: 'whatsapp',
      state: 'offered',
      mode: undefined,
      actions: ['dial'],
    });
    expect(item).toMatchObject({ priority: 1, channel: 'whatsapp', state: 'offered', mode: 'QUEUE', actions: ['accept', 'decline'] });
    expect(item.timeEvents[0].detail).toEqual({ to: 'offered' });
  });
});
