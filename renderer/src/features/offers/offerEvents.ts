import { createAction } from '@reduxjs/toolkit';
import type { EventPayload } from '../../../../common/desktop-api';

/** The platform offered an item to this agent; it rings until `expiresAt`. */
export const offerReceived = createAction<EventPayload<'offerReceived'>>('offers/offerReceived');
/** The offer was withdrawn: RONA, timeout, cancelled, or accepted elsewhere. */
export const offerRescinded = createAction<EventPayload<'offerRescinded'>>('offers/offerRescinded');
