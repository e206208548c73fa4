import { describe, expect, it } from 'vitest';
import { availableActions, hasTaskStatus, isDialable, type ActionSubject } from '../../../common/actions';
import type { LifecycleEvent } from '../../../common/lifecycle-events';
import { newWorkItem, transition } from '../../../common/lifecycle';
import { DEFAULT_CHANNEL_TYPE, KINDS, STATES, type Action, type Direction, type Kind, type State } from '../../../common/vocabulary';

function subject(type: Kind, state: State, direction: Direction = type === 'callback' ? 'OUTBOUND' : 'INBOUND'): ActionSubject {
  return { type, state, direction, channelType: DEFAULT_CHANNEL_TYPE[type], status: type === 'task' ? 'todo' : null };
}

const CALL_ACTIVE: Action[] = ['hold', 'hangup', 'transfer', 'conference', 'mute', 'dtmf', 'note'];
const CALL_HELD: Action[] = ['resume', 'hangup', 'transfer', 'conference', 'mute', 'note'];
const CALL_CONF: Action[] = ['hangup', 'transfer', 'mute', 'dtmf', 'note'];
const TASK: Action[] = ['complete', 'transfer', 'status', 'assign', 'note'];
const TASK_HELD: Action[] = ['resume', ...TASK];

// kind (and direction) → state → actions, written out in full so any change in behaviour shows here.
const TABLE: Array<[string, ActionSubject['type'], Direction, Record<State, Action[]>]> = [
  ['inbound call', 'call', 'INBOUND', {
    inqueue: [], offered: ['accept', 'decline'], accepted: ['hangup'], active: CALL_ACTIVE, hold: CALL_HELD,
    conference: CALL_CONF, terminated: ['disposition', 'note'], dispositioned: [], closed: [],
  }],
  ['outbound call', 'call', 'OUTBOUND', {
    inqueue: [], offered: ['dial', 'skip'], accepted: ['hangup'], active: CALL_ACTIVE, hold: CALL_HELD,
    conference: CALL_CONF, terminated: ['disposition', 'note'], dispositioned: [], closed: [],
  }],
  ['callback', 'callback', 'OUTBOUND', {
    inqueue: ['assign'], offered: ['dial', 'skip'], accepted: ['hangup'], active: CALL_ACTIVE, hold: CALL_HELD,
    conference: CALL_CONF, terminated: ['disposition', 'note'], dispositioned: [], closed: [],
  }],
  ['chat', 'chat', 'INBOUND', {
    inqueue: [], offered: ['accept', 'decline'], accepted: ['hangup'],
    active: ['message', 'hangup', 'transfer', 'conference', 'note'], hold: ['resume', 'hangup', 'transfer', 'note'],
    conference: ['message', 'hangup', 'transfer', 'note'], terminated: ['disposition', 'note'], dispositioned: [], closed: [],
  }],
  ...(['task', 'review', 'approval', 'email'] as const).map((kind): [string, Kind, Direction, Record<State, Action[]>] => [kind, kind, 'INBOUND', {
    inqueue: ['assign', 'note'], offered: ['accept', 'decline'], accepted: ['hangup'], active: TASK, hold: TASK_HELD,
    conference: TASK, terminated: ['disposition', 'note'], dispositioned: [], closed: [],
  }]),
];

describe('availableActions', () => {
  it('the table covers every kind', () => {
    expect(new Set(TABLE.map(([, kind]) => kind))).toEqual(new Set(KINDS));
  });

  for (const [name, kind, direction, byState] of TABLE) {
    it(`${name}: every state`, () => {
      const actual = Object.fromEntries(STATES.map((state) => [state, availableActions(subject(kind, state, direction))]));
      expect(actual).toEqual(byState);
    });
  }

  it('returns a fresh array the caller may change', () => {
    const first = availableActions(subject('call', 'active'));
    first.push('accept');
    expect(availableActions(subject('call', 'active'))).toEqual(CALL_ACTIVE);
  });

  it('dialable items are callbacks and outbound calls only; statuses belong to tasks, reviews, approvals, emails', () => {
    expect(isDialable({ type: 'callback', direction: 'INBOUND' })).toBe(true);
    expect(isDialable({ type: 'call', direction: 'OUTBOUND' })).toBe(true);
    expect(isDialable({ type: 'call', direction: 'DIRECT_TRANSFER' })).toBe(false);
    expect(isDialable({ type: 'email', direction: 'OUTBOUND' })).toBe(false);
    expect(KINDS.filter(hasTaskStatus)).toEqual(['task', 'review', 'approval', 'email']);
  });
});

/** The lifecycle event an action sends, for the actions that move an item. */
const EVENT_OF: Partial<Record<Action, LifecycleEvent>> = {
  accept: { type: 'accept', by: 'alice' },
  decline: { type: 'decline', by: 'alice' },
  hold: { type: 'hold', by: 'alice' },
  resume: { type: 'resume', by: 'alice' },
  hangup: { type: 'hangup', by: 'alice', wrapUpExpiresAt: 2 },
  transfer: { type: 'transfer', by: 'alice', target: { queueId: 'q' } },
  conference: { type: 'conference', by: 'alice', target: { queueId: 'q' } },
  dial: { type: 'dial', by: 'alice' },
  skip: { type: 'skip', by: 'alice' },
  complete: { type: 'set_status', by: 'alice', status: 'resolved' },
  status: { type: 'set_status', by: 'alice', status: 'in_progress' },
  assign: { type: 'assign', by: 'alice', assignee: { team: 'billing' } },
  disposition: { type: 'disposition', by: 'alice', code: 'resolved' },
};

describe('actions agree with the lifecycle', () => {
  it('every offered action that moves an item is a legal transition', () => {
    let checked = 0;
    for (const [, kind, direction] of TABLE) {
      for (const state of STATES) {
        const item = newWorkItem({ workitemId: 'wi_a', type: kind, direction, state, createdAt: 1, createdBy: 'system' });
        for (const action of item.actions) {
          const event = EVENT_OF[action];
          if (!event) continue;
          const result = transition(item, event, 10);
          expect(result.ok, `${kind} ${direction} in ${state}: ${action}`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
});
