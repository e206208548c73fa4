/**
 * The header's note on where the sign-in is kept. Browser mode keeps the token in the host process's
 * memory by design (no OS keyring under plain Node), which is information, not a fault; the Electron app
 * without a usable keyring is the case that needs a warning. The renderer tells the two apart by its
 * transport: preload puts `switchboard` on the window only in Electron (see renderer/src/api/index.ts).
 */
export type HostMode = 'electron' | 'browser';

export type TokenStorageNote = { tone: 'info' | 'warning'; text: string } | null;

export const BROWSER_MODE_NOTE = 'Browser mode keeps your sign-in only while it runs: you will sign in again after it restarts.';
export const NO_KEYRING_NOTE = 'No system keyring: your sign-in is kept in memory only, so you will sign in again next launch.';

export function hostMode(scope: { switchboard?: unknown } | undefined): HostMode {
  return scope?.switchboard ? 'electron' : 'browser';
}

export function tokenStorageNote(mode: HostMode, tokenInMemoryOnly: boolean): TokenStorageNote {
  if (!tokenInMemoryOnly) return null;
  return mode === 'browser' ? { tone: 'info', text: BROWSER_MODE_NOTE } : { tone: 'warning', text: NO_KEYRING_NOTE };
}
