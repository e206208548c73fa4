/**
 * Identifiers: `PREFIX_` + the creation time (milliseconds, 9 base-36 digits, so ids sort by time) + 12
 * random base64url characters (72 bits). Time first keeps every id-keyed index (items, conversations,
 * messages) appending at its right edge instead of touching a random page per insert, which is most of
 * what a commit writes otherwise; the random tail keeps ids unguessable and unique.
 */
import { randomFillSync } from 'node:crypto';

const RANDOM_BYTES = 9;
/** Random bytes are drawn in blocks: one call per id costs more than the id is worth. */
const POOL_SIZE = RANDOM_BYTES * 512;
const pool = Buffer.alloc(POOL_SIZE);
let offset = POOL_SIZE;

function randomPart(): string {
  if (offset + RANDOM_BYTES > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  const part = pool.toString('base64url', offset, offset + RANDOM_BYTES);
  // Never reuse bytes: the next id draws fresh ones.
  offset += RANDOM_BYTES;
  return part;
}

export function newId(prefix: string, now: number = Date.now()): string {
  return `${prefix}_${Math.max(0, Math.floor(now)).toString(36).padStart(9, '0')}${randomPart()}`;
}
