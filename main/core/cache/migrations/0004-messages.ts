/**
 * 4: chat messages, so a conversation shows when the platform cannot be reached. Keyed by the platform's
 * messageId; `conversation` is the item's conversationId (or its id), because a transferred chat's new
 * item shows the messages of the items before it. `pending` marks the agent's own messages still in the
 * outbox (a local id until the platform answers with the real one).
 */
import type { Migration } from '../../sqlite/migrate';

export const migration0004: Migration = {
  version: 4,
  name: 'messages',
  up(db) {
    db.exec(`
      CREATE TABLE messages (
        messageId TEXT PRIMARY KEY,
        conversation TEXT NOT NULL,
        at INTEGER NOT NULL,
        pending INTEGER NOT NULL DEFAULT 0,
        data TEXT NOT NULL
      );
      CREATE INDEX messages_by_conversation ON messages (conversation, at);
    `);
  },
};
