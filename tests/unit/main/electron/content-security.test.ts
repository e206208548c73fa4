import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../../main/browser/content-security-policy';
import { APP_CSP } from '../../../../main/electron/app-protocol';
import { enforceContentSecurityPolicy } from '../../../../main/electron/content-security';

describe('enforceContentSecurityPolicy', () => {
  it('adds the app CSP to every response, keeping the other headers', () => {
    let listener: ((details: { responseHeaders?: Record<string, string | string[]> }, callback: (response: unknown) => void) => void) | null = null;
    enforceContentSecurityPolicy({ webRequest: { onHeadersReceived: (l) => (listener = l) } });
    let response: any = null;
    listener!({ responseHeaders: { 'Content-Type': ['text/html'] } }, (r) => (response = r));
    expect(response.responseHeaders['Content-Type']).toEqual(['text/html']);
    expect(response.responseHeaders['Content-Security-Policy']).toEqual([contentSecurityPolicy()]);
  });

  it('is the same policy the app:// protocol and browser mode send', () => {
    expect(APP_CSP).toBe(contentSecurityPolicy());
  });
});
