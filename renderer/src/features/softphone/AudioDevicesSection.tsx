import { useEffect, useId, useRef, useState } from 'react';
import { useAppSelector } from '../../app/hooks';
import { devicesOfKind, ROLE_KIND, type DeviceRole } from './devices';
import { audioContextForClick, meterMicrophone, playTestTone, type Sound } from './media/tones';
import { useSetAudioDevicesMutation } from './softphoneApi';
import { selectAudioDevices, selectDevicesInUse, selectHeadset, selectSoftphoneView } from './softphoneSelectors';
import { refreshDevices, requestHeadset } from './startSoftphone';

const ROLE_LABEL: Record<DeviceRole, string> = { microphone: 'Microphone', speaker: 'Speaker (calls)', ringer: 'Ringer (rings as well as the speaker)' };

function DevicePicker({ role }: { role: DeviceRole }) {
  const id = useId();
  const devices = useAppSelector(selectAudioDevices);
  const chosen = useAppSelector(selectSoftphoneView)?.devices[role] ?? null;
  const inUse = useAppSelector(selectDevicesInUse)[role];
  const [save, { isLoading }] = useSetAudioDevicesMutation();
  const options = devicesOfKind(devices, ROLE_KIND[role]);
  return (
    <div className="field" data-testid={`device-${role}`}>
      <label htmlFor={id}>{ROLE_LABEL[role]}</label>
      <select id={id} value={chosen ?? ''} disabled={isLoading} onChange={(e) => void save({ [role]: e.target.value === '' ? null : e.target.value })}>
        <option value="">System default</option>
        {options.map((d) => (
          <option key={d.deviceId} value={d.label}>
            {d.label}
          </option>
        ))}
        {chosen !== null && !options.some((d) => d.label === chosen) && <option value={chosen}>{chosen} (not plugged in)</option>}
      </select>
      {inUse.missing && <p className="field-hint">“{chosen}” is not plugged in; the system default is used.</p>}
      {options.length === 0 && <p className="field-hint">Device names appear once the microphone is allowed (Test microphone).</p>}
    </div>
  );
}

/** Microphone level while the agent checks it; stops when the section closes. */
function MicrophoneCheck() {
  const [level, setLevel] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const meter = useRef<Sound | null>(null);
  const microphone = useAppSelector(selectDevicesInUse).microphone.deviceId;
  const levelId = useId();
  useEffect(() => () => meter.current?.stop(), []);

  async function toggle() {
    if (meter.current) {
      meter.current.stop();
      meter.current = null;
      setLevel(null);
      return;
    }
    const context = audioContextForClick();
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: microphone ? { deviceId: { exact: microphone } } : true });
      meter.current = meterMicrophone(stream, setLevel, context);
      setError(null);
      refreshDevices(); // the names of the devices are readable once the microphone is allowed
    } catch (thrown) {
      void context.close();
      setError(`The microphone could not be opened: ${thrown instanceof Error ? thrown.message : String(thrown)}`);
    }
  }

  return (
    <div className="field">
      <button type="button" className="button" onClick={() => void toggle()} aria-pressed={level !== null}>
        {level === null ? 'Test microphone' : 'Stop microphone test'}
      </button>
      {level !== null && (
        <>
          <label htmlFor={levelId}>Microphone level</label>
          <meter id={levelId} className="level-meter" min={0} max={1} value={level} data-testid="mic-level" data-level={level.toFixed(3)} />
        </>
      )}
      {error && <p className="field-error" role="alert">{error}</p>}
    </div>
  );
}

/** The settings' audio section: the three devices, a level meter, test tones, the headset's buttons. */
export function AudioDevicesSection() {
  const inUse = useAppSelector(selectDevicesInUse);
  const headset = useAppSelector(selectHeadset);
  const hidAvailable = headset.state !== 'unsupported';
  return (
    <fieldset className="settings-group audio-devices" data-testid="audio-devices">
      <legend>Audio and headset</legend>
      <DevicePicker role="microphone" />
      <MicrophoneCheck />
      <DevicePicker role="speaker" />
      <DevicePicker role="ringer" />
      <div className="actions">
        <button type="button" className="button" onClick={() => playTestTone(inUse.speaker.deviceId)}>
          Play test tone on speaker
        </button>
        <button type="button" className="button" onClick={() => playTestTone(inUse.ringer.deviceId)}>
          Play test tone on ringer
        </button>
      </div>
      <p className="field-hint" role="status" data-testid="headset-status">
        {headset.state === 'connected' && `Headset buttons: ${headset.name} (${headset.controls.join(', ')}).`}
        {headset.state === 'none' && 'No headset buttons connected.'}
        {headset.state === 'unsupported' && 'Headset buttons need WebHID, which this browser does not offer.'}
        {headset.state === 'error' && headset.message}
      </p>
      {hidAvailable && (
        <button type="button" className="button" onClick={() => void requestHeadset()}>
          Connect headset buttons…
        </button>
      )}
    </fieldset>
  );
}
