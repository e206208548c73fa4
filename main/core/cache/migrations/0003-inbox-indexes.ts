/**
 * 3: indexes for the inbox. The default sort is `priority asc, createdAt asc, workitemId asc`, and the common filters are
 * state and the agent (a kind filter rides on the state index); each index ends in the default sort so a filtered, sorted page of 50 rows is
 * read straight off the index instead of sorting the whole table.
 */
import type { Migration } from '../../sqlite/migrate';

export const migration0003: Migration = {
  version: 3,
  name: 'inbox-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX items_by_priority ON items (priority, createdAt, workitemId);
      CREATE INDEX items_by_state ON items (state, priority, createdAt, workitemId);
      CREATE INDEX items_by_agent ON items (agentUsername, state, priority, createdAt, workitemId);
      CREATE INDEX items_by_created ON items (createdAt);
    `);
  },
};
