/**
 * Progressive-dial campaigns: a list of numbers fed into a queue one per available agent. Items the feeder
 * creates remember their campaign so the feeder knows how many are still in flight.
 */
import type { Migration } from './types';

export const migration003: Migration = {
  version: 3,
  name: 'campaigns',
  up(db) {
    db.exec(`
      CREATE TABLE campaigns (
        campaignId TEXT PRIMARY KEY,
        tenant TEXT NOT NULL,
        name TEXT NOT NULL,
        queueId TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('created', 'running', 'stopped', 'finished')),
        total INTEGER NOT NULL,
        nextIndex INTEGER NOT NULL DEFAULT 0,
        createdBy TEXT NOT NULL,
        createdAt INTEGER NOT NULL
      );
      CREATE TABLE campaign_entries (
        campaignId TEXT NOT NULL REFERENCES campaigns (campaignId),
        idx INTEGER NOT NULL,
        phone TEXT NOT NULL,
        name TEXT,
        workitemId TEXT,
        PRIMARY KEY (campaignId, idx)
      ) WITHOUT ROWID;
      ALTER TABLE items ADD COLUMN campaignId TEXT;
      CREATE INDEX items_campaign ON items (campaignId, state);
    `);
  },
};
