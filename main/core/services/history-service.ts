/**
 * Keeps the cache from growing without end: final items older than `historyDays` are removed at start and
 * every hour after, and the renderer is told which ones went.
 */
import { DEFAULT_HISTORY_DAYS } from '../cache/cache';
import type { CoreContext, CoreService } from './context';

const PRUNE_EVERY_MS = 60 * 60 * 1000;

export function historyService({ cache, emit, now, options }: CoreContext): CoreService {
  const days = options.historyDays ?? DEFAULT_HISTORY_DAYS;
  let timer: NodeJS.Timeout | null = null;
  return {
    name: 'history',
    handlers: {},
    start() {
      cache.pruneHistory(now(), days);
      timer = setInterval(() => {
        const removed = cache.pruneHistory(now(), days);
        if (removed.length > 0) emit('itemsChanged', { items: [], removed });
      }, PRUNE_EVERY_MS);
      timer.unref();
    },
    stop() {
      if (timer !== null) clearInterval(timer);
      timer = null;
    },
  };
}
