/** What opens and closes the dialer, as events: a `tel:`/`sip:` link, the header's Dial button, Close. */
import { createAction } from '@reduxjs/toolkit';
import type { EventPayload } from '../../../../common/desktop-api';

/** A `tel:` or `sip:` link was opened on this desktop: show the dialer with its number. */
export const dialRequested = createAction<EventPayload<'dialRequested'>>('dialer/dialRequested');
/** The agent asked for an empty dialer (the header's Dial button). */
export const dialerOpened = createAction('dialer/opened');
/** The agent closed the dialer without calling. */
export const dialerClosed = createAction('dialer/closed');
