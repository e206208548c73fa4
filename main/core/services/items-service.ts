/**
 * Reads of the agent's work: the inbox and the Outbound section from the cache, single items, presence,
 * queue figures and disposition codes — from the cache when it has them, else from the platform (and kept).
 */
import type { CoreContext, CoreService } from './context';

export function itemsService({ cache, session, now }: CoreContext): CoreService {
  return {
    name: 'items',
    handlers: {
      listInbox: (request) => cache.listInbox(request, now()),
      listOutbound: async () => {
        const username = session.lastUsername;
        return username === null ? [] : cache.listOutbound(username);
      },
      async getWorkItem(request) {
        const cached = await cache.getItem(request.workitemId);
        if (cached) return cached;
        const item = await session.require().client.getWorkItem(request.workitemId);
        await cache.upsertItem(item);
        return item;
      },
      async getPresence() {
        const { stored, client } = session.require();
        const cached = await cache.getPresence(stored.username);
        if (cached) return cached;
        const agent = await client.me();
        await cache.savePresence(agent.presence);
        return agent.presence;
      },
      listQueues: () => cache.listQueues(),
      async listDispositions(request) {
        const queueId = request.queueId ?? null;
        try {
          const codes = await session.require().client.getDispositions(queueId);
          await cache.saveDispositions(codes, now());
          return codes;
        } catch (error) {
          // Offline, the codes seen last are good enough to disposition with (the outbox sends it later).
          const cached = await cache.getDispositions(queueId);
          if (cached) return cached;
          throw error;
        }
      },
    },
  };
}
