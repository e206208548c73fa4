/**
 * 1: the agent's work items, one column per field the query language filters or sorts on (the names
 * common/query compiles to) plus `data`, the whole item as the platform sent it. Full-text search is an
 * external-content FTS5 table kept in step by triggers, so the text is stored once.
 *
 * detail='column' (no word positions): search is by words and word prefixes, never phrases, and the
 * index is smaller and quicker to write during a 100k-item sync.
 *
 * `rowKey` is an explicit INTEGER PRIMARY KEY because FTS5's external content is joined on rowid, and
 * VACUUM may renumber the implicit rowid of a table without one.
 */
import type { Migration } from '../../sqlite/migrate';

export const migration0001: Migration = {
  version: 1,
  name: 'items',
  up(db) {
    db.exec(`
      CREATE TABLE items (
        rowKey INTEGER PRIMARY KEY,
        workitemId TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        channelType TEXT NOT NULL,
        channel TEXT,
        direction TEXT NOT NULL,
        mode TEXT NOT NULL,
        subType TEXT,
        state TEXT NOT NULL,
        reasonCode TEXT,
        status TEXT,
        priority INTEGER NOT NULL,
        queueId TEXT,
        agentUsername TEXT,
        team TEXT,
        subject TEXT,
        description TEXT,
        contactName TEXT,
        contactPhone TEXT,
        contactEmail TEXT,
        dueAt INTEGER,
        createdAt INTEGER NOT NULL,
        offeredAt INTEGER,
        assignedAt INTEGER,
        terminatedAt INTEGER,
        dispositionedAt INTEGER,
        conversationId TEXT,
        version INTEGER NOT NULL,
        data TEXT NOT NULL
      );

      CREATE VIRTUAL TABLE items_fts USING fts5(
        subject, description, contactName, contactPhone, contactEmail,
        content='items', content_rowid='rowKey',
        tokenize='unicode61 remove_diacritics 2', detail='column'
      );

      -- While a first snapshot streams into an empty cache (sync_state.ftsDeferred = 1) the triggers stand
      -- aside and the index is rebuilt once at the end: several times faster than row by row.
      CREATE TABLE fts_control (id INTEGER PRIMARY KEY CHECK (id = 1), deferred INTEGER NOT NULL DEFAULT 0);
      INSERT INTO fts_control (id, deferred) VALUES (1, 0);

      CREATE TRIGGER items_fts_insert AFTER INSERT ON items
      WHEN (SELECT deferred FROM fts_control WHERE id = 1) = 0 BEGIN
        INSERT INTO items_fts(rowid, subject, description, contactName, contactPhone, contactEmail)
        VALUES (new.rowKey, new.subject, new.description, new.contactName, new.contactPhone, new.contactEmail);
      END;
      CREATE TRIGGER items_fts_delete AFTER DELETE ON items
      WHEN (SELECT deferred FROM fts_control WHERE id = 1) = 0 BEGIN
        INSERT INTO items_fts(items_fts, rowid, subject, description, contactName, contactPhone, contactEmail)
        VALUES ('delete', old.rowKey, old.subject, old.description, old.contactName, old.contactPhone, old.contactEmail);
      END;
      -- Only when a searched column changes: most updates (state, version) leave the index alone.
      CREATE TRIGGER items_fts_update AFTER UPDATE OF subject, description, contactName, contactPhone, contactEmail ON items
      WHEN (SELECT deferred FROM fts_control WHERE id = 1) = 0
        AND (old.subject IS NOT new.subject OR old.description IS NOT new.description OR old.contactName IS NOT new.contactName
             OR old.contactPhone IS NOT new.contactPhone OR old.contactEmail IS NOT new.contactEmail) BEGIN
        INSERT INTO items_fts(items_fts, rowid, subject, description, contactName, contactPhone, contactEmail)
        VALUES ('delete', old.rowKey, old.subject, old.description, old.contactName, old.contactPhone, old.contactEmail);
        INSERT INTO items_fts(rowid, subject, description, contactName, contactPhone, contactEmail)
        VALUES (new.rowKey, new.subject, new.description, new.contactName, new.contactPhone, new.contactEmail);
      END;
    `);
  },
};
