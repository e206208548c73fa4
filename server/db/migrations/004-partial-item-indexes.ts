/**
 * Index audit for write cost. Every item write pays for every index on items, and most items belong to
 * no campaign (campaignId NULL) and many to no conversation: index only the rows that have one. Both
 * queries that need them (`campaignId = ?`, `conversationId = ?`) imply NOT NULL, so SQLite still uses
 * the partial indexes for them.
 */
import type { Migration } from './types';

export const migration004: Migration = {
  version: 4,
  name: 'partial-item-indexes',
  up(db) {
    db.exec(`
      DROP INDEX items_campaign;
      CREATE INDEX items_campaign ON items (campaignId, state) WHERE campaignId IS NOT NULL;
      DROP INDEX items_conversation;
      CREATE INDEX items_conversation ON items (conversationId) WHERE conversationId IS NOT NULL;
    `);
  },
};
