/**
 * 2: what the agent sees besides items — queue figures, disposition codes, presence, user settings —
 * and the sync state (last applied event seq, when the last snapshot finished).
 */
import type { Migration } from '../../sqlite/migrate';

export const migration0002: Migration = {
  version: 2,
  name: 'agent-state',
  up(db) {
    db.exec(`
      CREATE TABLE queues (queueId TEXT PRIMARY KEY, data TEXT NOT NULL, updatedAt INTEGER NOT NULL);
      CREATE TABLE dispositions (queueKey TEXT PRIMARY KEY, data TEXT NOT NULL, updatedAt INTEGER NOT NULL);
      CREATE TABLE presence (username TEXT PRIMARY KEY, data TEXT NOT NULL);
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE sync_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        username TEXT,
        lastSeq INTEGER,
        snapshotAt INTEGER
      );
      INSERT INTO sync_state (id, username, lastSeq, snapshotAt) VALUES (1, NULL, NULL, NULL);
    `);
  },
};
