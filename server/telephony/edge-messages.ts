/**
 * What the SIP edge (kamailio.cfg.tmpl) tells the platform over the control channel, validated with zod
 * (the edge is another process: its messages are input like any other), and what the platform answers.
 */
import { z } from 'zod';

const txId = { tindex: z.coerce.number().int().min(0), tlabel: z.coerce.number().int().min(0) };
const callId = z.string().min(1).max(512);
const workitemId = z.string().min(1).max(128);
const connectedCall = {
  fromTag: z.string().max(256).optional(),
  toTag: z.string().max(256).optional(),
  workitemId: workitemId.optional(),
  direction: z.enum(['inbound', 'outbound']).optional(),
};

export const EdgeEventSchema = z.discriminatedUnion('event', [
  /** a customer's or gateway's INVITE, suspended, ringing (180) */
  z.object({ event: z.literal('invite'), ...txId, callId, from: z.string().max(256), to: z.string().max(256), source: z.string().max(64).optional() }),
  /**
   * a call whose INVITE is still suspended, told to every platform that connects: a node that took over
   * routing adopts its item (loaded from the store) instead of leaving the caller ringing for nobody
   */
  z.object({ event: z.literal('waiting'), ...txId, callId, from: z.string().max(256), to: z.string().max(256), source: z.string().max(64).optional() }),
  /** an authenticated agent's INVITE to a number, suspended */
  z.object({ event: z.literal('outbound'), ...txId, callId, agent: z.string().max(256), to: z.string().max(256), workitemId: z.string().max(128) }),
  /** the caller sent CANCEL */
  z.object({ event: z.literal('cancel'), callId }),
  /** the agent's leg did not answer (not registered, 4xx/5xx, timeout): the INVITE is suspended again */
  z.object({ event: z.literal('leg_failed'), ...txId, callId, code: z.coerce.number().int(), workitemId: workitemId.optional() }),
  /** the gateway refused an agent's outbound call */
  z.object({ event: z.literal('outbound_failed'), callId, code: z.coerce.number().int() }),
  /** 2xx to the INVITE: the call is connected (the first 2xx names the call's work item and direction) */
  z.object({ event: z.literal('answered'), callId, ...connectedCall }),
  /**
   * a connected call, told to every platform that connects: one that restarted, or a node that took over
   * routing, adopts its item (loaded from the store), so a hang-up on either side still ends it
   */
  z.object({ event: z.literal('in_call'), callId, ...connectedCall, workitemId }),
  /** BYE from either side (naming the connected call's work item; kept for the next platform when none was connected) */
  z.object({ event: z.literal('bye'), callId, by: z.enum(['agent', 'customer']), workitemId: workitemId.optional() }),
  /**
   * the agent's softphone sent the customer a REFER (its own transfer): `to` is the user part of its
   * Refer-To, `agent` the user its credentials authenticated
   */
  z.object({ event: z.literal('refer'), callId, to: z.string().max(64).optional(), agent: z.string().max(100).optional() }),
  /** a final answer from the customer's side to a REFER */
  z.object({ event: z.literal('refer_result'), callId, code: z.coerce.number().int() }),
]);
export type EdgeEvent = z.infer<typeof EdgeEventSchema>;

export type EdgeCommand =
  | { action: 'connect'; tindex: number; tlabel: number; agent: string; workitemId: string }
  | { action: 'relay'; tindex: number; tlabel: number; to: string; from: string }
  | { action: 'reject'; tindex: number; tlabel: number; code: number; reason: string }
  /** end the customer's leg of an answered call (`caller` of an inbound call, `callee` of an outbound one) */
  | { action: 'hangup'; callId: string; fromTag: string; toTag: string; side: 'caller' | 'callee' }
  /** REFER the customer's leg (`side`) to sip:TO@domain and hang up the agent's leg (blind transfer) */
  | { action: 'refer'; callId: string; fromTag: string; toTag: string; side: 'caller' | 'callee'; to: string };
