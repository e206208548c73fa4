/** How queue figures read in the compact Queues panel. Pure, tested without a DOM. */

/** A wait in a glance: "0s", "45s", "2m 05s", "1h 02m". */
export function formatWait(seconds: number): string {
  const whole = Number.isFinite(seconds) ? Math.max(0, Math.round(seconds)) : 0;
  if (whole < 60) return `${whole}s`;
  if (whole < 3600) return `${Math.floor(whole / 60)}m ${String(whole % 60).padStart(2, '0')}s`;
  return `${Math.floor(whole / 3600)}h ${String(Math.floor((whole % 3600) / 60)).padStart(2, '0')}m`;
}

/** The same wait spelled out for screen readers: "2 minutes 5 seconds". */
export function spokenWait(seconds: number): string {
  const whole = Number.isFinite(seconds) ? Math.max(0, Math.round(seconds)) : 0;
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = whole % 60;
  const parts = [unit(hours, 'hour'), unit(minutes, 'minute'), hours > 0 ? null : unit(rest, 'second')].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : '0 seconds';
}

function unit(count: number, name: string): string | null {
  return count === 0 ? null : `${count} ${name}${count === 1 ? '' : 's'}`;
}

/**
 * Whether a queue needs the agent's eye: customers are waiting and nobody is free to take them. The panel
 * marks such a row; figures alone make the agent do the arithmetic.
 */
export function isBackedUp(queue: { waiting: number; agentsAvailable: number }): boolean {
  return queue.waiting > 0 && queue.agentsAvailable === 0;
}
