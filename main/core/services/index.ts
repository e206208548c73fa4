/**
 * Every service of the desktop core, in start order (stopped in reverse). Each operation of
 * common/desktop-api.ts is answered by exactly one of them; desktop-core.ts refuses to start otherwise.
 * A new capability (e.g. the softphone) is one more factory here.
 */
import { actionsService } from './actions-service';
import type { CoreServiceFactory } from './context';
import { diagnosticsService } from './diagnostics-service';
import { historyService } from './history-service';
import { itemsService } from './items-service';
import { messagesService } from './messages-service';
import { settingsService } from './settings-service';
import { syncService } from './sync-service';
import { softphoneService } from '../softphone/softphone-service';

export const CORE_SERVICES: readonly CoreServiceFactory[] = [
  // the session itself is built first by desktop-core.ts (everything else reads it) and started last
  syncService,
  historyService,
  itemsService,
  messagesService,
  settingsService,
  actionsService,
  softphoneService,
  diagnosticsService,
];
