/**
 * Not Ready reason codes (Break, Lunch, Training, …) and the presence choices built from them. The list
 * is the desktop setting `notReadyReasons` (set by IT in the policy file, or in Settings), checked here
 * with zod: a missing or malformed value gives the defaults, never an empty or broken menu.
 */
import { z } from 'zod';
import type { AgentPresence } from '../../../../common/api';

export const NOT_READY_REASONS_SETTING = 'notReadyReasons';
export const DEFAULT_NOT_READY_REASONS: readonly string[] = ['Break', 'Lunch', 'Training', 'Meeting', 'Coaching'];
/** The reason the platform gives when an agent missed an offer (seed 003 RONA). */
export const RONA_REASON = 'RONA';

const ReasonListSchema = z.array(z.string().trim().min(1).max(40)).min(1).max(20);

export function notReadyReasons(setting: unknown): readonly string[] {
  const parsed = ReasonListSchema.safeParse(setting);
  return parsed.success ? [...new Set(parsed.data)] : DEFAULT_NOT_READY_REASONS;
}

/** One entry of the presence menu; `value` is what the <select> holds. */
export type PresenceChoice = { value: string; label: string; state: 'available' | 'not_ready'; reasonCode?: string };

const REASON_PREFIX = 'not_ready:';

export function presenceChoices(reasons: readonly string[]): PresenceChoice[] {
  return [
    { value: 'available', label: 'Available', state: 'available' },
    { value: 'not_ready', label: 'Not ready', state: 'not_ready' },
    ...reasons.map((reason): PresenceChoice => ({ value: REASON_PREFIX + reason, label: `Not ready: ${reason}`, state: 'not_ready', reasonCode: reason })),
  ];
}

/**
 * The menu value for the agent's presence. A reason the menu does not list (RONA, or one from another
 * desktop) gets its own value, which the selector shows as an extra, unselectable-by-choice entry.
 */
export function presenceValue(presence: AgentPresence | null): string {
  if (presence === null || presence.state === 'offline') return '';
  if (presence.state === 'available') return 'available';
  return presence.reasonCode ? REASON_PREFIX + presence.reasonCode : 'not_ready';
}

/** How the current state reads: "Not ready (missed an offer)" for RONA, "Not ready: Lunch", … */
export function presenceLabel(presence: AgentPresence | null): string {
  if (presence === null || presence.state === 'offline') return 'Offline';
  if (presence.state === 'available') return 'Available';
  if (presence.reasonCode === RONA_REASON) return 'Not ready (missed an offer)';
  return presence.reasonCode ? `Not ready: ${presence.reasonCode}` : 'Not ready';
}

export const isRona = (presence: AgentPresence | null): boolean => presence?.state === 'not_ready' && presence.reasonCode === RONA_REASON;
