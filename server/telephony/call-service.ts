/**
 * Calls as work items: what the SIP edge reports (edge-messages.ts) becomes lifecycle changes of `call`
 * items, and what happens to those items (accept, TTL, hang-up through the API) becomes commands to the
 * edge. The existing router makes the offers (the agent's toast rings; RONA and TTL as for any item);
 * the caller's INVITE stays suspended in Kamailio, ringing, until the agent accepts — then the platform
 * continues it to that agent's softphone with X-Workitem-Id, and the agent's answer makes the item active.
 */
import { newWorkItem } from '../../common/lifecycle';
import { normalizePhone } from '../../common/phone';
import { isDialable } from '../../common/actions';
import type { WorkItem } from '../../common/workitem';
import { NO_ROUTE, type StoredItem } from '../store/items';
import { newId, type Core } from '../service/core';
import type { WorkItemService } from '../service/workitems';
import { EdgeEventSchema, type EdgeCommand, type EdgeEvent } from './edge-messages';

type Phase = 'waiting' | 'connecting' | 'answered' | 'outbound';

interface Call {
  callId: string;
  workitemId: string;
  phase: Phase;
  /** the suspended INVITE transaction (Kamailio's tm index and label) */
  tindex: number;
  tlabel: number;
  fromTag?: string;
  toTag?: string;
  /** the customer called in (inbound) or the agent called out */
  direction: 'inbound' | 'outbound';
  /** the platform told rtpengine to block the call's media (the item is on hold) */
  held?: boolean;
  /** the agent's softphone sent the customer a REFER itself: the platform does not send another */
  referredByAgent?: boolean;
}

/** Starts and stops a call's media at the relay (rtpengine-ng.ts). */
export interface CallMedia {
  blockMedia(callId: string, blocked: boolean): Promise<boolean>;
  deleteCall(callId: string): Promise<boolean>;
}

/** A transfer through the API the edge is to carry out by REFER once the transaction commits. */
interface TransferToRefer {
  call: Call;
  caller: string;
  /** the original item's queue: its number is the fallback Refer-To */
  fromQueueId: string | null;
}

/** how long after a transfer the customer's new INVITE joins the item it raised (or reaches the outside number) */
const TRANSFER_FOLLOW_MS = 30_000;

/** A customer the agent's softphone REFERred to an outside number: their new INVITE to it goes to the gateway. */
interface TransferOut {
  number: string;
  /** the From of the relayed call: the original item's queue number, as for the agent's own calls */
  from: string;
  until: number;
}
/** commands kept for a control channel that is down (a suspended INVITE outlives a short outage) */
const MAX_UNSENT = 10_000;
/** outside transfers remembered until their customer's INVITE (oldest dropped first) */
const MAX_TRANSFERS_OUT = 10_000;
/** finished calls remembered against the edge's list of waiting calls at a reconnection */
const MAX_FINISHED_REMEMBERED = 10_000;
const LIVE_STATES: ReadonlySet<string> = new Set(['accepted', 'active', 'hold', 'conference']);
/** A raised transfer item nobody has answered yet (its queue number is the REFER's target). */
const UNANSWERED_TRANSFER_STATES: ReadonlySet<string> = new Set(['inqueue', 'offered']);
/**
 * …and what a transferred customer's new INVITE may join, or a refused REFER closes: the target agent may
 * already have accepted (the item then waits, accepted, for the call: see awaitsTransferredCustomer).
 */
const JOINABLE_TRANSFER_STATES: ReadonlySet<string> = new Set(['inqueue', 'offered', 'accepted']);
/** The states of a call item whose caller's INVITE may still be suspended at the edge, waiting for an agent. */
const WAITING_CALL_STATES: ReadonlySet<string> = new Set(['inqueue', 'offered', 'accepted']);

/** A dialled or called number as E.164 (a SIP user part may lack the +), or null. */
export function e164Of(userPart: string): string | null {
  const digits = userPart.replace(/[\s().-]/g, '');
  if (/^\+[1-9][0-9]{1,14}$/.test(digits)) return digits;
  if (/^[0-9]{4,15}$/.test(digits)) {
    const asInternational = normalizePhone(`+${digits}`);
    if (asInternational.ok) return asInternational.e164;
    return `+${digits}`;
  }
  return null;
}

/** The customer's number on a call item: the callback's number when it has one, else the contact's. */
function customerNumberOf(item: WorkItem): string | null {
  return item.callback?.phone ?? item.contact.phone;
}

export class CallService {
  private readonly calls = new Map<string, Call>();
  private readonly callOfItem = new Map<string, string>();
  private readonly queueOfNumber = new Map<string, string>();
  /** commands decided inside a transaction, sent once it commits */
  private pending: EdgeCommand[] = [];
  private readonly unsent: EdgeCommand[] = [];
  /** an edge event is being applied: its own saves need no command back */
  private applyingEdgeEvent = false;
  /** callers whose answered call was just transferred (POST /transfer): caller E.164 → until when */
  private readonly transferredCallers = new Map<string, number>();
  /** transfers decided inside a transaction, REFERred once it commits (the raised item exists then) */
  private transfersToRefer: TransferToRefer[] = [];
  /** customers the platform REFERred: Call-ID → their E.164, until the REFER's final answer */
  private readonly referring = new Map<string, string>();
  /** customers the agent's softphone REFERred to an outside number: customer E.164 → where to, until when */
  private readonly transfersOut = new Map<string, TransferOut>();
  /**
   * Calls this platform has finished with (oldest first, bounded): the edge may still name one as waiting
   * when the channel comes back, before the reject that ends it arrives there; it is not a new call.
   */
  private readonly finished = new Set<string>();

  constructor(
    private readonly core: Core,
    private readonly workitems: WorkItemService,
    private readonly send: (command: EdgeCommand) => boolean,
    private readonly media: CallMedia | null = null,
  ) {
    for (const queue of core.config.queues) for (const number of queue.phoneNumbers) this.queueOfNumber.set(number, queue.id);
    workitems.mediaConfirmedByEdge = (id) => this.callOfItem.has(id) || this.awaitsTransferredCustomer(id);
    core.onSave((stored) => this.onItemSaved(stored));
    core.onCommit(() => {
      this.referTransfers();
      this.flush();
    });
  }

  /** how many calls the platform is following (for tests and figures) */
  get callCount(): number {
    return this.calls.size;
  }

  onEdgeMessage(raw: unknown): void {
    const parsed = EdgeEventSchema.safeParse(raw);
    if (!parsed.success) {
      this.core.log.warn({ message: raw }, 'sip edge sent a message the platform does not understand');
      return;
    }
    const event = parsed.data;
    this.applyingEdgeEvent = true;
    try {
      this.core.tx(() => this.apply(event));
    } catch (err) {
      this.core.log.error({ err, event }, 'sip edge event failed');
    } finally {
      this.applyingEdgeEvent = false;
    }
    this.flush();
  }

  private apply(event: EdgeEvent): void {
    switch (event.event) {
      case 'invite':
        return this.inbound(event);
      case 'waiting':
        return this.stillWaiting(event);
      case 'outbound':
        return this.outbound(event);
      case 'cancel':
        return this.abandoned(event.callId);
      case 'leg_failed':
        return this.legFailed(event);
      case 'outbound_failed':
        return this.ended(event.callId, 'system');
      case 'answered':
        return this.answered(event);
      case 'in_call':
        return this.stillConnected(event);
      case 'bye':
        return this.ended(event.callId, event.by, event.workitemId);
      case 'refer':
        return this.referredByAgent(event.callId, event.to, event.agent);
      case 'refer_result':
        return this.referResult(event.callId, event.code);
    }
  }

  // ---- edge → platform ------------------------------------------------------------------------------

  private inbound(event: Extract<EdgeEvent, { event: 'invite' }>): void {
    if (this.calls.has(event.callId)) return;
    const number = e164Of(event.to);
    const queueId = number === null ? undefined : this.queueOfNumber.get(number);
    const caller = e164Of(event.from);
    if (queueId === undefined) {
      const out = number === null || caller === null ? undefined : this.transferOut(caller, number);
      if (out) {
        this.core.log.info({ callId: event.callId, caller, to: number }, 'a customer the agent transferred to an outside number: relayed to the gateway');
        this.pending.push({ action: 'relay', tindex: event.tindex, tlabel: event.tlabel, to: out.number, from: out.from });
        return;
      }
      // no open relay: only a queue's number enters
      this.core.log.info({ to: event.to, from: event.from, source: event.source }, 'call to a number that is no queue’s: refused');
      this.pending.push({ action: 'reject', tindex: event.tindex, tlabel: event.tlabel, code: 404, reason: 'Not Found' });
      return;
    }
    // A transferred customer's carrier follows the agent's REFER with a new INVITE to the target: it
    // joins the item the transfer raised instead of making a second one.
    const raised = caller === null ? undefined : this.itemRaisedByTransfer(caller);
    if (raised) {
      const call: Call = { callId: event.callId, workitemId: raised.item.workitemId, phase: 'waiting', tindex: event.tindex, tlabel: event.tlabel, direction: 'inbound' };
      this.track(call);
      // The target agent may have accepted the raised item before the customer's INVITE arrived (the
      // offer goes out with the transfer; the INVITE only after the REFER and the BYE): connect at once.
      const { state, agentUsername } = raised.item;
      if (state === 'accepted' && agentUsername !== null) {
        call.phase = 'connecting';
        this.pending.push({ action: 'connect', tindex: event.tindex, tlabel: event.tlabel, agent: agentUsername, workitemId: raised.item.workitemId });
      }
      return;
    }
    const stored = this.createCallItem(queueId, caller, this.core.now());
    this.track({ callId: event.callId, workitemId: stored.item.workitemId, phase: 'waiting', tindex: event.tindex, tlabel: event.tlabel, direction: 'inbound' });
  }

  /**
   * The edge, on (re)connection, names a call whose INVITE it still holds. This platform follows it
   * already (a reconnection), or the node that routed before this one died (several nodes, docs/scaling.md):
   * its item is in the store this node loaded — waiting, offered, or even accepted — but the call was in
   * that node's memory. Adopt the item, so its offer leads to the caller; a call without one is a new call.
   */
  private stillWaiting(event: Extract<EdgeEvent, { event: 'waiting' }>): void {
    if (this.calls.has(event.callId) || this.finished.has(event.callId)) return;
    const number = e164Of(event.to);
    const queueId = number === null ? undefined : this.queueOfNumber.get(number);
    const caller = e164Of(event.from);
    const orphan = queueId === undefined ? undefined : this.untrackedCallItem(queueId, caller);
    if (!orphan) return this.inbound({ ...event, event: 'invite' });
    const call: Call = { callId: event.callId, workitemId: orphan.item.workitemId, phase: 'waiting', tindex: event.tindex, tlabel: event.tlabel, direction: 'inbound' };
    this.track(call);
    this.core.log.info({ callId: event.callId, workitemId: call.workitemId, state: orphan.item.state }, 'a waiting call from before this platform started: its item adopted');
    const { state, agentUsername } = orphan.item;
    if (state === 'accepted' && agentUsername !== null) {
      call.phase = 'connecting';
      this.pending.push({ action: 'connect', tindex: event.tindex, tlabel: event.tlabel, agent: agentUsername, workitemId: orphan.item.workitemId });
    }
  }

  /** The oldest open inbound call item of this queue and caller that no call of this platform follows. */
  private untrackedCallItem(queueId: string, caller: string | null): StoredItem | undefined {
    let oldest: StoredItem | undefined;
    for (const stored of this.core.items.live()) {
      const item = stored.item;
      if (item.type !== 'call' || item.direction !== 'INBOUND' || item.queueId !== queueId || item.contact.phone !== caller) continue;
      if (!WAITING_CALL_STATES.has(item.state) || this.callOfItem.has(item.workitemId)) continue;
      if (oldest === undefined || item.createdAt < oldest.item.createdAt) oldest = stored;
    }
    return oldest;
  }

  /** The outside number this customer was just REFERred to by the agent's softphone, if it is `number` (once). */
  private transferOut(caller: string, number: string): TransferOut | undefined {
    const out = this.transfersOut.get(caller);
    if (out === undefined || out.number !== number) return undefined;
    this.transfersOut.delete(caller);
    return out.until >= this.core.now() ? out : undefined;
  }

  private itemRaisedByTransfer(caller: string): StoredItem | undefined {
    const until = this.transferredCallers.get(caller);
    if (until === undefined) return undefined;
    if (until < this.core.now()) {
      this.transferredCallers.delete(caller);
      return undefined;
    }
    const raised = this.waitingTransferItem(caller, JOINABLE_TRANSFER_STATES);
    if (raised) this.transferredCallers.delete(caller);
    return raised;
  }

  /**
   * An item a transfer raised for a call the edge held, whose customer's new INVITE has not come yet. Its
   * accept must wait for the edge like any call's (`accepted` until the target's phone answers): accepted
   * straight to `active`, it was no longer joinable and the INVITE that followed made a second item, so
   * the target agent never got the call.
   */
  private awaitsTransferredCustomer(workitemId: string): boolean {
    const item = this.core.items.get(workitemId)?.item;
    if (item?.type !== 'call' || item.direction !== 'DIRECT_TRANSFER' || item.contact.phone === null) return false;
    const until = this.transferredCallers.get(item.contact.phone);
    return until !== undefined && until >= this.core.now();
  }

  private createCallItem(queueId: string, caller: string | null, orderAt: number, createdAt = this.core.now()): StoredItem {
    const item = newWorkItem({
      workitemId: newId('wi'),
      type: 'call',
      createdAt,
      createdBy: 'system',
      channel: 'Phone',
      channelType: 'voice',
      direction: 'INBOUND',
      mode: 'QUEUE',
      queueId,
      subject: caller ? `Call from ${caller}` : 'Call',
      contact: { name: null, phone: caller, email: null },
    });
    const route = this.workitems.queueRoute(queueId, orderAt);
    return this.core.create({ item, route, parentId: null, campaignId: null, archived: false });
  }

  private outbound(event: Extract<EdgeEvent, { event: 'outbound' }>): void {
    const refuse = (why: string) => {
      this.core.log.info({ agent: event.agent, to: event.to, workitemId: event.workitemId, why }, 'agent call refused');
      this.pending.push({ action: 'reject', tindex: event.tindex, tlabel: event.tlabel, code: 403, reason: 'Forbidden' });
    };
    const stored = event.workitemId === '' ? undefined : this.core.items.get(event.workitemId);
    if (!stored || stored.archived) return refuse('no such work item');
    const item = stored.item;
    if (!isDialable(item) || item.state !== 'active') return refuse('the item is not a dialled outbound call');
    if (item.agentUsername !== event.agent) return refuse('the item is not this agent’s');
    const wanted = customerNumberOf(item);
    if (wanted === null || e164Of(event.to) !== wanted) return refuse('the number is not the item’s');
    const from = item.queueId === null ? undefined : this.core.queues.get(item.queueId)?.phoneNumbers[0];
    if (from === undefined) return refuse('the item’s queue has no phone number to call from');
    this.track({ callId: event.callId, workitemId: item.workitemId, phase: 'outbound', tindex: event.tindex, tlabel: event.tlabel, direction: 'outbound' });
    this.pending.push({ action: 'relay', tindex: event.tindex, tlabel: event.tlabel, to: wanted, from });
  }

  /** The caller hung up before an agent answered: ABANDONED (an offer on the way is rescinded). */
  private abandoned(callId: string): void {
    const call = this.calls.get(callId);
    if (!call || (call.phase !== 'waiting' && call.phase !== 'connecting')) return;
    this.forget(call);
    const stored = this.core.items.get(call.workitemId);
    if (!stored || !['inqueue', 'offered', 'accepted'].includes(stored.item.state)) return;
    const agent = stored.item.agentUsername;
    const closed = this.core.apply(stored.item, { type: 'close', by: 'system', reasonCode: 'ABANDONED' });
    const rescinded =
      stored.item.state === 'offered' && agent
        ? [{ type: 'workitem.offer_rescinded' as const, payload: { workitem: closed, offer: { reason: 'CANCELLED', agentUsername: agent } }, audience: [`agent:${agent}`] }]
        : [];
    this.core.save(stored, { ...stored, item: closed, route: { ...stored.route, pool: null } }, rescinded);
  }

  /**
   * The accepting agent's phone did not take the call. Its item is closed RONA (the agent goes to the
   * queue's ronaPresence) and a fresh item for the same call waits in the queue with its original age;
   * the edge holds the INVITE until the next agent accepts.
   */
  private legFailed(event: Extract<EdgeEvent, { event: 'leg_failed' }>): void {
    const call = this.calls.get(event.callId) ?? this.adoptRingingLeg(event);
    if (!call) {
      this.pending.push({ action: 'reject', tindex: event.tindex, tlabel: event.tlabel, code: 480, reason: 'Temporarily Unavailable' });
      return;
    }
    call.tindex = event.tindex;
    call.tlabel = event.tlabel;
    const stored = this.core.items.get(call.workitemId);
    if (!stored || stored.item.state !== 'accepted') {
      this.forget(call);
      this.pending.push({ action: 'reject', tindex: event.tindex, tlabel: event.tlabel, code: 480, reason: 'Temporarily Unavailable' });
      return;
    }
    const agent = stored.item.agentUsername!;
    this.core.log.info({ callId: call.callId, agent, code: event.code }, 'agent leg failed: the call goes back to its queue');
    const closed = this.core.apply(stored.item, { type: 'close', by: 'system', reasonCode: 'RONA' });
    this.core.save(stored, { ...stored, item: closed, route: { ...stored.route, pool: null } });
    const queue = this.core.queueFor(stored.item);
    if (queue) this.core.setPresence(agent, queue.ronaPresence, 'RONA');
    this.callOfItem.delete(call.workitemId);
    const again = this.createCallItem(stored.item.queueId!, stored.item.contact.phone, stored.item.createdAt, stored.item.createdAt);
    call.workitemId = again.item.workitemId;
    call.phase = 'waiting';
    this.callOfItem.set(call.workitemId, call.callId);
  }

  private answered(event: Extract<EdgeEvent, { event: 'answered' }>): void {
    const call = this.calls.get(event.callId);
    // An agent's leg that was ringing when this platform started (restarted, or took over routing).
    if (!call) return this.adoptConnected(event);
    call.fromTag = event.fromTag;
    call.toTag = event.toTag;
    if (call.phase === 'connecting') call.phase = 'answered';
    if (call.phase === 'outbound') call.phase = 'answered';
    this.mediaUp(call);
  }

  /** The call's media is up: its item, if still only accepted, becomes active. */
  private mediaUp(call: Call): void {
    const stored = this.core.items.get(call.workitemId);
    if (stored?.item.state === 'accepted') this.core.save(stored, { ...stored, item: this.core.apply(stored.item, { type: 'media_up', by: 'system' }) });
  }

  /**
   * A failed agent leg of a call this platform does not follow, rung before it started (a restart, a
   * takeover): the call's accepted item, named by the edge, is followed from here, so the call goes back to
   * its queue instead of the caller being refused.
   */
  private adoptRingingLeg(event: Extract<EdgeEvent, { event: 'leg_failed' }>): Call | undefined {
    const { callId, workitemId } = event;
    if (workitemId === undefined || this.finished.has(callId)) return undefined;
    const item = this.core.items.get(workitemId)?.item;
    if (item?.type !== 'call' || item.direction === 'OUTBOUND' || item.state !== 'accepted' || this.callOfItem.has(workitemId)) return undefined;
    const call: Call = { callId, workitemId, phase: 'connecting', tindex: event.tindex, tlabel: event.tlabel, direction: 'inbound' };
    this.track(call);
    this.core.log.info({ callId, workitemId }, 'a failed agent leg of a call from before this platform started: its item adopted');
    return call;
  }

  /**
   * The edge, on (re)connection, names a connected call. This platform follows it already — though its
   * `answered` may have been lost while the channel was down — or it was in the memory of a platform that
   * is gone (a restart, a takeover): its item is in the store, accepted or active.
   */
  private stillConnected(event: Extract<EdgeEvent, { event: 'in_call' }>): void {
    const call = this.calls.get(event.callId);
    if (call && call.phase !== 'answered' && call.phase !== 'waiting') return this.answered({ ...event, event: 'answered' });
    if (!call) this.adoptConnected(event);
  }

  /**
   * Follows a connected call this platform did not know, by the work item the edge names: a hang-up on
   * either side, a hold or a transfer then acts on it as on any call. Nothing to adopt without a live item
   * that no other call of this platform follows (the call ended here, or was never an item's).
   */
  private adoptConnected(event: Extract<EdgeEvent, { event: 'answered' | 'in_call' }>): void {
    if (event.direction === undefined) return;
    const call = this.followConnected(event.callId, event.workitemId, event.direction, event);
    if (!call) return;
    this.core.log.info({ callId: call.callId, workitemId: call.workitemId }, 'a connected call from before this platform started: its item adopted');
    this.mediaUp(call);
  }

  /** Follows a connected call by the work item the edge names, if that item is live and no call of this platform has it. */
  private followConnected(callId: string, workitemId: string | undefined, direction: Call['direction'], tags: { fromTag?: string; toTag?: string }): Call | undefined {
    if (workitemId === undefined || this.finished.has(callId)) return undefined;
    const stored = this.core.items.get(workitemId);
    if (!stored || stored.archived || !LIVE_STATES.has(stored.item.state) || this.callOfItem.has(workitemId)) return undefined;
    const call: Call = { callId, workitemId, phase: 'answered', tindex: 0, tlabel: 0, fromTag: tags.fromTag, toTag: tags.toTag, direction, held: stored.item.state === 'hold' };
    this.track(call);
    return call;
  }

  /**
   * A BYE from either side (or the gateway refusing an agent's call): the item goes to wrap-up. A BYE of a
   * call this platform does not follow names its item: the call was connected before this platform started,
   * and ended before it connected (the edge kept the BYE) or since.
   */
  private ended(callId: string, by: 'agent' | 'customer' | 'system', workitemId?: string): void {
    const call = this.calls.get(callId) ?? this.followConnected(callId, workitemId, 'inbound', {});
    if (!call) return;
    this.forget(call);
    const stored = this.core.items.get(call.workitemId);
    if (!stored || !LIVE_STATES.has(stored.item.state)) return;
    const item = stored.item;
    const wrapUp = this.core.queueFor(item)?.wrapUpTimeoutSeconds ?? this.core.config.defaults.wrapUpTimeoutSeconds;
    const actor = by === 'agent' && item.agentUsername ? item.agentUsername : 'system';
    const after = this.core.apply(item, { type: 'hangup', by: actor, wrapUpExpiresAt: this.core.now() + wrapUp * 1000 });
    this.core.save(stored, { ...stored, item: after, route: NO_ROUTE });
  }

  /**
   * The agent's softphone REFERred the customer itself (the desktop's transfer): the platform leaves it be.
   * This news may come after the desktop's transfer, when the platform has asked the edge to REFER already:
   * the edge does not (it saw the softphone's REFER pass, kamailio.cfg `referred`), so no answer to that
   * REFER will come either.
   */
  private referredByAgent(callId: string, to: string | undefined, agent: string | undefined): void {
    const call = this.calls.get(callId);
    if (call) call.referredByAgent = true;
    this.referring.delete(callId);
    // To an outside number (not a queue's): the customer's new INVITE to it is let through to the gateway,
    // that one call only, for a short while — the edge relays nothing else (no open relay). Only when the
    // REFER came from the call's own agent: anyone else's would be a way to call out at the company's cost.
    const number = to === undefined ? null : e164Of(to);
    const item = call === undefined ? undefined : this.core.items.get(call.workitemId)?.item;
    const customer = item === undefined ? null : customerNumberOf(item);
    if (number === null || item === undefined || customer === null || this.queueOfNumber.has(number)) return;
    if (agent === undefined || agent !== item.agentUsername) {
      this.core.log.warn({ callId, to: number, agent, callsAgent: item.agentUsername }, 'a REFER to an outside number not from the call’s agent: the customer is not let through');
      return;
    }
    const queueNumber = item.queueId ? this.core.queues.get(item.queueId)?.phoneNumbers[0] : undefined;
    this.transfersOut.set(customer, { number, from: queueNumber ?? customer, until: this.core.now() + TRANSFER_FOLLOW_MS });
    if (this.transfersOut.size > MAX_TRANSFERS_OUT) this.transfersOut.delete(this.transfersOut.keys().next().value!);
  }

  /**
   * The customer's final answer to the platform's REFER. Accepted: their new INVITE joins the raised item.
   * Refused (a carrier without REFER): the edge has ended the customer's leg all the same (the dialog
   * module's transfer always hangs up the referred side), so the raised item has nobody to connect and
   * is closed ABANDONED, with a log line saying why (docs/telephony.md, "carrier refuses REFER").
   */
  private referResult(callId: string, code: number): void {
    const caller = this.referring.get(callId);
    if (caller === undefined) {
      // the answer to the softphone's own REFER: refused, the call stays with the agent, and a transfer
      // through the API REFERs the customer after all (so does the edge: kamailio.cfg `referred`)
      const call = this.calls.get(callId);
      if (call?.referredByAgent && code >= 300) {
        call.referredByAgent = false;
        const item = this.core.items.get(call.workitemId)?.item;
        const customer = item === undefined ? null : customerNumberOf(item);
        if (customer !== null) this.transfersOut.delete(customer);
      }
      return;
    }
    if (code < 200) return;
    this.referring.delete(callId);
    // both legs are ended by the edge itself (the agent's now, the customer's after this answer)
    if (this.media) void this.media.deleteCall(callId);
    if (code < 300) return;
    this.core.log.warn({ callId, code, caller }, 'the customer refused the transfer REFER: the call ended and the raised item is closed');
    this.transferredCallers.delete(caller);
    // the target agent may already have accepted it: it waits for a call that will not come
    const raised = this.waitingTransferItem(caller, JOINABLE_TRANSFER_STATES);
    if (!raised) return;
    const closed = this.core.apply(raised.item, { type: 'close', by: 'system', reasonCode: 'ABANDONED' });
    this.core.save(raised, { ...raised, item: closed, route: { ...raised.route, pool: null } });
  }

  /** The item a transfer raised for this caller that no call has joined yet. */
  private waitingTransferItem(caller: string, states: ReadonlySet<string> = UNANSWERED_TRANSFER_STATES): StoredItem | undefined {
    for (const stored of this.core.items.live()) {
      const item = stored.item;
      if (item.type === 'call' && item.direction === 'DIRECT_TRANSFER' && item.contact.phone === caller && states.has(item.state) && !this.callOfItem.has(item.workitemId)) return stored;
    }
    return undefined;
  }

  // ---- platform → edge ----------------------------------------------------------------------------------

  /** Every saved change of a call the edge holds: accept connects it, an end on this side ends the call. */
  private onItemSaved(stored: StoredItem): void {
    if (this.applyingEdgeEvent) return;
    const callId = this.callOfItem.get(stored.item.workitemId);
    if (callId === undefined) return;
    const call = this.calls.get(callId)!;
    const item: WorkItem = stored.item;
    if (call.phase === 'waiting') {
      if (item.state === 'accepted' && item.agentUsername) {
        call.phase = 'connecting';
        this.pending.push({ action: 'connect', tindex: call.tindex, tlabel: call.tlabel, agent: item.agentUsername, workitemId: item.workitemId });
      } else if (item.state === 'closed') {
        // TTL (NO_AGENT_AVAILABLE), or closed by a supervisor: the caller is told nobody is available
        this.forget(call);
        this.pending.push({ action: 'reject', tindex: call.tindex, tlabel: call.tlabel, code: 480, reason: 'Temporarily Unavailable' });
      }
      return;
    }
    if (call.phase === 'answered' && item.reasonCode === 'TRANSFERRED') {
      // blind transfer: the customer is REFERred to the target (by the agent's softphone when it did so
      // itself, otherwise by the edge); their new INVITE joins the item the transfer raised (see inbound)
      this.forget(call);
      if (call.direction === 'inbound' && item.contact.phone !== null) {
        this.transferredCallers.set(item.contact.phone, this.core.now() + TRANSFER_FOLLOW_MS);
        if (!call.referredByAgent) this.transfersToRefer.push({ call, caller: item.contact.phone, fromQueueId: item.queueId });
      }
      return;
    }
    if (call.phase === 'answered' && (item.state === 'hold') !== (call.held === true) && (item.state === 'hold' || item.state === 'active')) {
      // hold and resume through the API act on the media, whoever asked (agent, supervisor, integration)
      call.held = item.state === 'hold';
      if (this.media) void this.media.blockMedia(call.callId, call.held);
      return;
    }
    if (call.phase === 'answered' && !LIVE_STATES.has(item.state)) {
      // the agent hung up (or transferred) through the API: the edge ends the customer's leg; the agent's
      // softphone ends its own (it made the request)
      this.forget(call);
      if (call.fromTag !== undefined && call.toTag !== undefined) {
        this.pending.push({ action: 'hangup', callId: call.callId, fromTag: call.fromTag, toTag: call.toTag, side: call.direction === 'inbound' ? 'caller' : 'callee' });
      }
    }
  }

  /**
   * The edge REFERs the customer's leg to the number of the queue the transfer raised its item in (the
   * original queue's when that one has none: the customer's new INVITE joins the raised item by their
   * number either way) and hangs up the agent's leg.
   */
  private referTransfers(): void {
    const transfers = this.transfersToRefer;
    if (transfers.length === 0) return;
    this.transfersToRefer = [];
    for (const { call, caller, fromQueueId } of transfers) {
      if (call.fromTag === undefined || call.toTag === undefined) continue;
      const raisedQueue = this.waitingTransferItem(caller)?.item.queueId ?? null;
      const number = [raisedQueue, fromQueueId].map((id) => (id === null ? undefined : this.core.queues.get(id)?.phoneNumbers[0])).find((n) => n !== undefined);
      if (number === undefined) {
        this.core.log.warn({ callId: call.callId }, 'transfer: no queue number to REFER the customer to; the call stays with the agent');
        continue;
      }
      this.referring.set(call.callId, caller);
      this.pending.push({ action: 'refer', callId: call.callId, fromTag: call.fromTag, toTag: call.toTag, side: call.direction === 'inbound' ? 'caller' : 'callee', to: number });
    }
  }

  private track(call: Call): void {
    this.calls.set(call.callId, call);
    this.callOfItem.set(call.workitemId, call.callId);
  }

  private forget(call: Call): void {
    this.calls.delete(call.callId);
    this.callOfItem.delete(call.workitemId);
    this.finished.add(call.callId);
    if (this.finished.size > MAX_FINISHED_REMEMBERED) this.finished.delete(this.finished.values().next().value!);
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const commands = this.pending;
    this.pending = [];
    for (const command of commands) {
      // Kamailio keeps a suspended INVITE while the channel is down: send it again on reconnection
      if (!this.send(command)) this.unsent.push(command);
    }
    if (this.unsent.length > MAX_UNSENT) {
      this.core.log.error({ dropped: this.unsent.length - MAX_UNSENT }, 'sip edge unreachable: oldest control commands dropped');
      this.unsent.splice(0, this.unsent.length - MAX_UNSENT);
    }
  }

  /** The control channel is back: what could not be sent goes now, in order. */
  resendUnsent(): void {
    const commands = this.unsent.splice(0);
    this.pending.push(...commands);
    this.flush();
  }
}
