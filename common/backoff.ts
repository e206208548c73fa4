/**
 * Capped exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"):
 * the n-th retry waits a random time in [0, min(cap, base·2ⁿ)], so many desktops that lost the platform
 * together do not all come back in the same instant. The one backoff of the project: sync's event stream,
 * the outbox and the renderer's browser-mode transport all retry with it (common/, so the renderer may too).
 */
export type BackoffOptions = { baseMs?: number; capMs?: number; random?: () => number };

export class Backoff {
  private attempt = 0;
  readonly baseMs: number;
  readonly capMs: number;
  private readonly random: () => number;

  constructor(options: BackoffOptions = {}) {
    this.baseMs = options.baseMs ?? 250;
    this.capMs = options.capMs ?? 30_000;
    this.random = options.random ?? Math.random;
  }

  /** The upper bound of the next wait (without jitter). */
  ceiling(): number {
    return Math.min(this.capMs, this.baseMs * 2 ** Math.min(this.attempt, 30));
  }

  /** The next wait in milliseconds; each call counts one more failed attempt. */
  next(): number {
    const delay = Math.floor(this.random() * this.ceiling());
    this.attempt += 1;
    return delay;
  }

  get attempts(): number {
    return this.attempt;
  }

  reset(): void {
    this.attempt = 0;
  }
}
