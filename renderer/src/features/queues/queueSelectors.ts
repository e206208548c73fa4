import type { RootState } from '../../app/store';
import { queuesAdapter } from './queuesSlice';

const adapterSelectors = queuesAdapter.getSelectors((state: RootState) => state.queues);
/** The agent's queues by name. */
export const selectQueues = adapterSelectors.selectAll;
export const selectQueueById = adapterSelectors.selectById;
/** False until the first figures arrive, so the panel can tell "loading" from "no queues". */
export const selectQueuesLoaded = (state: RootState) => state.queues.loaded;

/** What the agent reads for a queue: its name once the figures are in, its id until then; null for none. */
export const selectQueueLabel = (state: RootState, queueId: string | null): string | null =>
  queueId === null ? null : (selectQueueById(state, queueId)?.name ?? queueId);
