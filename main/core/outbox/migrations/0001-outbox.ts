/**
 * 1: the outbox of agent actions, and the session (who is signed in, to which platform). Both live in
 * their own file, outbox.db, so a damaged cache can be thrown away and rebuilt without losing either.
 */
import type { Migration } from '../../sqlite/migrate';

export const migration0001: Migration = {
  version: 1,
  name: 'outbox',
  up(db) {
    db.exec(`
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        idempotencyKey TEXT NOT NULL UNIQUE,
        username TEXT NOT NULL,
        operation TEXT NOT NULL,
        workitemId TEXT,
        request TEXT NOT NULL,
        -- the item before the optimistic change, to roll back to if the platform refuses
        beforeItem TEXT,
        -- the local id of an optimistic create, replaced by the platform's item once it answers
        placeholderId TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        lastError TEXT,
        createdAt INTEGER NOT NULL
      );
      CREATE TABLE session (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        platformUrl TEXT NOT NULL,
        username TEXT NOT NULL,
        agent TEXT NOT NULL
      );
    `);
  },
};
