/**
 * What one user may write per window (config `limits`), so that one agent, supervisor or integration
 * cannot fill the disk for everyone: every change is stored and emitted as an event (the event log keeps
 * each one for replay), and items, callbacks and chats are stored rows of their own. Counted per user in
 * fixed windows of `creationWindowSeconds`; past a limit, 429 RATE_LIMITED with Retry-After until the
 * window ends. Channel accounts and integrations (which carry every customer's chats) have their own,
 * higher limits.
 *
 * The counters live in memory (bounded LRU: one entry per user and kind who wrote lately), so a restart
 * starts a fresh window; what they bound is a rate: the disk one user can fill per window.
 */
import { Lru } from '../auth/lru';
import type { Principal } from '../auth/principal';
import { RateLimitedError } from '../auth/rate-limited';
import type { Limits } from '../config';

/** What a write creates besides the change itself: an item of any kind, or a callback (an item too, with its own limit). */
export type Creation = 'item' | 'callback';

interface Window {
  start: number;
  count: number;
}

const MEMORY = 100_000;

export class UserQuota {
  private readonly windows = new Lru<Window>(MEMORY);
  private readonly windowMs: number;

  constructor(
    private readonly limits: Limits,
    private readonly now: () => number,
  ) {
    this.windowMs = limits.creationWindowSeconds * 1000;
  }

  /** Throws 429 when `principal` may make no more writes (or create no more of `creates`) in this window. */
  check(principal: Principal, creates: Creation | undefined): void {
    const { limits } = this;
    const user = principal.username;
    this.checkOne(`write|${user}`, principal.channel ? limits.writesPerChannel : limits.writesPerUser, user, 'changes');
    if (creates === undefined) return;
    this.checkOne(`item|${user}`, principal.channel ? limits.itemsPerChannel : limits.itemsPerUser, user, 'work items');
    if (creates === 'callback') this.checkOne(`callback|${user}`, limits.callbacksPerUser, user, 'callbacks');
  }

  /** Counts one write (call it once it happened: refused requests cost nothing). */
  record(principal: Principal, creates: Creation | undefined): void {
    const user = principal.username;
    this.count(`write|${user}`);
    if (creates === undefined) return;
    this.count(`item|${user}`);
    if (creates === 'callback') this.count(`callback|${user}`);
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
    throw new RateLimitedError(`${username} has made ${max} ${what} in ${this.limits.creationWindowSeconds} s, the most allowed (config limits); try again in ${retry} s`, retry);
  }

  private count(key: string): void {
    const window = this.current(key);
    if (window === undefined) this.windows.set(key, { start: this.now(), count: 1 });
    else window.count++;
  }
}
