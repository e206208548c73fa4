import type { Migration } from '../../sqlite/migrate';
import { migration0001 } from './0001-outbox';

/** Every outbox.db migration, in order. */
export const OUTBOX_MIGRATIONS: readonly Migration[] = [migration0001];
