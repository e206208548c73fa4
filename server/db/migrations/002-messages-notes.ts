/**
 * Chat messages (seeds 000, 002) and notes. Messages belong to a conversation (an item's conversationId, or
 * its workitemId when it has none), so a transferred or conferenced chat keeps its history. `unread`
 * counts customer messages the agent has not marked read.
 */
import type { Migration } from './types';

export const migration002: Migration = {
  version: 2,
  name: 'messages-notes',
  up(db) {
    db.exec(`
      CREATE TABLE messages (
        messageId TEXT PRIMARY KEY,
        conversation TEXT NOT NULL,
        workitemId TEXT NOT NULL REFERENCES items (workitemId),
        fromSide TEXT NOT NULL CHECK (fromSide IN ('agent', 'customer')),
        author TEXT NOT NULL,
        text TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX messages_conversation ON messages (conversation, at);

      CREATE TABLE notes (
        noteId TEXT PRIMARY KEY,
        workitemId TEXT NOT NULL REFERENCES items (workitemId),
        author TEXT NOT NULL,
        text TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX notes_item ON notes (workitemId, at);

      ALTER TABLE items ADD COLUMN unread INTEGER NOT NULL DEFAULT 0;
    `);
  },
};
