/**
 * The one vocabulary of Switchboard (docs/domain.md). Every part — platform, main process, renderer —
 * speaks these names; seed 001's names are mapped at the edge only (see seed001.ts).
 */
import { z } from 'zod';

/** The seven desktop kinds (seed 000). chat and call are real-time; the rest are asynchronous. */
export const KINDS = ['chat', 'call', 'task', 'callback', 'review', 'approval', 'email'] as const;
export const KindSchema = z.enum(KINDS);
export type Kind = z.infer<typeof KindSchema>;

/** Kinds shown with a purple badge in the inbox (seed 000): everything that is not a live conversation. */
export const TASK_LIKE_KINDS: readonly Kind[] = ['task', 'callback', 'review', 'approval', 'email'];
export function isTaskLike(kind: Kind): boolean {
  return TASK_LIKE_KINDS.includes(kind);
}

/** Channel types (seed 001). */
export const CHANNEL_TYPES = ['voice', 'email', 'sms', 'chat', 'videoMeeting'] as const;
export const ChannelTypeSchema = z.enum(CHANNEL_TYPES);
export type ChannelType = z.infer<typeof ChannelTypeSchema>;

/** Origin channels of manually created items (seed 000's Create Task form). */
export const ORIGIN_CHANNELS = ['Internal', 'Email', 'Form', 'Phone', 'Walk-in', 'Mail', 'API'] as const;
/** Messaging sub-channels (seeds 000, 002, 004). */
export const MESSAGING_CHANNELS = ['webchat', 'sms', 'whatsapp', 'facebook', 'instagram', 'twitter'] as const;
export const OriginChannelSchema = z.enum(ORIGIN_CHANNELS);
export const MessagingChannelSchema = z.enum(MESSAGING_CHANNELS);
/** `channel` on an item is either an origin channel (manual items) or a messaging sub-channel (chats). */
export const ChannelSchema = z.union([OriginChannelSchema, MessagingChannelSchema]);
export type OriginChannel = z.infer<typeof OriginChannelSchema>;
export type MessagingChannel = z.infer<typeof MessagingChannelSchema>;
export type Channel = z.infer<typeof ChannelSchema>;

/** The channel type a kind lives on when the creator does not say. */
export const DEFAULT_CHANNEL_TYPE: Record<Kind, ChannelType> = {
  chat: 'chat',
  call: 'voice',
  task: 'email',
  callback: 'voice',
  review: 'email',
  approval: 'email',
  email: 'email',
};

/** Capacity buckets (platform config `capacity`): how many items of each an agent may hold at once. */
export const CAPACITY_BUCKETS = ['voice', 'chat', 'email', 'task'] as const;
export type CapacityBucket = (typeof CAPACITY_BUCKETS)[number];
/** Which capacity bucket an item consumes: live voice, chat, email, and everything else as `task`. */
export const CAPACITY_BUCKET_OF_KIND: Record<Kind, CapacityBucket> = {
  call: 'voice',
  callback: 'voice',
  chat: 'chat',
  email: 'email',
  task: 'task',
  review: 'task',
  approval: 'task',
};

/** Directions and modes (seed 003). */
export const DIRECTIONS = ['INBOUND', 'OUTBOUND', 'DIRECT_TRANSFER', 'DIRECT_CONFERENCE'] as const;
export const DirectionSchema = z.enum(DIRECTIONS);
export type Direction = z.infer<typeof DirectionSchema>;
export const MODES = ['QUEUE', 'AGENT'] as const;
export const ModeSchema = z.enum(MODES);
export type Mode = z.infer<typeof ModeSchema>;

/**
 * Priority: seed 000's scale is canonical. Lower is more urgent; 5 is the default.
 * Seed 004's labels map by name; seed 001's 1–5 scale runs the other way (see seed001.ts).
 */
export const PRIORITIES = [1, 2, 3, 5, 8] as const;
export type Priority = (typeof PRIORITIES)[number];
export const PRIORITY_LABELS: Record<Priority, string> = { 1: 'Critical', 2: 'High', 3: 'Medium', 5: 'Normal', 8: 'Low' };
export const DEFAULT_PRIORITY: Priority = 5;
export const PrioritySchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(5), z.literal(8)], {
  error: 'priority must be one of 1 (Critical), 2 (High), 3 (Medium), 5 (Normal), 8 (Low)',
});
/** Seed 004's priority labels (Low, Medium, High, Critical) by name onto the canonical scale. */
export function priorityFromLabel(label: string): Priority | undefined {
  const wanted = label.trim().toLowerCase();
  const found = PRIORITIES.find((p) => PRIORITY_LABELS[p].toLowerCase() === wanted);
  return found;
}

/**
 * States (seed 001 names on the wire). The UI calls `terminated` "Wrap-up" and `dispositioned` "Completed".
 * `closed` is for items the system ends without a disposition; `reasonCode` says why.
 */
export const STATES = [
  'inqueue',
  'offered',
  'accepted',
  'active',
  'hold',
  'conference',
  'terminated',
  'dispositioned',
  'closed',
] as const;
export const StateSchema = z.enum(STATES);
export type State = z.infer<typeof StateSchema>;
export const STATE_LABELS: Record<State, string> = {
  inqueue: 'In queue',
  offered: 'Offered',
  accepted: 'Accepted',
  active: 'Active',
  hold: 'Hold',
  conference: 'Conference',
  terminated: 'Wrap-up',
  dispositioned: 'Completed',
  closed: 'Closed',
};
/** States after which nothing more happens to an item. */
export const FINAL_STATES: readonly State[] = ['dispositioned', 'closed'];
/** States in which the agent is working the item (it counts against capacity). */
export const WORKING_STATES: readonly State[] = ['offered', 'accepted', 'active', 'hold', 'conference', 'terminated'];

/** Why the system ended or moved an item (seed 003's close reason codes, plus ours). */
export const REASON_CODES = [
  'NO_AGENT_AVAILABLE',
  'RONA',
  'TRANSFERRED',
  'ABANDONED',
  'CANCELLED',
  'COMPLETED',
  'SKIPPED',
  'ARCHIVED',
] as const;
export const ReasonCodeSchema = z.enum(REASON_CODES);
export type ReasonCode = z.infer<typeof ReasonCodeSchema>;

/** Task status (seed 004) for asynchronous tasks. */
export const TASK_STATUSES = ['todo', 'in_progress', 'resolved'] as const;
export const TaskStatusSchema = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatusSchema>;

/** Agent presence. */
export const PRESENCE_STATES = ['available', 'not_ready', 'offline'] as const;
export const PresenceStateSchema = z.enum(PRESENCE_STATES);
export type PresenceState = z.infer<typeof PresenceStateSchema>;

/** Scopes (seed 001). */
export const SCOPES = ['workitems:read', 'workitems:write', 'workitems:delete', 'workitems:admin'] as const;
export const ScopeSchema = z.enum(SCOPES);
export type Scope = z.infer<typeof ScopeSchema>;

/** Actions an agent may take on an item (seed 001's `actions`); which apply depends on state and kind. */
export const ACTIONS = [
  'accept',
  'decline',
  'hold',
  'resume',
  'hangup',
  'transfer',
  'conference',
  'mute',
  'dtmf',
  'dial',
  'skip',
  'complete',
  'status',
  'assign',
  'disposition',
  'message',
  'note',
] as const;
export const ActionSchema = z.enum(ACTIONS);
export type Action = z.infer<typeof ActionSchema>;

/** Offer reasons carried by `workitem.offer_rescinded`. */
export const RESCIND_REASONS = ['RONA', 'TIMEOUT', 'CANCELLED', 'ACCEPTED_ELSEWHERE'] as const;
export type RescindReason = (typeof RESCIND_REASONS)[number];

/** Default from the seeds: 2 min wrap-up. */
export const DEFAULT_WRAP_UP_TIMEOUT_SECONDS = 120;
