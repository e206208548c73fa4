import { createAction } from '@reduxjs/toolkit';
import type { EventPayload } from '../../../../common/desktop-api';

/** The platform refused an action the core had applied optimistically; the core rolled it back. */
export const actionRejected = createAction<EventPayload<'actionRejected'>>('notices/actionRejected');
