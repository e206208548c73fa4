/** What the desktop core tells the inbox (pushed events), as Redux events rather than setters. */
import { createAction } from '@reduxjs/toolkit';
import type { EventPayload } from '../../../../common/desktop-api';
import type { InboxSort } from './inboxPaging';

/** Items were created, updated or removed in the core's cache. */
export const itemsChanged = createAction<EventPayload<'itemsChanged'>>('inbox/itemsChanged');
/** The agent applied a filter in the query language (`state:active AND priority:1`); '' shows everything. */
export const filterApplied = createAction<string>('inbox/filterApplied');
/** The agent clicked a column header: the next sort (nextSort in inboxPaging.ts). */
export const sortChosen = createAction<InboxSort>('inbox/sortChosen');
/** The virtual list scrolled far enough to need this many pages of the current filter and sort. */
export const pagesWanted = createAction<number>('inbox/pagesWanted');
