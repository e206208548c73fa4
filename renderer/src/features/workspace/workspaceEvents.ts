import { createAction } from '@reduxjs/toolkit';

/** The agent picked an item (a click or a key in the work list or the inbox) to show in the centre. */
export const itemSelected = createAction<{ workitemId: string }>('workspace/itemSelected');
/** A call the agent is on connected: it takes the centre, as the peers' desktops do. */
export const callConnected = createAction<{ workitemId: string }>('workspace/callConnected');
