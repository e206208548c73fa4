/**
 * The fields a work-item query may name. The names are exactly the column names of both SQLite stores
 * (the platform's and the desktop cache's), so the compiler can quote them straight into SQL — and
 * because only names from this list ever reach SQL, no user text can become an identifier.
 */
import {
  CHANNEL_TYPES,
  DIRECTIONS,
  KINDS,
  MESSAGING_CHANNELS,
  MODES,
  ORIGIN_CHANNELS,
  REASON_CODES,
  STATES,
  TASK_STATUSES,
} from '../vocabulary';

/**
 * keyword: exact match; text: case-insensitive match and substring search; integer: whole numbers;
 * timestamp: Unix milliseconds, written as ms, `now`, date math or an ISO date.
 */
export type QueryFieldType = 'keyword' | 'text' | 'integer' | 'timestamp';

export interface QueryField {
  readonly name: string;
  readonly type: QueryFieldType;
  /** For closed vocabularies: the only values the field can hold (matched case-insensitively). */
  readonly values?: readonly string[];
}

export const QUERY_FIELDS = [
  { name: 'workitemId', type: 'keyword' },
  { name: 'type', type: 'keyword', values: KINDS },
  { name: 'channelType', type: 'keyword', values: CHANNEL_TYPES },
  { name: 'channel', type: 'keyword', values: [...ORIGIN_CHANNELS, ...MESSAGING_CHANNELS] },
  { name: 'direction', type: 'keyword', values: DIRECTIONS },
  { name: 'mode', type: 'keyword', values: MODES },
  { name: 'subType', type: 'keyword' },
  { name: 'state', type: 'keyword', values: STATES },
  { name: 'reasonCode', type: 'keyword', values: REASON_CODES },
  { name: 'status', type: 'keyword', values: TASK_STATUSES },
  { name: 'priority', type: 'integer' },
  { name: 'queueId', type: 'keyword' },
  { name: 'agentUsername', type: 'keyword' },
  { name: 'team', type: 'keyword' },
  { name: 'subject', type: 'text' },
  { name: 'description', type: 'text' },
  { name: 'contactName', type: 'text' },
  { name: 'contactPhone', type: 'text' },
  { name: 'contactEmail', type: 'text' },
  { name: 'dueAt', type: 'timestamp' },
  { name: 'createdAt', type: 'timestamp' },
  { name: 'offeredAt', type: 'timestamp' },
  { name: 'assignedAt', type: 'timestamp' },
  { name: 'terminatedAt', type: 'timestamp' },
  { name: 'dispositionedAt', type: 'timestamp' },
  { name: 'conversationId', type: 'keyword' },
  { name: 'version', type: 'integer' },
] as const satisfies readonly QueryField[];

export type QueryFieldName = (typeof QUERY_FIELDS)[number]['name'];

/** Other spellings accepted in queries and sorts: the wire shape's nested contact, and seed 001's queue name. */
export const QUERY_FIELD_ALIASES: Readonly<Record<string, QueryFieldName>> = {
  'contact.name': 'contactName',
  'contact.phone': 'contactPhone',
  'contact.email': 'contactEmail',
  selectedQueue: 'queueId',
};

/** What a bare term (no `field:`) searches. */
export const FREE_TEXT_FIELDS: readonly QueryFieldName[] = [
  'subject',
  'description',
  'contactName',
  'contactPhone',
  'contactEmail',
];

const FIELDS_BY_LOWER_NAME = new Map<string, QueryField & { name: QueryFieldName }>();
for (const field of QUERY_FIELDS) FIELDS_BY_LOWER_NAME.set(field.name.toLowerCase(), field);
for (const [alias, target] of Object.entries(QUERY_FIELD_ALIASES)) {
  FIELDS_BY_LOWER_NAME.set(alias.toLowerCase(), FIELDS_BY_LOWER_NAME.get(target.toLowerCase())!);
}

/** The field a name (or alias) refers to, ignoring case; undefined for anything not on the list. */
export function resolveField(name: string): (QueryField & { name: QueryFieldName }) | undefined {
  return FIELDS_BY_LOWER_NAME.get(name.toLowerCase());
}

/** For error messages: every name a person may write. */
export function describeValidFields(): string {
  const aliases = Object.entries(QUERY_FIELD_ALIASES)
    .map(([alias, target]) => `${alias} (= ${target})`)
    .join(', ');
  return `Valid fields: ${QUERY_FIELDS.map((f) => f.name).join(', ')}; aliases: ${aliases}`;
}
