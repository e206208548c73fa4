/**
 * Keeps the cache from growing without end: final items older than `historyDays` are removed at start and
 * every hour after, and the renderer is told which ones went.
 */
import { DEFAULT_HISTORY_DAYS } from '../cache/cache';
import { errorFields } from '../log/core-log';
import type { CoreContext, CoreService } from './context';

const PRUNE_EVERY_MS = 60 * 60 * 1000;

export function historyService({ cache, emit, now, options, log }: CoreContext): CoreService {
  const days = options.historyDays ?? DEFAULT_HISTORY_DAYS;
  let timer: NodeJS.Timeout | null = null;
  return {
    name: 'history',
    handlers: {},
    async start() {
      await cache.pruneHistory(now(), days);
      timer = setInterval(() => {
        cache.pruneHistory(now(), days).then(
          (removed) => {
            if (removed.length > 0) emit('itemsChanged', { items: [], removed });
          },
          // Not urgent: the next hour tries again.
          (error: unknown) => log.warn(errorFields(error), 'history: pruning old items failed'),
        );
      }, PRUNE_EVERY_MS);
      timer.unref();
    },
    stop() {
      if (timer !== null) clearInterval(timer);
      timer = null;
    },
  };
}
