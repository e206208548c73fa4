/**
 * Password hashing with scrypt (node:crypto). Stored form: `scrypt$N$r$p$saltB64$hashB64`, so the cost can
 * be raised later without invalidating existing hashes. Plain passwords from the config are hashed at load
 * and never kept.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

const DEFAULT_N = 16384;
const DEFAULT_R = 8;
const DEFAULT_P = 1;
const KEY_LENGTH = 32;
const HASH_PATTERN = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=_-]+)\$([A-Za-z0-9+/=_-]+)$/;

export function hashPassword(password: string, cost: { N?: number; r?: number; p?: number } = {}): string {
  const N = cost.N ?? DEFAULT_N;
  const r = cost.r ?? DEFAULT_R;
  const p = cost.p ?? DEFAULT_P;
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, KEY_LENGTH, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function isPasswordHash(value: string): boolean {
  return HASH_PATTERN.test(value);
}

/** Constant-time comparison; a malformed stored hash never matches. */
export function verifyPassword(password: string, stored: string): boolean {
  const match = HASH_PATTERN.exec(stored);
  if (!match) return false;
  const [, n, r, p, saltB64, hashB64] = match;
  const N = Number(n);
  const R = Number(r);
  const P = Number(p);
  const expected = Buffer.from(hashB64, 'base64');
  if (expected.length === 0) return false;
  try {
    const actual = scryptSync(password, Buffer.from(saltB64, 'base64'), expected.length, { N, r: R, p: P, maxmem: 256 * N * R + 1024 * 1024 });
    return timingSafeEqual(actual, expected);
  } catch {
    return false;
  }
}
