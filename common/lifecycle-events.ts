/**
 * The events that move a work item through its lifecycle. `transition(item, event, now)` in lifecycle.ts
 * is the only place that decides what each does; the platform, the desktop cache's optimistic updates
 * and the renderer all call it.
 *
 * `by` is the username of the agent who acted, or `system` for the router and its timers.
 */
import type { ReasonCode, TaskStatus } from './vocabulary';

export type TransferTarget = { queueId: string; agentUsername?: undefined } | { agentUsername: string; queueId?: undefined };
export type AssigneeTarget = { agentUsername: string; team?: undefined } | { team: string; agentUsername?: undefined };

export type LifecycleEvent =
  /** the router reserves the item for an agent: inqueue → offered */
  | { type: 'offer'; by: string; agentUsername: string; expiresAt: number }
  /** the agent accepts: offered → active (a call: → accepted, then media_up → active) */
  | { type: 'accept'; by: string }
  /** the call's media is up: accepted → active */
  | { type: 'media_up'; by: string }
  /** the agent declines: offer rescinded, RONA handling */
  | { type: 'decline'; by: string }
  /** the offer deadline passed: RONA handling */
  | { type: 'offer_timeout'; by: string }
  /** the queue's TTL ended before any agent took the item: → closed NO_AGENT_AVAILABLE */
  | { type: 'ttl_expired'; by: string }
  | { type: 'hold'; by: string }
  | { type: 'resume'; by: string }
  /** a DIRECT_CONFERENCE item was raised for another agent or queue: active|hold → conference */
  | { type: 'conference'; by: string; target: TransferTarget }
  /** the conference ended and the item is the agent's alone again: conference → active */
  | { type: 'conference_end'; by: string }
  /** the agent or customer ended the interaction: → terminated (wrap-up) until wrapUpExpiresAt */
  | { type: 'hangup'; by: string; wrapUpExpiresAt: number }
  | { type: 'disposition'; by: string; code: string; notes?: string }
  /** wrap-up ran out: auto-disposition with the queue's code, marked auto */
  | { type: 'wrapup_timeout'; by: string; code: string }
  /** queue or named-agent transfer: the original goes through wrap-up and is closed TRANSFERRED */
  | { type: 'transfer'; by: string; target: TransferTarget }
  /** an outbound item (callback, progressive dial) is dialled: offered → active */
  | { type: 'dial'; by: string }
  /** an outbound item is skipped: back to its queue for the next available agent */
  | { type: 'skip'; by: string }
  | { type: 'set_status'; by: string; status: TaskStatus }
  | { type: 'assign'; by: string; assignee: AssigneeTarget }
  /** the system or a supervisor ends the item without a disposition (ABANDONED, CANCELLED, ARCHIVED, …) */
  | { type: 'close'; by: string; reasonCode: ReasonCode };

export type LifecycleEventType = LifecycleEvent['type'];
