/** What the desktop core tells the chat feature (pushed events), as Redux events rather than setters. */
import { createAction } from '@reduxjs/toolkit';
import type { EventPayload } from '../../../../common/desktop-api';

/** A message in a conversation: the customer's, another device's, or the agent's own as it is sent. */
export const messageReceived = createAction<EventPayload<'messageReceived'>>('chat/messageReceived');
