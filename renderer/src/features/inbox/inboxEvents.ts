/** What the desktop core tells the inbox (pushed events), as Redux events rather than setters. */
import { createAction } from '@reduxjs/toolkit';
import type { EventPayload } from '../../../../common/desktop-api';

/** Items were created, updated or removed in the core's cache. */
export const itemsChanged = createAction<EventPayload<'itemsChanged'>>('inbox/itemsChanged');
/** The agent applied a filter in the query language (`state:active AND priority:1`); '' shows everything. */
export const filterApplied = createAction<string>('inbox/filterApplied');
