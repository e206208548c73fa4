/** "The agent is no longer signed in": every feature resets its state on it. */
import type { UnknownAction } from '@reduxjs/toolkit';
import { switchboardApi } from '../../app/switchboardApi';
import { connectionChanged } from '../connection/connectionEvents';

export function isSignedOut(action: UnknownAction): boolean {
  if (switchboardApi.endpoints.signOut.matchFulfilled(action)) return true;
  return connectionChanged.match(action) && action.payload.state === 'signed_out';
}
