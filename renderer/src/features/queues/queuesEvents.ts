import { createAction } from '@reduxjs/toolkit';
import type { EventPayload } from '../../../../common/desktop-api';

/** The core has new figures for the agent's queues (the whole list, as the platform reports it). */
export const queuesChanged = createAction<EventPayload<'queuesChanged'>>('queues/queuesChanged');
