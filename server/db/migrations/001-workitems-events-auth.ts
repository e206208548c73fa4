/**
 * The core: work items (one column per queryable field — names exactly as common/query/fields.ts — plus the
 * whole item as JSON in `data`, and the router's own columns), the event log with a per-tenant sequence,
 * agents' presence, hashed bearer tokens and idempotency records.
 */
import type { Migration } from './types';

export const migration001: Migration = {
  version: 1,
  name: 'workitems-events-auth',
  up(db) {
    db.exec(`
      CREATE TABLE items (
        workitemId TEXT PRIMARY KEY,
        tenant TEXT NOT NULL,
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
        archived INTEGER NOT NULL DEFAULT 0,
        data TEXT NOT NULL,
        -- the router's bookkeeping: which pool the item waits in (queue:ID, team:NAME, agent:USERNAME),
        -- its place in line, when it becomes routable, when waiting ends, and who skipped it last
        routePool TEXT,
        routeOrderAt INTEGER,
        routeReadyAt INTEGER,
        routeDeadlineAt INTEGER,
        routeSkippedBy TEXT,
        -- a DIRECT_CONFERENCE item points at the item it was raised from
        parentId TEXT
      );
      CREATE INDEX items_state ON items (tenant, state);
      CREATE INDEX items_agent ON items (tenant, agentUsername, state);
      CREATE INDEX items_queue ON items (tenant, queueId, state);
      CREATE INDEX items_created ON items (tenant, createdAt);
      CREATE INDEX items_conversation ON items (conversationId);

      CREATE TABLE event_seq (tenant TEXT PRIMARY KEY, lastSeq INTEGER NOT NULL);
      -- a rowid table (appends are cheap with kilobyte bodies); (tenant, seq) is unique
      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        tenant TEXT NOT NULL,
        seq INTEGER NOT NULL,
        type TEXT NOT NULL,
        at INTEGER NOT NULL,
        -- who may see it: space-separated principals (agent:NAME, queue:ID, channels); admins see all
        audience TEXT NOT NULL,
        body TEXT NOT NULL
      );
      CREATE UNIQUE INDEX events_seq ON events (tenant, seq);

      CREATE TABLE agents (
        username TEXT PRIMARY KEY,
        presence TEXT NOT NULL DEFAULT 'offline',
        reasonCode TEXT,
        since INTEGER NOT NULL,
        idleSince INTEGER NOT NULL
      );

      CREATE TABLE tokens (
        tokenHash TEXT PRIMARY KEY,
        username TEXT NOT NULL,
        createdAt INTEGER NOT NULL,
        expiresAt INTEGER NOT NULL
      );
      CREATE INDEX tokens_expiry ON tokens (expiresAt);

      CREATE TABLE idempotency (
        username TEXT NOT NULL,
        key TEXT NOT NULL,
        method TEXT NOT NULL,
        path TEXT NOT NULL,
        status INTEGER NOT NULL,
        body TEXT NOT NULL,
        createdAt INTEGER NOT NULL,
        PRIMARY KEY (username, key)
      );
      CREATE INDEX idempotency_created ON idempotency (createdAt);
    `);
  },
};
