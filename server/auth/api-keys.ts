/**
 * Channel integrations' API keys (config `integrations`). A key is a long random secret, so a SHA-256 of
 * it is as good as a slow hash and lets a request find its integration with one Map lookup. The config
 * may hold the key or only its digest (`sha256$BASE64URL`, from `npm run server -- hash-api-key`).
 */
import { createHash, randomBytes } from 'node:crypto';

export const MIN_API_KEY_LENGTH = 32;
const DIGEST_PATTERN = /^sha256\$([A-Za-z0-9_-]{43})$/;

export function apiKeyDigest(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}

/** The config's `apiKeyHash` form of a key. */
export function apiKeyHash(key: string): string {
  return `sha256$${apiKeyDigest(key)}`;
}

/** The digest inside an `apiKeyHash`, or undefined when it is not one. */
export function digestOfHash(hash: string): string | undefined {
  return DIGEST_PATTERN.exec(hash)?.[1];
}

export function newApiKey(): string {
  return randomBytes(32).toString('base64url');
}
