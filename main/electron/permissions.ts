/**
 * Web permissions: the app's own origin may use the microphone (calls) and notifications (offers), and
 * HID for telephony headsets only (usage page 0x0B: hook switch, mute, call lights); everything else —
 * camera, geolocation, screen capture, clipboard, other devices — is refused, for the app and for anything
 * else that might end up in a webContents.
 */
import { TELEPHONY_PAGE } from '../../common/webhid-telephony';
import { isAppUrl } from './app-origin';

type RequestDetails = { requestingUrl?: string; mediaTypes?: ('video' | 'audio')[] };
type CheckDetails = { requestingUrl?: string; mediaType?: 'video' | 'audio' | 'unknown'; isMainFrame?: boolean };

/** Electron's HIDDevice, the part read here: its top-level collections say what kind of device it is. */
export type HidDeviceInfo = { deviceId: string; collections?: readonly { usagePage?: number }[] };
// Electron passes HID, serial and USB devices here; only a HID device has collections.
type DevicePermissionDetails = { deviceType: string; origin: string; device: object };
type SelectHidDetails = { deviceList: readonly HidDeviceInfo[]; frame?: { url?: string } | null };

/** The slice of Electron's Session this module uses (the device hooks are optional for test doubles). */
export interface PermissionSession {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void, details: RequestDetails) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string, requestingOrigin: string, details: CheckDetails) => boolean): void;
  setDevicePermissionHandler?(handler: (details: DevicePermissionDetails) => boolean): void;
  on?(event: 'select-hid-device', listener: (event: { preventDefault(): void }, details: SelectHidDetails, callback: (deviceId?: string | null) => void) => void): void;
}

/** A telephony headset: one of its top-level collections is on the Telephony usage page. */
export function isTelephonyHidDevice(device: object | undefined): boolean {
  const collections: unknown = (device as { collections?: unknown } | undefined)?.collections;
  return Array.isArray(collections) && collections.some((c: unknown) => typeof c === 'object' && c !== null && (c as { usagePage?: unknown }).usagePage === TELEPHONY_PAGE);
}

/** Which device `navigator.hid.requestDevice` gets: the first telephony one, or none. */
export function pickTelephonyHidDevice(deviceList: readonly HidDeviceInfo[]): string | null {
  return deviceList.find(isTelephonyHidDevice)?.deviceId ?? null;
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
    const url = details?.requestingUrl ?? requestingOrigin;
    // WebHID asks "may this origin use HID at all" here; which device it gets is decided below.
    if (permission === 'hid') return isAppUrl(url) && isAppUrl(requestingOrigin);
    return isPermissionAllowed(permission, url, mediaTypes) && isAppUrl(requestingOrigin);
  });
  // Remembered grants (getDevices at start) and new ones alike: telephony devices, for the app only.
  session.setDevicePermissionHandler?.((details) => details.deviceType === 'hid' && isAppUrl(details.origin) && isTelephonyHidDevice(details.device));
  session.on?.('select-hid-device', (event, details, callback) => {
    event.preventDefault();
    callback(details.frame?.url === undefined || isAppUrl(details.frame.url) ? pickTelephonyHidDevice(details.deviceList) : null);
  });
}
