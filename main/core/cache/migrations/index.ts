import type { Migration } from '../../sqlite/migrate';
import { migration0001 } from './0001-items';
import { migration0002 } from './0002-agent-state';
import { migration0003 } from './0003-inbox-indexes';
import { migration0004 } from './0004-messages';

/** Every cache migration, in order. Add one file per change; never edit a shipped one. */
export const CACHE_MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004];
