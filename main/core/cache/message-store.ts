/**
 * Chat messages in the cache (migration 0004): what the platform sent (listMessages answers and
 * `message.created` events) and the agent's own messages still waiting in the outbox.
 *
 * A message is stored under its conversation (the item's conversationId, else its id), so the new item
 * of a transferred chat shows what was said before it. Messages never change, so a message already
 * stored is left alone. A pending message has a local id; when the platform's copy of it arrives (the
 * outbox's answer or the event, whichever comes first) the pending one, matched by conversation and text,
 * gives way to it, so the conversation never shows the agent's words twice.
 */
import type Database from 'better-sqlite3';
import type { Message } from '../../../common/api';

export class MessageStore {
  private readonly insert: Database.Statement;
  private readonly selectConversation: Database.Statement;
  private readonly selectList: Database.Statement;
  private readonly selectPending: Database.Statement;
  private readonly deleteOne: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare('INSERT INTO messages (messageId, conversation, at, pending, data) VALUES (?, ?, ?, ?, ?) ON CONFLICT(messageId) DO NOTHING');
    this.selectConversation = db.prepare('SELECT coalesce(conversationId, workitemId) FROM items WHERE workitemId = ?').pluck();
    // Same time: the platform's messages before a pending one, which the platform has not seen yet.
    this.selectList = db.prepare('SELECT data FROM messages WHERE conversation = ? ORDER BY at, pending, rowid').pluck();
    this.selectPending = db.prepare(
      "SELECT messageId FROM messages WHERE conversation = ? AND pending = 1 AND json_extract(data, '$.text') = ? ORDER BY at, rowid LIMIT 1",
    ).pluck();
    this.deleteOne = db.prepare('DELETE FROM messages WHERE messageId = ?');
  }

  /** The conversation an item's messages belong to; an item not in the cache is its own conversation. */
  conversationOf(workitemId: string): string {
    return (this.selectConversation.get(workitemId) as string | null | undefined) ?? workitemId;
  }

  /** Messages from the platform for the conversation of `workitemId`; returns those not stored before. */
  save(workitemId: string, messages: readonly Message[]): Message[] {
    const conversation = this.conversationOf(workitemId);
    return this.db.transaction(() => messages.filter((message) => this.saveOne(conversation, message)))();
  }

  /** The agent's message as shown before the platform has it. */
  addPending(message: Message): void {
    this.insert.run(message.messageId, this.conversationOf(message.workitemId), message.at, 1, JSON.stringify(message));
  }

  /** The outbox gave up on a message (the platform refused it): its pending copy goes. */
  dropPending(workitemId: string, text: string): boolean {
    const id = this.selectPending.get(this.conversationOf(workitemId), text) as string | undefined;
    return id !== undefined && this.deleteOne.run(id).changes > 0;
  }

  /** The conversation of `workitemId`, oldest first, pending messages included. */
  list(workitemId: string): Message[] {
    return (this.selectList.all(this.conversationOf(workitemId)) as string[]).map((data) => JSON.parse(data) as Message);
  }

  count(): number {
    return this.db.prepare('SELECT count(*) FROM messages').pluck().get() as number;
  }

  /** Forget the messages of conversations no item in the cache belongs to any more (after items were removed). */
  pruneOrphans(): number {
    return this.db
      .prepare('DELETE FROM messages WHERE conversation NOT IN (SELECT coalesce(conversationId, workitemId) FROM items)')
      .run().changes;
  }

  clear(): void {
    this.db.prepare('DELETE FROM messages').run();
  }

  private saveOne(conversation: string, message: Message): boolean {
    const inserted = this.insert.run(message.messageId, conversation, message.at, 0, JSON.stringify(message)).changes > 0;
    if (inserted && message.from === 'agent') {
      const pending = this.selectPending.get(conversation, message.text) as string | undefined;
      if (pending !== undefined) this.deleteOne.run(pending);
    }
    return inserted;
  }
}
