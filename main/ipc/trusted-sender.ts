/**
 * Sender validation for IPC, after VS Code's validatedIpcMain: a message is handled only when it comes
 * from the app's own origin and from the main frame — never from an iframe or a page that navigated away.
 */

/** The slice of Electron's WebFrameMain this check reads. */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

export type TrustedSenderCheck = (frame: SenderFrame | null | undefined) => boolean;

export function createTrustedSenderCheck(appOrigin: string): TrustedSenderCheck {
  const expected = originOf(appOrigin);
  if (!expected) throw new Error(`createTrustedSenderCheck: ${appOrigin} is not an origin`);
  return (frame) => {
    if (!frame || typeof frame.url !== 'string') return false;
    if (frame.parent !== null) return false;
    return originOf(frame.url) === expected;
  };
}

/** scheme://host[:port], also for custom schemes (URL#origin is "null" for those). */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (!parsed.host) return null;
    return `${parsed.protocol}//${parsed.host}`.toLowerCase();
  } catch {
    // not a URL: no origin, so never trusted
    return null;
  }
}
