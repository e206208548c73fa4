import { describe, expect, it } from 'vitest';
import { guardNavigation, isExternalWebLink } from '../../../../main/electron/navigation-guard';

function fakeContents() {
  const listeners = new Map<string, ((...args: any[]) => void)[]>();
  let openHandler: ((details: { url: string }) => { action: string }) | null = null;
  return {
    on(event: string, listener: (...args: any[]) => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
    },
    setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }) {
      openHandler = handler;
    },
    fire(event: string, url?: string) {
      let prevented = false;
      for (const listener of listeners.get(event) ?? []) listener({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    },
    open: (url: string) => openHandler!({ url }),
  };
}

describe('guardNavigation', () => {
  function setup() {
    const contents = fakeContents();
    const opened: string[] = [];
    guardNavigation(contents, { openExternal: async (url) => void opened.push(url) });
    return { contents, opened };
  }

  it('denies every navigation, redirect and webview', () => {
    const { contents, opened } = setup();
    for (const url of ['https://evil.example.com/', 'app://switchboard/other.html', 'file:///etc/passwd']) {
      expect(contents.fire('will-navigate', url)).toBe(true);
      expect(contents.fire('will-redirect', url)).toBe(true);
    }
    expect(contents.fire('will-attach-webview')).toBe(true);
    expect(opened).toEqual([]);
  });

  it('denies every new window; http(s) links go to the system browser, other schemes nowhere', () => {
    const { contents, opened } = setup();
    for (const url of ['https://docs.example.com/help', 'http://intranet/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://share/x', 'app://switchboard/']) {
      expect(contents.open(url)).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://docs.example.com/help', 'http://intranet/']);
  });

  it('recognises only http and https as external web links', () => {
    expect(isExternalWebLink('https://x.example')).toBe(true);
    expect(isExternalWebLink('ms-settings:privacy')).toBe(false);
    expect(isExternalWebLink('not a url')).toBe(false);
  });
});
