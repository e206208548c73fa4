import { createAction } from '@reduxjs/toolkit';
import type { EventPayload } from '../../../../common/desktop-api';

export const connectionChanged = createAction<EventPayload<'connectionChanged'>>('connection/changed');
