/**
 * Choosing audio devices. The agent's choice is remembered by LABEL ("Jabra Evolve2 65"), because device
 * ids change across reboots, browsers and USB ports while labels do not; null means the system default.
 * When a chosen device is not there (unplugged, or not yet plugged in), the default is used and the agent
 * is told — the choice itself is kept, so plugging the headset back in uses it again.
 */
import type { AudioDevices } from '../../../../common/softphone-api';

export type DeviceRole = keyof AudioDevices;
export type DeviceKind = 'audioinput' | 'audiooutput';
/** What enumerateDevices() says about one device, as plain data (it can sit in Redux). */
export type DeviceInfo = { deviceId: string; label: string; kind: DeviceKind };

export const ROLE_KIND: Record<DeviceRole, DeviceKind> = { microphone: 'audioinput', speaker: 'audiooutput', ringer: 'audiooutput' };
export const ROLE_NAME: Record<DeviceRole, string> = { microphone: 'microphone', speaker: 'speaker', ringer: 'ringer' };

/** Chromium lists the default and communications devices again under pseudo ids; the picker offers "System default" once. */
const PSEUDO_IDS = new Set(['default', 'communications', '']);

/** The real devices of a kind, for a picker. */
export function devicesOfKind(devices: readonly DeviceInfo[], kind: DeviceKind): DeviceInfo[] {
  return devices.filter((d) => d.kind === kind && !PSEUDO_IDS.has(d.deviceId) && d.label !== '');
}

export function toDeviceInfo(devices: Iterable<{ deviceId: string; label: string; kind: string }>): DeviceInfo[] {
  const out: DeviceInfo[] = [];
  for (const d of devices) if (d.kind === 'audioinput' || d.kind === 'audiooutput') out.push({ deviceId: d.deviceId, label: d.label, kind: d.kind });
  return out;
}

export type ResolvedDevice = {
  /** undefined: the system default */
  deviceId: string | undefined;
  /** what is in use, for the screen */
  label: string | null;
  /** the remembered device is not plugged in: the default is used instead */
  missing: boolean;
};

export function resolveDevice(devices: readonly DeviceInfo[], role: DeviceRole, rememberedLabel: string | null): ResolvedDevice {
  if (rememberedLabel === null) return { deviceId: undefined, label: null, missing: false };
  const found = devicesOfKind(devices, ROLE_KIND[role]).find((d) => d.label === rememberedLabel);
  return found ? { deviceId: found.deviceId, label: found.label, missing: false } : { deviceId: undefined, label: null, missing: true };
}

/** Chosen devices that were present before a `devicechange` and are gone after it. */
export function unpluggedRoles(before: readonly DeviceInfo[], after: readonly DeviceInfo[], chosen: AudioDevices): DeviceRole[] {
  return (Object.keys(ROLE_KIND) as DeviceRole[]).filter((role) => {
    const label = chosen[role];
    if (label === null) return false;
    const present = (list: readonly DeviceInfo[]) => devicesOfKind(list, ROLE_KIND[role]).some((d) => d.label === label);
    return present(before) && !present(after);
  });
}

/** Chosen devices that came back (plugged in again). */
export function repluggedRoles(before: readonly DeviceInfo[], after: readonly DeviceInfo[], chosen: AudioDevices): DeviceRole[] {
  return unpluggedRoles(after, before, chosen);
}

export function unpluggedNotice(role: DeviceRole, label: string, inCall: boolean): string {
  const name = ROLE_NAME[role];
  return `The ${name} “${label}” was unplugged${inCall ? ' during the call' : ''}; the system default ${name} is used until it is back.`;
}
