/** A work item as a row of the `items` table: the query language's columns, plus the whole item as JSON. */
import {
  CHANNEL_TYPES,
  DIRECTIONS,
  KINDS,
  MESSAGING_CHANNELS,
  MODES,
  ORIGIN_CHANNELS,
  PRIORITIES,
  REASON_CODES,
  STATES,
  TASK_STATUSES,
} from '../../../common/vocabulary';
import { QUERY_FIELDS } from '../../../common/query';
import { WorkItemSchema, type WorkItem } from '../../../common/workitem';

/** The query language's fields are the table's columns (common/query/fields.ts), then the item's JSON. */
export const ITEM_COLUMNS: readonly string[] = [...QUERY_FIELDS.map((field) => field.name), 'data'];

/**
 * The row's values in ITEM_COLUMNS order, for positional parameters. `data` defaults to the item's JSON;
 * a snapshot passes the platform's own text for it, saving a JSON.stringify per item.
 */
export function itemToValues(item: WorkItem, data: string = JSON.stringify(item)): (string | number | null)[] {
  const c = item.contact;
  return [
    item.workitemId, item.type, item.channelType, item.channel, item.direction, item.mode, item.subType, item.state,
    item.reasonCode, item.status, item.priority, item.queueId, item.agentUsername, item.team, item.subject,
    item.description, c.name, c.phone, c.email, item.dueAt, item.createdAt, item.offeredAt, item.assignedAt,
    item.terminatedAt, item.dispositionedAt, item.conversationId, item.version, data,
  ];
}

// ---- the light check at the snapshot boundary -----------------------------------------------------------

const WORKITEM_ID = /^wi_[A-Za-z0-9_-]+$/;
const oneOf = (values: readonly (string | number)[]) => {
  const set = new Set<unknown>(values);
  return (v: unknown) => set.has(v);
};
const nullOr = (check: (v: unknown) => boolean) => (v: unknown) => v === null || check(v);
const isString = (v: unknown) => typeof v === 'string';
const isTimestamp = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** What the cache's columns hold, checked the way WorkItemSchema checks them. */
const COLUMN_CHECKS: ReadonlyArray<readonly [keyof WorkItem, (v: unknown) => boolean]> = [
  ['workitemId', (v) => typeof v === 'string' && WORKITEM_ID.test(v)],
  ['type', oneOf(KINDS)],
  ['channelType', oneOf(CHANNEL_TYPES)],
  ['channel', nullOr(oneOf([...ORIGIN_CHANNELS, ...MESSAGING_CHANNELS]))],
  ['direction', oneOf(DIRECTIONS)],
  ['mode', oneOf(MODES)],
  ['subType', nullOr(isString)],
  ['state', oneOf(STATES)],
  ['reasonCode', nullOr(oneOf(REASON_CODES))],
  ['status', nullOr(oneOf(TASK_STATUSES))],
  ['priority', oneOf(PRIORITIES)],
  ['queueId', nullOr(isString)],
  ['agentUsername', nullOr(isString)],
  ['team', nullOr(isString)],
  ['subject', nullOr(isString)],
  ['description', nullOr(isString)],
  ['dueAt', nullOr(isTimestamp)],
  ['createdAt', isTimestamp],
  ['offeredAt', nullOr(isTimestamp)],
  ['assignedAt', nullOr(isTimestamp)],
  ['terminatedAt', nullOr(isTimestamp)],
  ['dispositionedAt', nullOr(isTimestamp)],
  ['conversationId', nullOr(isString)],
  ['version', (v) => typeof v === 'number' && Number.isSafeInteger(v) && v > 0],
];
const CONTACT_FIELDS = ['name', 'phone', 'email'] as const;

/**
 * The light boundary check for snapshot pages: every field the cache stores in a column (what the inbox
 * filters, sorts and searches on) has its contract type, so no query can go wrong on a bad row. Returns
 * the path of the first bad field, or null. The rest of the item (actions, timeEvents, callback, …) is
 * checked with the full WorkItemSchema when the item is read (readCachedItem). Full zod validation of a
 * 100k-item snapshot costs about a second, a fifth of the whole sync's budget; this check ~50 ms.
 */
export function itemRowProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return '(item)';
  const item = value as Record<string, unknown>;
  for (const [field, ok] of COLUMN_CHECKS) if (!ok(item[field])) return field;
  const contact = item.contact;
  if (typeof contact !== 'object' || contact === null) return 'contact';
  for (const field of CONTACT_FIELDS) {
    const v = (contact as Record<string, unknown>)[field];
    if (v !== null && typeof v !== 'string') return `contact.${field}`;
  }
  return null;
}

/**
 * An item read back from the cache, fully validated: snapshot items were only checked lightly when
 * written. One that fails is treated as absent (null) rather than handed to the renderer or the
 * lifecycle code half-formed; the next snapshot or event for it replaces the row.
 */
export function readCachedItem(data: string): WorkItem | null {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    // unreadable stored JSON: the item reads as absent (and is fetched again)
    return null;
  }
  const parsed = WorkItemSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}
