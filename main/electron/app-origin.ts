/**
 * The app is loaded from its own privileged scheme, never from http(s) or file:, so its origin is
 * unique and every check (IPC sender, permissions, navigation) compares against this one value.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'switchboard';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

export function isAppUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    // not a URL, so not our origin
    return false;
  }
}
