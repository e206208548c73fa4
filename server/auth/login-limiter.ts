/**
 * Limits on logins, counted in windows and kept in bounded LRU memory. Each limit, once reached, means
 * waiting: failures back off exponentially (1 s, 2 s, 4 s, … up to the window), successes until the
 * window ends.
 *
 * - failures per username *and* source: guessing one password from one place;
 * - failures per source, whatever the username: spraying one guess across many names;
 * - failures per username from sources that never signed in as that user: a guess from many places.
 *   A source where the user has signed in before is exempt, so an attacker who knows the name cannot
 *   lock the real user out;
 * - successful logins per username and per source: a correct password cannot be replayed into a flood
 *   of scrypt work and token rows.
 */
import { Lru } from './lru';

export interface LoginLimits {
  /** failures of one username from one source */
  maxFailures: number;
  windowSeconds: number;
  maxFailuresPerSource: number;
  maxFailuresPerUser: number;
  maxLoginsPerUser: number;
  maxLoginsPerSource: number;
}

interface Counter {
  count: number;
  start: number;
  last: number;
}

const DEFAULT_MEMORY = 100_000;
const KNOWN_SOURCE_MS = 30 * 24 * 3600 * 1000;

export class LoginLimiter {
  private readonly counters: Lru<Counter>;
  /** `user|source` → when the user last signed in from there */
  private readonly knownSources: Lru<number>;
  private readonly windowMs: number;

  constructor(
    private readonly limits: LoginLimits,
    private readonly now: () => number,
    /** entries per map (counters, known sources) */
    memory = DEFAULT_MEMORY,
  ) {
    this.windowMs = limits.windowSeconds * 1000;
    this.counters = new Lru(memory);
    this.knownSources = new Lru(memory);
  }

  /** Seconds to wait before this attempt may be tried, or 0 when it may be tried now. */
  retryAfterSeconds(username: string, source: string): number {
    const { limits } = this;
    const known = this.isKnownSource(username, source);
    const waits = [
      this.backoff(`f:u+s:${username}|${source}`, limits.maxFailures),
      this.backoff(`f:s:${source}`, limits.maxFailuresPerSource),
      known ? 0 : this.backoff(`f:u:${username}`, limits.maxFailuresPerUser),
      this.untilWindowEnds(`ok:u:${username}`, limits.maxLoginsPerUser),
      this.untilWindowEnds(`ok:s:${source}`, limits.maxLoginsPerSource),
    ];
    return Math.max(...waits);
  }

  fail(username: string, source: string): void {
    this.count(`f:u+s:${username}|${source}`);
    this.count(`f:s:${source}`);
    if (!this.isKnownSource(username, source)) this.count(`f:u:${username}`);
  }

  succeed(username: string, source: string): void {
    this.counters.delete(`f:u+s:${username}|${source}`);
    this.knownSources.set(`${username}|${source}`, this.now());
    this.count(`ok:u:${username}`);
    this.count(`ok:s:${source}`);
  }

  /** entries held (bounded; for tests and diagnostics) */
  get remembered(): number {
    return this.counters.size + this.knownSources.size;
  }

  private isKnownSource(username: string, source: string): boolean {
    const at = this.knownSources.get(`${username}|${source}`);
    return at !== undefined && this.now() - at < KNOWN_SOURCE_MS;
  }

  private current(key: string): Counter | undefined {
    const counter = this.counters.get(key);
    if (counter === undefined) return undefined;
    if (this.now() - counter.start >= this.windowMs) {
      this.counters.delete(key);
      return undefined;
    }
    return counter;
  }

  private count(key: string): void {
    const now = this.now();
    const counter = this.current(key);
    if (counter === undefined) this.counters.set(key, { count: 1, start: now, last: now });
    else {
      counter.count++;
      counter.last = now;
    }
  }

  /** Past `max` failures: 2^(over) seconds after the last one, at most the window. */
  private backoff(key: string, max: number): number {
    const counter = this.current(key);
    if (counter === undefined || counter.count < max) return 0;
    const delayMs = Math.min(this.windowMs, 1000 * 2 ** Math.min(30, counter.count - max));
    return Math.max(0, Math.ceil((counter.last + delayMs - this.now()) / 1000));
  }

  private untilWindowEnds(key: string, max: number): number {
    const counter = this.current(key);
    if (counter === undefined || counter.count < max) return 0;
    return Math.max(1, Math.ceil((counter.start + this.windowMs - this.now()) / 1000));
  }
}
