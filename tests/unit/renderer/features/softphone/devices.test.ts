import { describe, expect, it } from 'vitest';
import {
  devicesOfKind,
  repluggedRoles,
  resolveDevice,
  toDeviceInfo,
  unpluggedNotice,
  unpluggedRoles,
  type DeviceInfo,
} from '../../../../../renderer/src/features/softphone/devices';

/** What Chromium's enumerateDevices() lists with a USB headset and the laptop's own audio. */
const withHeadset: DeviceInfo[] = toDeviceInfo([
  { deviceId: 'default', label: 'Default - Jabra Evolve2 65', kind: 'audioinput' },
  { deviceId: 'communications', label: 'Communications - Jabra Evolve2 65', kind: 'audioinput' },
  { deviceId: 'mic-jabra', label: 'Jabra Evolve2 65', kind: 'audioinput' },
  { deviceId: 'mic-laptop', label: 'Built-in Microphone', kind: 'audioinput' },
  { deviceId: 'out-jabra', label: 'Jabra Evolve2 65', kind: 'audiooutput' },
  { deviceId: 'out-laptop', label: 'Built-in Speakers', kind: 'audiooutput' },
  { deviceId: 'cam', label: 'HD Camera', kind: 'videoinput' },
]);
const unplugged = withHeadset.filter((d) => !d.label.includes('Jabra'));
const chosen = { microphone: 'Jabra Evolve2 65', speaker: 'Jabra Evolve2 65', ringer: 'Built-in Speakers' };

describe('devices', () => {
  it('offers real devices of a kind, without the default/communications duplicates or cameras', () => {
    expect(devicesOfKind(withHeadset, 'audioinput').map((d) => d.deviceId)).toEqual(['mic-jabra', 'mic-laptop']);
    expect(withHeadset.some((d) => d.label === 'HD Camera')).toBe(false);
  });

  it('finds a remembered device by its label, whatever its id is today', () => {
    expect(resolveDevice(withHeadset, 'microphone', 'Jabra Evolve2 65')).toEqual({ deviceId: 'mic-jabra', label: 'Jabra Evolve2 65', missing: false });
    expect(resolveDevice(withHeadset, 'speaker', 'Jabra Evolve2 65')).toEqual({ deviceId: 'out-jabra', label: 'Jabra Evolve2 65', missing: false });
    expect(resolveDevice(withHeadset, 'ringer', null)).toEqual({ deviceId: undefined, label: null, missing: false });
  });

  it('falls back to the default when the remembered device is not plugged in', () => {
    expect(resolveDevice(unplugged, 'microphone', 'Jabra Evolve2 65')).toEqual({ deviceId: undefined, label: null, missing: true });
  });

  it('tells which chosen devices were unplugged, and which came back', () => {
    expect(unpluggedRoles(withHeadset, unplugged, chosen)).toEqual(['microphone', 'speaker']);
    expect(unpluggedRoles(unplugged, unplugged, chosen)).toEqual([]);
    expect(repluggedRoles(unplugged, withHeadset, chosen)).toEqual(['microphone', 'speaker']);
    expect(unpluggedRoles(withHeadset, unplugged, { microphone: null, speaker: null, ringer: null })).toEqual([]);
  });

  it('words the notice so the agent knows what is used now', () => {
    expect(unpluggedNotice('microphone', 'Jabra Evolve2 65', true)).toBe(
      'The microphone “Jabra Evolve2 65” was unplugged during the call; the system default microphone is used until it is back.',
    );
  });
});
