/**
 * Web permissions: the app's own origin may use the microphone (calls) and notifications (offers);
 * everything else — camera, geolocation, screen capture, clipboard, devices — is refused, for the app and
 * for anything else that might end up in a webContents.
 */
import { isAppUrl } from './app-origin';

type RequestDetails = { requestingUrl?: string; mediaTypes?: ('video' | 'audio')[] };
type CheckDetails = { requestingUrl?: string; mediaType?: 'video' | 'audio' | 'unknown'; isMainFrame?: boolean };

/** The slice of Electron's Session this module uses. */
export interface PermissionSession {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void, details: RequestDetails) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string, requestingOrigin: string, details: CheckDetails) => boolean): void;
}

export function isPermissionAllowed(permission: string, requestingUrl: string | undefined, mediaTypes: readonly string[] = []): boolean {
  if (!isAppUrl(requestingUrl)) return false;
  if (permission === 'notifications') return true;
  // Microphone only: a request that includes video (camera) is refused as a whole.
  if (permission === 'media') return !mediaTypes.includes('video');
  return false;
}

export function installPermissionHandlers(session: PermissionSession): void {
  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details?.requestingUrl, details?.mediaTypes ?? []));
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) => {
    const mediaTypes = details?.mediaType === 'video' ? ['video'] : [];
    // Both the frame asking and the origin it asks for must be the app (an embedded frame has its own).
    return isPermissionAllowed(permission, details?.requestingUrl ?? requestingOrigin, mediaTypes) && isAppUrl(requestingOrigin);
  });
}
