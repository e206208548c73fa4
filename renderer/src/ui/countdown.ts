/**
 * Countdown arithmetic for offers (offerExpiresAt) and wrap-up (wrapUpExpiresAt). Pure, so the ticking
 * clock stays in components (`useNow`) and never enters Redux.
 */

/** Whole seconds left until `deadline`, rounded up so "0:00" shows only once the deadline has passed. */
export function secondsLeft(deadline: number, now: number): number {
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}

/** `m:ss`, e.g. 29 → "0:29", 118 → "1:58". */
export function formatCountdown(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  return `${minutes}:${String(rest).padStart(2, '0')}`;
}

/** Fraction of the window still left (1 → just started, 0 → expired), for a progress bar. */
export function fractionLeft(startedAt: number | null, deadline: number, now: number): number {
  if (startedAt === null || deadline <= startedAt) return now < deadline ? 1 : 0;
  return Math.min(1, Math.max(0, (deadline - now) / (deadline - startedAt)));
}

/** Seconds at which a countdown turns urgent (red, announced). */
export const URGENT_SECONDS = 10;
