import { describe, expect, it } from 'vitest';
import { BROWSER_MODE_NOTE, hostMode, NO_KEYRING_NOTE, tokenStorageNote } from '../../../../../renderer/src/features/settings/tokenStorageNote';

describe('hostMode', () => {
  it('is Electron when preload has put the API on the window, browser mode otherwise', () => {
    expect(hostMode({ switchboard: {} })).toBe('electron');
    expect(hostMode({})).toBe('browser');
    expect(hostMode(undefined)).toBe('browser');
  });
});

describe('tokenStorageNote', () => {
  it('says nothing when the token is kept in the OS key store', () => {
    expect(tokenStorageNote('electron', false)).toBeNull();
    expect(tokenStorageNote('browser', false)).toBeNull();
  });

  it('informs in browser mode, where memory-only is by design', () => {
    expect(tokenStorageNote('browser', true)).toEqual({ tone: 'info', text: BROWSER_MODE_NOTE });
    expect(BROWSER_MODE_NOTE).toMatch(/^Browser mode keeps your sign-in only while it runs/);
  });

  it('warns in Electron without a keyring', () => {
    expect(tokenStorageNote('electron', true)).toEqual({ tone: 'warning', text: NO_KEYRING_NOTE });
    expect(NO_KEYRING_NOTE).toMatch(/No system keyring/);
  });
});
