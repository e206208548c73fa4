/**
 * Chats (seeds 000, 002): opening one from a messaging channel, messages both ways with
 * `message.created` events, unread counts, and notes on any item.
 */
import type { CreateChatRequest, Message, Note } from '../../common/api';
import { SwitchboardError } from '../../common/errors';
import { newWorkItem } from '../../common/lifecycle';
import type { WorkItem } from '../../common/workitem';
import type { Principal } from '../auth/principal';
import type { StoredItem } from '../store/items';
import { canAct, canRead, requireQueueEntry } from './access';
import { newId, type Core } from './core';
import type { WorkItemService } from './workitems';

/*
 * What one item may hold (config `limits`: notesPerItem, noteTextPerItem, messagesPerConversation), so that
 * no user can fill the disk or swell every event: each note is copied into the item's activity log
 * (timeEvents), and every change of the item sends the whole item (contract).
 */

function itemFull(message: string): SwitchboardError {
  return new SwitchboardError('VALIDATION_FAILED', message, [{ path: 'text', message }]);
}

interface MessageRow {
  messageId: string;
  workitemId: string;
  fromSide: 'agent' | 'customer';
  author: string;
  text: string;
  at: number;
}

export class MessageService {
  private readonly insertMessage;
  private readonly listMessages;
  private readonly insertNote;
  private readonly countMessages;
  private readonly notesOf;

  constructor(
    private readonly core: Core,
    private readonly workitems: WorkItemService,
  ) {
    this.insertMessage = core.db.prepare(`INSERT INTO messages (messageId, conversation, workitemId, fromSide, author, text, at) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    this.listMessages = core.db.prepare<[string], MessageRow>(`SELECT messageId, workitemId, fromSide, author, text, at FROM messages WHERE conversation = ? ORDER BY at, rowid`);
    this.insertNote = core.db.prepare(`INSERT INTO notes (noteId, workitemId, author, text, at) VALUES (?, ?, ?, ?, ?)`);
    this.countMessages = core.db.prepare<[string], number>(`SELECT count(*) FROM messages WHERE conversation = ?`).pluck();
    this.notesOf = core.db.prepare<[string], { count: number; chars: number }>(`SELECT count(*) AS count, coalesce(sum(length(text)), 0) AS chars FROM notes WHERE workitemId = ?`);
  }

  private conversationOf(item: WorkItem): string {
    return item.conversationId ?? item.workitemId;
  }

  /** POST /v1/chats: a chat item queued (PUSH) with the customer's first message. */
  openChat(principal: Principal, body: CreateChatRequest): { item: WorkItem; message: Message } {
    const core = this.core;
    if (!core.queues.has(body.queueId)) {
      throw new SwitchboardError('VALIDATION_FAILED', `queueId: unknown queue "${body.queueId}"`, [{ path: 'queueId', message: `unknown queue "${body.queueId}"` }]);
    }
    requireQueueEntry(principal, body.queueId);
    const now = core.now();
    const item = newWorkItem({
      workitemId: newId('wi'),
      type: 'chat',
      createdAt: now,
      createdBy: principal.username,
      channel: body.channel ?? 'webchat',
      channelType: 'chat',
      queueId: body.queueId,
      subject: body.text.length > 80 ? `${body.text.slice(0, 79)}…` : body.text,
      contact: { name: body.customer.name ?? null, phone: body.customer.phone ?? null, email: body.customer.email ?? null },
      conversationId: newId('conv'),
      unread: 1,
    });
    const stored = core.create({ item, route: this.workitems.queueRoute(body.queueId, now), parentId: null, campaignId: null, archived: false });
    const message = this.store(stored.item, 'customer', body.customer.name ?? body.customer.email ?? 'customer', body.text);
    return { item: stored.item, message };
  }

  private store(item: WorkItem, from: 'agent' | 'customer', author: string, text: string): Message {
    const core = this.core;
    const max = core.config.limits.messagesPerConversation;
    if (this.countMessages.get(this.conversationOf(item))! >= max) {
      throw itemFull(`this conversation has ${max} messages, the most one may hold; continue in a new one`);
    }
    const message: Message = { messageId: newId('msg'), workitemId: item.workitemId, from, author, text, at: core.now() };
    this.insertMessage.run(message.messageId, this.conversationOf(item), message.workitemId, from, author, text, message.at);
    const agents = new Set(item.conversationId ? core.items.agentsInConversation(item.conversationId) : []);
    if (item.agentUsername) agents.add(item.agentUsername);
    core.emit('message.created', [...[...agents].map((a) => `agent:${a}`), 'channels'], { workitemId: item.workitemId, message });
    return message;
  }

  list(principal: Principal, id: string): Message[] {
    const stored = this.core.load(id);
    if (!canRead(principal, stored.item)) throw new SwitchboardError('FORBIDDEN', `${principal.username} may not read work item ${id}`);
    return this.listMessages.all(this.conversationOf(stored.item)).map((r) => ({ messageId: r.messageId, workitemId: r.workitemId, from: r.fromSide, author: r.author, text: r.text, at: r.at }));
  }

  /** The agent on the item speaks as `agent`; a channel account (or admin) as `customer`. */
  post(principal: Principal, id: string, body: { text: string; from?: 'agent' | 'customer' }): Message {
    const core = this.core;
    const stored = core.load(id);
    const from = body.from ?? (principal.channel ? 'customer' : 'agent');
    if (from === 'customer' && !principal.channel && !principal.admin) {
      throw new SwitchboardError('FORBIDDEN', 'only a channel account posts the customer side of a conversation');
    }
    if (from === 'customer' && principal.channel && stored.item.queueId !== null) requireQueueEntry(principal, stored.item.queueId);
    if (from === 'agent' && !canAct(principal, stored.item)) {
      throw new SwitchboardError('FORBIDDEN', `work item ${id} is not assigned to ${principal.username}`);
    }
    if (stored.item.state === 'dispositioned' || stored.item.state === 'closed') {
      throw new SwitchboardError('ILLEGAL_TRANSITION', `cannot post a message on a work item that is ${stored.item.state}`);
    }
    const message = this.store(stored.item, from, from === 'agent' ? principal.username : stored.item.contact.name ?? stored.item.contact.email ?? 'customer', body.text);
    // unread: a customer message adds one; the agent replying has read the conversation
    const unread = from === 'customer' ? (stored.item.unread ?? 0) + 1 : 0;
    if (unread !== (stored.item.unread ?? 0)) this.setUnread(stored, unread);
    return message;
  }

  /** POST /v1/workitems/{id}/messages/read: the agent has read the conversation (unread → 0). */
  markRead(principal: Principal, id: string): WorkItem {
    const stored = this.core.load(id);
    if (!canAct(principal, stored.item)) throw new SwitchboardError('FORBIDDEN', `work item ${id} is not assigned to ${principal.username}`);
    if ((stored.item.unread ?? 0) === 0) return stored.item;
    return this.setUnread(stored, 0).item;
  }

  private setUnread(stored: StoredItem, unread: number): StoredItem {
    const item: WorkItem = { ...stored.item, unread, version: stored.item.version + 1 };
    return this.core.save(stored, { ...stored, item });
  }

  /** POST /notes: stored, and shown in the item's activity log (timeEvents) and interaction record. */
  addNote(principal: Principal, id: string, text: string): Note {
    const core = this.core;
    const stored = core.load(id);
    if (!canAct(principal, stored.item)) throw new SwitchboardError('FORBIDDEN', `work item ${id} is not offered or assigned to ${principal.username}`);
    // counted where they are kept for good (the activity log keeps only its newest entries)
    const { count, chars: used } = this.notesOf.get(id)!;
    const { notesPerItem, noteTextPerItem } = core.config.limits;
    if (count >= notesPerItem) throw itemFull(`work item ${id} has ${notesPerItem} notes, the most one item may hold`);
    if (used + text.length > noteTextPerItem) {
      throw itemFull(`work item ${id}'s notes may hold ${noteTextPerItem} characters in all; ${Math.max(0, noteTextPerItem - used)} are left`);
    }
    const note: Note = { noteId: newId('note'), workitemId: id, author: principal.username, text, at: core.now() };
    this.insertNote.run(note.noteId, id, note.author, note.text, note.at);
    const item: WorkItem = {
      ...stored.item,
      version: stored.item.version + 1,
      timeEvents: [...stored.item.timeEvents, { type: 'note', timestamp: note.at, userId: principal.username, detail: { noteId: note.noteId, text } }],
    };
    core.save(stored, { ...stored, item });
    return note;
  }
}
