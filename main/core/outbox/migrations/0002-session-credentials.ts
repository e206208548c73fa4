/**
 * 2: the login response's `sip` block and `iceServers` kept with the session, so a core restarted with a
 * stored token still has what the softphone registers with. JSON text, checked with zod when read.
 */
import type { Migration } from '../../sqlite/migrate';

export const migration0002: Migration = {
  version: 2,
  name: 'session-credentials',
  up(db) {
    db.exec(`
      ALTER TABLE session ADD COLUMN sip TEXT;
      ALTER TABLE session ADD COLUMN iceServers TEXT;
    `);
  },
};
