/**
 * The work item as the platform returns it (docs/api.md, "Work item"). Timestamps are Unix
 * milliseconds (seed 001); absent values are `null` on the wire so every field is always present.
 */
import { z } from 'zod';
import {
  ActionSchema,
  ChannelSchema,
  ChannelTypeSchema,
  DirectionSchema,
  KindSchema,
  ModeSchema,
  PrioritySchema,
  ReasonCodeSchema,
  StateSchema,
  TaskStatusSchema,
} from './vocabulary';

export const TimestampSchema = z.number().int().nonnegative();
const nullableTimestamp = TimestampSchema.nullable();

export const ContactSchema = z.object({
  name: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});
export type Contact = z.infer<typeof ContactSchema>;

export const CallbackDetailsSchema = z.object({
  phone: z.string(),
  name: z.string().nullable(),
  reason: z.string().nullable(),
  scheduledAt: nullableTimestamp,
});
export type CallbackDetails = z.infer<typeof CallbackDetailsSchema>;

export const DispositionSchema = z.object({
  code: z.string(),
  notes: z.string().nullable(),
  /** true when the platform applied the queue's autoDispositionCode because wrap-up timed out */
  auto: z.boolean(),
});
export type Disposition = z.infer<typeof DispositionSchema>;

/** One entry of the activity log: who did what, when, and the state it moved from and to. */
export const TimeEventSchema = z.object({
  type: z.string(),
  timestamp: TimestampSchema,
  /** username of the agent, or `system` for the router and timers */
  userId: z.string(),
  detail: z.record(z.string(), z.unknown()).optional(),
});
export type TimeEvent = z.infer<typeof TimeEventSchema>;

export const WorkItemSchema = z.object({
  workitemId: z.string().regex(/^wi_[A-Za-z0-9_-]+$/),
  type: KindSchema,
  channelType: ChannelTypeSchema,
  channel: ChannelSchema.nullable(),
  direction: DirectionSchema,
  mode: ModeSchema,
  subType: z.string().nullable(),
  state: StateSchema,
  reasonCode: ReasonCodeSchema.nullable(),
  /** tasks only (seed 004): todo | in_progress | resolved; null for other kinds */
  status: TaskStatusSchema.nullable(),
  priority: PrioritySchema,
  queueId: z.string().nullable(),
  agentUsername: z.string().nullable(),
  team: z.string().nullable(),
  contact: ContactSchema,
  subject: z.string().nullable(),
  description: z.string().nullable(),
  dueAt: nullableTimestamp,
  callback: CallbackDetailsSchema.nullable(),
  conversationId: z.string().nullable(),
  createdAt: TimestampSchema,
  offeredAt: nullableTimestamp,
  offerExpiresAt: nullableTimestamp,
  assignedAt: nullableTimestamp,
  terminatedAt: nullableTimestamp,
  wrapUpExpiresAt: nullableTimestamp,
  dispositionedAt: nullableTimestamp,
  disposition: DispositionSchema.nullable(),
  actions: z.array(ActionSchema),
  timeEvents: z.array(TimeEventSchema),
  version: z.number().int().positive(),
  /** chats: customer messages the agent has not marked read (platform extension; absent for other kinds) */
  unread: z.number().int().nonnegative().optional(),
});
export type WorkItem = z.infer<typeof WorkItemSchema>;

export const EMPTY_CONTACT: Contact = { name: null, phone: null, email: null };
