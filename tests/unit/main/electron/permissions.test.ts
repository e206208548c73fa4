import { describe, expect, it } from 'vitest';
import { installPermissionHandlers, isPermissionAllowed, pickTelephonyHidDevice, type HidDeviceInfo, type PermissionSession } from '../../../../main/electron/permissions';

function installed() {
  let request: Parameters<PermissionSession['setPermissionRequestHandler']>[0] | null = null;
  let check: Parameters<PermissionSession['setPermissionCheckHandler']>[0] | null = null;
  installPermissionHandlers({ setPermissionRequestHandler: (h) => (request = h), setPermissionCheckHandler: (h) => (check = h) });
  return {
    request(permission: string, requestingUrl: string, mediaTypes?: ('audio' | 'video')[]) {
      let granted: boolean | null = null;
      request!({}, permission, (value) => (granted = value), { requestingUrl, mediaTypes });
      return granted;
    },
    check(permission: string, origin: string, details: { requestingUrl?: string; mediaType?: 'audio' | 'video' | 'unknown' } = {}) {
      return check!({}, permission, origin, details);
    },
  };
}

const APP = 'app://switchboard/index.html';
const OTHERS = ['clipboard-read', 'display-capture', 'geolocation', 'midi', 'openExternal', 'fullscreen', 'pointerLock', 'usb', 'serial', 'unknown'];

describe('permission handlers', () => {
  it('grants the microphone and notifications to the app origin', () => {
    const handlers = installed();
    expect(handlers.request('media', APP, ['audio'])).toBe(true);
    expect(handlers.request('notifications', APP)).toBe(true);
    expect(handlers.check('media', 'app://switchboard', { requestingUrl: APP, mediaType: 'audio' })).toBe(true);
    expect(handlers.check('notifications', 'app://switchboard', { requestingUrl: APP })).toBe(true);
  });

  it('refuses the camera even to the app', () => {
    const handlers = installed();
    expect(handlers.request('media', APP, ['video'])).toBe(false);
    expect(handlers.request('media', APP, ['audio', 'video'])).toBe(false);
    expect(handlers.check('media', 'app://switchboard', { requestingUrl: APP, mediaType: 'video' })).toBe(false);
  });

  it('refuses every other permission to the app', () => {
    const handlers = installed();
    for (const permission of OTHERS) {
      expect(handlers.request(permission, APP), permission).toBe(false);
      expect(handlers.check(permission, 'app://switchboard', { requestingUrl: APP }), permission).toBe(false);
    }
  });

  it('refuses media and notifications to any other origin', () => {
    const handlers = installed();
    for (const url of ['https://evil.example.com/', 'file:///index.html', 'app://other/', 'http://127.0.0.1:3000/']) {
      expect(handlers.request('media', url, ['audio']), url).toBe(false);
      expect(handlers.request('notifications', url), url).toBe(false);
      expect(handlers.check('media', new URL(url).origin, { requestingUrl: url, mediaType: 'audio' }), url).toBe(false);
    }
    // an app frame asking on behalf of another origin
    expect(handlers.check('notifications', 'https://evil.example.com', { requestingUrl: APP })).toBe(false);
    expect(isPermissionAllowed('media', undefined)).toBe(false);
  });
});

describe('HID: telephony headsets only', () => {
  const jabra: HidDeviceInfo = { deviceId: 'jabra', collections: [{ usagePage: 0x0c }, { usagePage: 0x0b }] };
  const keyboard: HidDeviceInfo = { deviceId: 'kbd', collections: [{ usagePage: 0x01 }] };
  const bare: HidDeviceInfo = { deviceId: 'bare' };

  function hid() {
    let device: Parameters<NonNullable<PermissionSession['setDevicePermissionHandler']>>[0] | null = null;
    let select: Parameters<NonNullable<PermissionSession['on']>>[1] | null = null;
    let check: Parameters<PermissionSession['setPermissionCheckHandler']>[0] | null = null;
    installPermissionHandlers({
      setPermissionRequestHandler: () => undefined,
      setPermissionCheckHandler: (h) => (check = h),
      setDevicePermissionHandler: (h) => (device = h),
      on: (_event, listener) => (select = listener),
    });
    return {
      check: (origin: string) => check!({}, 'hid', origin, { requestingUrl: `${origin}/index.html` }),
      grant: (origin: string, d: HidDeviceInfo) => device!({ deviceType: 'hid', origin, device: d }),
      choose(list: HidDeviceInfo[], frameUrl = APP) {
        let chosen: string | null | undefined;
        let prevented = false;
        select!({ preventDefault: () => (prevented = true) }, { deviceList: list, frame: { url: frameUrl } }, (id) => (chosen = id));
        return { chosen, prevented };
      },
    };
  }

  it('lets the app ask for HID and gives it the telephony device, never a keyboard', () => {
    const h = hid();
    expect(h.check('app://switchboard')).toBe(true);
    expect(h.check('https://evil.example.com')).toBe(false);
    expect(h.choose([keyboard, jabra])).toEqual({ chosen: 'jabra', prevented: true });
    expect(h.choose([keyboard, bare])).toEqual({ chosen: null, prevented: true });
    expect(h.choose([jabra], 'https://evil.example.com/')).toEqual({ chosen: null, prevented: true });
    expect(pickTelephonyHidDevice([])).toBeNull();
  });

  it('keeps remembered grants to telephony devices of the app', () => {
    const h = hid();
    expect(h.grant('app://switchboard', jabra)).toBe(true);
    expect(h.grant('app://switchboard', keyboard)).toBe(false);
    expect(h.grant('https://evil.example.com', jabra)).toBe(false);
  });

  it('still refuses HID through the permission request path', () => {
    expect(installedRequest('hid')).toBe(false);
  });
});

function installedRequest(permission: string): boolean | null {
  let request: Parameters<PermissionSession['setPermissionRequestHandler']>[0] | null = null;
  installPermissionHandlers({ setPermissionRequestHandler: (h) => (request = h), setPermissionCheckHandler: () => undefined });
  let granted: boolean | null = null;
  request!({}, permission, (value) => (granted = value), { requestingUrl: APP });
  return granted;
}
