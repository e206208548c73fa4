/**
 * The connection as the agent sees it:
 *
 *   signed_out ──signIn──> connecting ──snapshot done / stream resumed──> online
 *   online ──stream lost──> reconnecting (retryAt) ──…more failures…──> offline (since the loss, retryAt)
 *   reconnecting | offline ──stream back──> online;  any ──signOut / token refused──> signed_out
 *
 * `reconnecting` covers a blip (the first few attempts); `offline` says the platform has been gone for a
 * while. `since` is when the current state began, except that `offline` keeps the moment the connection
 * was lost ("offline since 10:42").
 */
import type { ConnectionState } from '../../../common/desktop-api';

/** Attempts after which a lost connection is shown as offline rather than reconnecting. */
export const OFFLINE_AFTER_ATTEMPTS = 4;

export function signedOut(now: number, lastSeq: number | null, pendingActions: number): ConnectionState {
  return { state: 'signed_out', since: now, retryAt: null, lastSeq: lastSeq ?? 0, pendingActions, platformUrl: null };
}
