/**
 * Seed 001's names, mapped at the edge only: Switchboard speaks kinds, directions, channel types and the
 * 1/2/3/5/8 priority scale everywhere else (vocabulary.ts, docs/domain.md).
 *
 * WorkitemType ↔ kind + direction + channel type + channel:
 *
 * | seed 001 type  | kind  | direction | channelType | channel   | subType    |
 * |----------------|-------|-----------|-------------|-----------|------------|
 * | InboundCall    | call  | INBOUND   | voice       | —         |            |
 * | OutboundCall   | call  | OUTBOUND  | voice       | —         |            |
 * | PredictiveCall | call  | OUTBOUND  | voice       | —         | predictive |
 * | InboundEmail   | email | INBOUND   | email       | —         |            |
 * | OutboundEmail  | email | OUTBOUND  | email       | —         |            |
 * | InboundSMS     | chat  | INBOUND   | sms         | sms       |            |
 * | OutboundSMS    | chat  | OUTBOUND  | sms         | sms       |            |
 * | Chat           | chat  | INBOUND   | chat        | webchat   |            |
 * | Facebook       | chat  | INBOUND   | chat        | facebook  |            |
 * | Instagram      | chat  | INBOUND   | chat        | instagram |            |
 * | Twitter        | chat  | INBOUND   | chat        | twitter   |            |
 * | Whatsapp       | chat  | INBOUND   | chat        | whatsapp  |            |
 *
 * Back to seed 001, the direction only splits calls, emails and SMS into Inbound/Outbound; a transferred
 * or conferenced item (DIRECT_TRANSFER, DIRECT_CONFERENCE) keeps its inbound name. task, callback,
 * review and approval have no seed 001 type (undefined), nor has a video meeting.
 *
 * Priority: seed 001 runs 1 (lowest) to 5 (highest); ours runs 1 (most urgent) to 8. Mapped by rank:
 *
 * | ours          | seed 001     |
 * |---------------|--------------|
 * | 1 Critical    | 5 (Highest)  |
 * | 2 High        | 4            |
 * | 3 Medium      | 3            |
 * | 5 Normal      | 2            |
 * | 8 Low         | 1 (Lowest)   |
 */
import type { WorkItem } from './workitem';
import type { Channel, ChannelType, Direction, Kind, Priority } from './vocabulary';

export const SEED001_WORKITEM_TYPES = [
  'InboundCall',
  'OutboundCall',
  'PredictiveCall',
  'InboundEmail',
  'OutboundEmail',
  'InboundSMS',
  'OutboundSMS',
  'Chat',
  'Facebook',
  'Instagram',
  'Twitter',
  'Whatsapp',
] as const;
export type Seed001WorkitemType = (typeof SEED001_WORKITEM_TYPES)[number];

export type Seed001Mapping = {
  kind: Kind;
  direction: Direction;
  channelType: ChannelType;
  channel: Channel | null;
  /** set only where the kind alone cannot tell: a predictive (dialler) call */
  subType: string | null;
};

/** The subType that marks a dialler call, so PredictiveCall survives the round trip. */
export const PREDICTIVE_SUBTYPE = 'predictive';

const call = (direction: Direction, subType: string | null = null): Seed001Mapping => ({ kind: 'call', direction, channelType: 'voice', channel: null, subType });
const email = (direction: Direction): Seed001Mapping => ({ kind: 'email', direction, channelType: 'email', channel: null, subType: null });
const sms = (direction: Direction): Seed001Mapping => ({ kind: 'chat', direction, channelType: 'sms', channel: 'sms', subType: null });
const messaging = (channel: Channel): Seed001Mapping => ({ kind: 'chat', direction: 'INBOUND', channelType: 'chat', channel, subType: null });

export const SEED001_TYPE_MAPPING: Record<Seed001WorkitemType, Seed001Mapping> = {
  InboundCall: call('INBOUND'),
  OutboundCall: call('OUTBOUND'),
  PredictiveCall: call('OUTBOUND', PREDICTIVE_SUBTYPE),
  InboundEmail: email('INBOUND'),
  OutboundEmail: email('OUTBOUND'),
  InboundSMS: sms('INBOUND'),
  OutboundSMS: sms('OUTBOUND'),
  Chat: messaging('webchat'),
  Facebook: messaging('facebook'),
  Instagram: messaging('instagram'),
  Twitter: messaging('twitter'),
  Whatsapp: messaging('whatsapp'),
};

function isSeed001Type(value: string): value is Seed001WorkitemType {
  return (SEED001_WORKITEM_TYPES as readonly string[]).includes(value);
}

/** Our kind, direction and channel for a seed 001 WorkitemType; undefined for a name seed 001 does not have. */
export function fromSeed001Type(type: string): Seed001Mapping | undefined {
  if (!isSeed001Type(type)) return undefined;
  return { ...SEED001_TYPE_MAPPING[type] };
}

const CHAT_CHANNEL_TYPES: Partial<Record<Channel, Seed001WorkitemType>> = {
  webchat: 'Chat',
  facebook: 'Facebook',
  instagram: 'Instagram',
  twitter: 'Twitter',
  whatsapp: 'Whatsapp',
};

export type Seed001Subject = Pick<WorkItem, 'type' | 'direction' | 'channelType' | 'channel'> & { subType?: string | null };

/** The seed 001 WorkitemType of an item, or undefined when none fits (tasks, callbacks, reviews, …). */
export function toSeed001Type(item: Seed001Subject): Seed001WorkitemType | undefined {
  const outbound = item.direction === 'OUTBOUND';
  switch (item.type) {
    case 'call':
      if (item.channelType !== 'voice') return undefined;
      if (!outbound) return 'InboundCall';
      return item.subType === PREDICTIVE_SUBTYPE ? 'PredictiveCall' : 'OutboundCall';
    case 'email':
      if (item.channelType !== 'email') return undefined;
      return outbound ? 'OutboundEmail' : 'InboundEmail';
    case 'chat':
      if (item.channelType === 'sms' || item.channel === 'sms') return outbound ? 'OutboundSMS' : 'InboundSMS';
      if (item.channelType !== 'chat') return undefined;
      // A chat without a sub-channel came from the web chat widget, seed 001's plain "Chat".
      return item.channel === null ? 'Chat' : CHAT_CHANNEL_TYPES[item.channel];
    default:
      return undefined;
  }
}

const TO_SEED001_PRIORITY: Record<Priority, number> = { 1: 5, 2: 4, 3: 3, 5: 2, 8: 1 };
const FROM_SEED001_PRIORITY: Record<number, Priority> = { 5: 1, 4: 2, 3: 3, 2: 5, 1: 8 };

/** Our priority (1 most urgent … 8) on seed 001's scale (5 highest … 1). */
export function toSeed001Priority(priority: Priority): number {
  return TO_SEED001_PRIORITY[priority];
}

/** Seed 001's priority (1–5, 5 highest) on our scale; undefined outside 1–5 or not an integer. */
export function fromSeed001Priority(seedPriority: number): Priority | undefined {
  return Number.isInteger(seedPriority) ? FROM_SEED001_PRIORITY[seedPriority] : undefined;
}
