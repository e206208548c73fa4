/**
 * The inbox indexes of migration 0003, by name and statement, for bulk loads that drop them while a big
 * snapshot streams in and build them again after (Cache#beginBulkLoad / endBulkLoad). A test keeps
 * these statements identical to what the migration creates.
 */
export const INBOX_INDEXES: readonly { name: string; sql: string }[] = [
  { name: 'items_by_priority', sql: 'CREATE INDEX items_by_priority ON items (priority, createdAt, workitemId)' },
  { name: 'items_by_state', sql: 'CREATE INDEX items_by_state ON items (state, priority, createdAt, workitemId)' },
  { name: 'items_by_agent', sql: 'CREATE INDEX items_by_agent ON items (agentUsername, state, priority, createdAt, workitemId)' },
  { name: 'items_by_created', sql: 'CREATE INDEX items_by_created ON items (createdAt)' },
];
