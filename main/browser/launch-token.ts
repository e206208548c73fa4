/**
 * The per-launch secret of browser mode: in the printed URL once, then in an HttpOnly SameSite=Strict
 * cookie scoped to the host's random path prefix (Path=/PREFIX/), so no other server on 127.0.0.1 gets it. Anything on the machine can reach 127.0.0.1; only whoever holds the token gets the app.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export function newLaunchToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokensMatch(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Cookies are not scoped by port, so two hosts on one machine each get their own name. */
export function tokenCookieName(port: number): string {
  return `switchboard_token_${port}`;
}

/** `path` is the host's random prefix (`/PREFIX/`): cookies ignore ports, paths they do not. */
export function tokenCookie(port: number, token: string, path: string): string {
  return `${tokenCookieName(port)}=${token}; Path=${path}; HttpOnly; SameSite=Strict`;
}

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return null;
}
