/**
 * Password hashing with scrypt (node:crypto). Stored form: `scrypt$N$r$p$saltB64$hashB64`. A platform
 * uses one cost for every path (config `passwordCost`): config passwords are hashed with it at load, the
 * stand-in hash for unknown usernames is made with it, and a `passwordHash` of another cost is refused
 * by the config — so a login takes as long whether the name exists or not. Verifying runs scrypt on
 * libuv's thread pool (the async API), never on the event loop; see password-hasher.ts for its queue.
 */
import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

export interface PasswordCost {
  N: number;
  r: number;
  p: number;
}

export const DEFAULT_PASSWORD_COST: PasswordCost = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;
const HASH_PATTERN = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=_-]+)\$([A-Za-z0-9+/=_-]+)$/;

function maxmemOf(cost: PasswordCost): number {
  return 256 * cost.N * cost.r + 1024 * 1024;
}

/** Synchronous: for the config at load and the CLI, never for a request. */
export function hashPassword(password: string, cost: PasswordCost = DEFAULT_PASSWORD_COST): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, KEY_LENGTH, { ...cost, maxmem: maxmemOf(cost) });
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function isPasswordHash(value: string): boolean {
  return HASH_PATTERN.test(value);
}

/** The cost a stored hash was made with, or undefined when it is not one. */
export function costOf(stored: string): PasswordCost | undefined {
  const match = HASH_PATTERN.exec(stored);
  return match ? { N: Number(match[1]), r: Number(match[2]), p: Number(match[3]) } : undefined;
}

export function sameCost(a: PasswordCost, b: PasswordCost): boolean {
  return a.N === b.N && a.r === b.r && a.p === b.p;
}

/** Constant-time comparison on the thread pool; a malformed stored hash never matches. */
export function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = HASH_PATTERN.exec(stored);
  const cost = costOf(stored);
  if (!match || !cost) return Promise.resolve(false);
  const expected = Buffer.from(match[5], 'base64');
  if (expected.length === 0) return Promise.resolve(false);
  return new Promise((resolve) => {
    try {
      scrypt(password, Buffer.from(match[4], 'base64'), expected.length, { ...cost, maxmem: maxmemOf(cost) }, (err, actual) => {
        resolve(err === null && timingSafeEqual(actual, expected));
      });
    } catch {
      // bad parameters (N not a power of two, …): no match
      resolve(false);
    }
  });
}
