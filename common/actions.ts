/**
 * Which actions an agent is offered on a work item (seed 001's `actions` field). The platform stores the
 * result on every item (lifecycle.ts recomputes it on each transition) and the desktop draws its buttons
 * from it, so both agree on what an item allows without sharing anything but this function.
 *
 * | state                 | call, callback                                       | chat                                        | task, review, approval, email                    |
 * |-----------------------|------------------------------------------------------|---------------------------------------------|--------------------------------------------------|
 * | inqueue               | (callback: assign)                                   | —                                           | assign, note                                     |
 * | offered               | accept, decline; dialable: dial, skip                | accept, decline                             | accept, decline                                  |
 * | accepted              | hangup                                               | hangup                                      | hangup                                           |
 * | active                | hold, hangup, transfer, conference, mute, dtmf, note | message, hangup, transfer, conference, note | complete, transfer, status, assign, note         |
 * | hold                  | resume, hangup, transfer, conference, mute, note     | resume, hangup, transfer, note              | resume, complete, transfer, status, assign, note |
 * | conference            | hangup, transfer, mute, dtmf, note                   | message, hangup, transfer, note             | complete, transfer, status, assign, note         |
 * | terminated (Wrap-up)  | disposition, note                                    | disposition, note                           | disposition, note                                |
 * | dispositioned, closed | —                                                    | —                                           | —                                                |
 *
 * Every action listed here that changes state is a legal transition (tests/unit/common/actions.test.ts
 * proves it); the reverse is not promised: the platform accepts a few events (a supervisor's close, a
 * chat put on hold through the API) that no button offers.
 */
import type { WorkItem } from './workitem';
import { FINAL_STATES, TASK_LIKE_KINDS, type Action, type Kind } from './vocabulary';

export type ActionSubject = Pick<WorkItem, 'type' | 'state' | 'direction' | 'channelType' | 'status'>;

/** Kinds that carry a seed 004 task status (To Do, In Progress, Resolved). */
export const STATUS_KINDS: readonly Kind[] = ['task', 'review', 'approval', 'email'];

export function hasTaskStatus(kind: Kind): boolean {
  return STATUS_KINDS.includes(kind);
}

/** Kinds handled as a phone call once the agent has them: a call, and a callback once it is dialled. */
export function isVoiceKind(kind: Kind): boolean {
  return kind === 'call' || kind === 'callback';
}

/**
 * Items the agent dials or skips instead of accepting or declining (seed 000's Outbound section):
 * callbacks — a callback is by definition a call the agent places — and outbound calls (progressive dial).
 */
export function isDialable(item: Pick<WorkItem, 'type' | 'direction'>): boolean {
  return item.type === 'callback' || (item.type === 'call' && item.direction === 'OUTBOUND');
}

const CALL_ACTIVE: Action[] = ['hold', 'hangup', 'transfer', 'conference', 'mute', 'dtmf', 'note'];
const CALL_HELD: Action[] = ['resume', 'hangup', 'transfer', 'conference', 'mute', 'note'];
const CALL_CONFERENCE: Action[] = ['hangup', 'transfer', 'mute', 'dtmf', 'note'];
const CHAT_ACTIVE: Action[] = ['message', 'hangup', 'transfer', 'conference', 'note'];
const CHAT_HELD: Action[] = ['resume', 'hangup', 'transfer', 'note'];
const CHAT_CONFERENCE: Action[] = ['message', 'hangup', 'transfer', 'note'];
const TASK_WORKING: Action[] = ['complete', 'transfer', 'status', 'assign', 'note'];
const TASK_HELD: Action[] = ['resume', ...TASK_WORKING];

type Style = 'voice' | 'chat' | 'task';

function styleOf(kind: Kind): Style {
  if (isVoiceKind(kind)) return 'voice';
  if (kind === 'chat') return 'chat';
  return 'task';
}

const WORKING_ACTIONS: Record<'active' | 'hold' | 'conference', Record<Style, Action[]>> = {
  active: { voice: CALL_ACTIVE, chat: CHAT_ACTIVE, task: TASK_WORKING },
  hold: { voice: CALL_HELD, chat: CHAT_HELD, task: TASK_HELD },
  conference: { voice: CALL_CONFERENCE, chat: CHAT_CONFERENCE, task: TASK_WORKING },
};

/** The actions open to the agent on `item`, in the order the desktop shows them. A fresh array each call. */
export function availableActions(item: ActionSubject): Action[] {
  if (FINAL_STATES.includes(item.state)) return [];
  switch (item.state) {
    case 'inqueue':
      if (hasTaskStatus(item.type)) return ['assign', 'note'];
      return TASK_LIKE_KINDS.includes(item.type) ? ['assign'] : [];
    case 'offered':
      return isDialable(item) ? ['dial', 'skip'] : ['accept', 'decline'];
    case 'accepted':
      return ['hangup'];
    case 'active':
    case 'hold':
    case 'conference':
      return [...WORKING_ACTIONS[item.state][styleOf(item.type)]];
    case 'terminated':
      return ['disposition', 'note'];
    default:
      return [];
  }
}
