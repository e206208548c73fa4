/**
 * How many work items one user may create per window (config `limits`), so that one agent, supervisor or
 * integration cannot fill the disk with items, callbacks or chats. Counted per user in fixed windows of
 * `creationWindowSeconds`; past the limit, 429 RATE_LIMITED with Retry-After until the window ends.
 * Channel accounts and integrations (which inject every customer's chats) get their own, higher limit.
 *
 * The counters live in memory (bounded LRU: one entry per user who created something lately), so a
 * restart starts a fresh window; what they bound is a rate, the disk it can fill per window.
 */
import { Lru } from '../auth/lru';
import type { Principal } from '../auth/principal';
import { RateLimitedError } from '../auth/rate-limited';
import type { Limits } from '../config';

/** what a route creates: an item of any kind, or a callback (which is an item too, with its own limit) */
export type Creation = 'item' | 'callback';

interface Window {
  start: number;
  count: number;
}

const MEMORY = 100_000;

export class CreationQuota {
  private readonly windows = new Lru<Window>(MEMORY);
  private readonly windowMs: number;

  constructor(
    private readonly limits: Limits,
    private readonly now: () => number,
  ) {
    this.windowMs = limits.creationWindowSeconds * 1000;
  }

  /** Throws 429 when `principal` may create no more of `what` in this window. */
  check(principal: Principal, what: Creation): void {
    this.checkOne(`item|${principal.username}`, principal.channel ? this.limits.itemsPerChannel : this.limits.itemsPerUser, principal.username, 'work items');
    if (what === 'callback') this.checkOne(`callback|${principal.username}`, this.limits.callbacksPerUser, principal.username, 'callbacks');
  }

  /** Counts one creation (call it once it happened: refused requests cost nothing). */
  record(principal: Principal, what: Creation): void {
    this.count(`item|${principal.username}`);
    if (what === 'callback') this.count(`callback|${principal.username}`);
  }

  private current(key: string): Window | undefined {
    const window = this.windows.get(key);
    if (window === undefined || this.now() - window.start >= this.windowMs) return undefined;
    return window;
  }

  private checkOne(key: string, max: number, username: string, what: string): void {
    const window = this.current(key);
    if (window === undefined || window.count < max) return;
    const retry = Math.max(1, Math.ceil((window.start + this.windowMs - this.now()) / 1000));
    throw new RateLimitedError(`${username} has created ${max} ${what} in ${this.limits.creationWindowSeconds} s, the most allowed (config limits); try again in ${retry} s`, retry);
  }

  private count(key: string): void {
    const window = this.current(key);
    if (window === undefined) this.windows.set(key, { start: this.now(), count: 1 });
    else window.count++;
  }
}
