import { describe, expect, it } from 'vitest';
import { createTrustedSenderCheck, originOf } from '../../../../main/ipc/trusted-sender';

describe('createTrustedSenderCheck', () => {
  const check = createTrustedSenderCheck('app://switchboard');

  it('accepts the app origin in the main frame, any path', () => {
    expect(check({ url: 'app://switchboard/index.html', parent: null })).toBe(true);
    expect(check({ url: 'app://switchboard/inbox?x=1#y', parent: null })).toBe(true);
    expect(check({ url: 'APP://SWITCHBOARD/', parent: null })).toBe(true);
  });

  it('refuses other origins, subframes, odd urls and missing frames', () => {
    expect(check({ url: 'app://switchboard/index.html', parent: {} })).toBe(false);
    expect(check({ url: 'app://other/index.html', parent: null })).toBe(false);
    expect(check({ url: 'http://switchboard/index.html', parent: null })).toBe(false);
    expect(check({ url: 'app://switchboard:444/', parent: null })).toBe(false);
    expect(check({ url: 'not a url', parent: null })).toBe(false);
    expect(check({ url: '', parent: null })).toBe(false);
    expect(check({ url: 'app://switchboard/', parent: undefined })).toBe(false);
    expect(check(null)).toBe(false);
    expect(check(undefined)).toBe(false);
  });

  it('works for the browser-mode origin too', () => {
    const local = createTrustedSenderCheck('http://127.0.0.1:4000');
    expect(local({ url: 'http://127.0.0.1:4000/', parent: null })).toBe(true);
    expect(local({ url: 'http://127.0.0.1:4001/', parent: null })).toBe(false);
  });

  it('needs a real origin to compare with', () => {
    expect(() => createTrustedSenderCheck('switchboard')).toThrow();
    expect(originOf('about:blank')).toBeNull();
  });
});
