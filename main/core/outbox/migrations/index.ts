import type { Migration } from '../../sqlite/migrate';
import { migration0001 } from './0001-outbox';
import { migration0002 } from './0002-session-credentials';

/** Every outbox.db migration, in order. */
export const OUTBOX_MIGRATIONS: readonly Migration[] = [migration0001, migration0002];
