import Database from 'better-sqlite3';
import { migrate, schemaVersion } from '../../../../../server/db/migrations/index';

/** An in-memory database brought to exactly `version`. */
export function databaseAt(version: number): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, version);
  if (schemaVersion(db) !== version) throw new Error(`expected version ${version}`);
  return db;
}

export function insertItem(db: Database.Database, id: string, extra: Record<string, unknown> = {}): void {
  const row = {
    workitemId: id, tenant: 'default', type: 'chat', channelType: 'chat', direction: 'INBOUND', mode: 'QUEUE', state: 'inqueue',
    priority: 5, createdAt: 1000, version: 1, data: JSON.stringify({ workitemId: id }), queueId: 'support', ...extra,
  };
  const keys = Object.keys(row);
  db.prepare(`INSERT INTO items (${keys.join(', ')}) VALUES (${keys.map((k) => '@' + k).join(', ')})`).run(row);
}
