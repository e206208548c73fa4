import { createAction } from '@reduxjs/toolkit';
import type { EventPayload } from '../../../../common/desktop-api';

export const presenceChanged = createAction<EventPayload<'presenceChanged'>>('presence/changed');
