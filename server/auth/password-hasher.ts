/**
 * The queue in front of password verification. scrypt runs on libuv's thread pool (async), so the event
 * loop keeps serving other agents; at most `concurrency` hashes run at once (one core fewer than the
 * machine has; the pool is shared with file I/O and DNS too), and at most `maxQueued` wait. Past that a login is refused at once with 429 and
 * Retry-After instead of queueing without bound — a login flood costs its senders, not everyone.
 */
import { availableParallelism } from 'node:os';
import { verifyPassword } from './passwords';

/** One core is left to the event loop: hashing at full width starves requests of CPU even off the loop. */
const DEFAULT_CONCURRENCY = Math.max(1, availableParallelism() - 1);
import { RateLimitedError } from './rate-limited';

export class PasswordHasher {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency = DEFAULT_CONCURRENCY,
    private readonly maxQueued = 64,
  ) {}

  async verify(password: string, stored: string): Promise<boolean> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxQueued) throw new RateLimitedError('too many logins at once; try again in a second', 1);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.running++;
    try {
      return await verifyPassword(password, stored);
    } finally {
      // hand the slot straight to the next waiter (running stays the same), or free it
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** hashes running and waiting (diagnostics, tests) */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }
}
