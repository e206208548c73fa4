/**
 * Chat messages: read from the platform when online (and kept in the cache), from the cache when the
 * platform cannot be reached; marking a chat read. Sending one is an agent action (actions-service.ts).
 */
import { randomUUID } from 'node:crypto';
import { PlatformError } from '../platform/platform-error';
import type { CoreContext, CoreService } from './context';

export function messagesService({ cache, session, sync, emit }: CoreContext): CoreService {
  return {
    name: 'messages',
    handlers: {
      async listMessages(request) {
        const active = session.current;
        if (active !== null && sync.isOnline) {
          try {
            await cache.saveMessages(request.workitemId, await active.client.listMessages(request.workitemId));
          } catch (error) {
            // The platform went away between the check and the call: the cached messages are the answer.
            if (!(error instanceof PlatformError && error.retryable)) throw error;
          }
        }
        return cache.listMessages(request.workitemId);
      },
      async markMessagesRead(request) {
        const item = await session.require().client.markMessagesRead(request.workitemId, randomUUID());
        if (await cache.upsertItem(item)) emit('itemsChanged', { items: [item], removed: [] });
        return item;
      },
    },
  };
}
