/**
 * Secrets out of what support receives: any value under a key that names a secret (password, token,
 * credential, secret, authorization), wherever it is nested, and the password of a URL's user-info.
 */
const SECRET_KEY = /pass(word)?|token|credential|secret|authorization|api[-_]?key/i;
export const REDACTED = '[redacted]';

function redactUrlPassword(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+):[^\s@/]+@/gi, `$1:${REDACTED}@`);
}

export function redactSecrets(value: unknown): unknown {
  if (typeof value === 'string') return redactUrlPassword(value);
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, SECRET_KEY.test(key) && entry !== null && entry !== undefined ? REDACTED : redactSecrets(entry)]));
  }
  return value;
}

/** A log file: each JSON line redacted as a value; any other line only of URL passwords. */
export function redactLogText(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      if (!line.startsWith('{')) return redactUrlPassword(line);
      try {
        return JSON.stringify(redactSecrets(JSON.parse(line)));
      } catch {
        // not JSON after all (a torn last line): treated as text
        return redactUrlPassword(line);
      }
    })
    .join('\n');
}
