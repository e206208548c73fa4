/**
 * Headset buttons and lights over WebHID. Only telephony devices are asked for (usage page 0x0B), and
 * every report is read through the device's own layout (common/webhid-telephony.ts), so any vendor's
 * headset works the same. A device granted once is reconnected at start without asking again.
 */
import {
  TELEPHONY_DEVICE_FILTERS,
  headsetAction,
  headsetReader,
  lightReports,
  readHeadsetEvents,
  telephonyLayout,
  type HeadsetAction,
  type HeadsetCallSituation,
  type HeadsetLights,
  type HeadsetReader,
} from '../../../../common/webhid-telephony';
import type { HeadsetStatus } from './softphoneEvents';

// WebHID is not in TypeScript's DOM library: the slice of it used here.
type HidInputReportEvent = Event & { device: HidDevice; reportId: number; data: DataView };
type HidDevice = EventTarget & {
  opened: boolean;
  productName: string;
  collections: unknown;
  open(): Promise<void>;
  close(): Promise<void>;
  sendReport(reportId: number, data: Uint8Array): Promise<void>;
};
type HidConnectionEvent = Event & { device: HidDevice };
type Hid = EventTarget & {
  getDevices(): Promise<HidDevice[]>;
  requestDevice(options: { filters: readonly { usagePage: number }[] }): Promise<HidDevice[]>;
};

function webHid(): Hid | null {
  return 'hid' in navigator ? (navigator as unknown as { hid: Hid }).hid : null;
}

export type HeadsetController = {
  /** asks the agent to pick a headset (needs a click); telephony devices only */
  request(): Promise<void>;
  setLights(lights: HeadsetLights): void;
  stop(): void;
};

type Options = {
  situation: () => HeadsetCallSituation;
  onAction: (action: HeadsetAction) => void;
  onStatus: (status: HeadsetStatus) => void;
};

export function createHeadsetController(options: Options): HeadsetController {
  const hid = webHid();
  let current: { device: HidDevice; reader: HeadsetReader } | null = null;
  let lights: HeadsetLights = { ring: false, offHook: false, mute: false, hold: false };

  const onReport = (event: Event) => {
    if (!current) return;
    const { reportId, data } = event as HidInputReportEvent;
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    for (const headsetEvent of readHeadsetEvents(current.reader, reportId, bytes)) {
      const action = headsetAction(headsetEvent, options.situation());
      if (action) options.onAction(action);
    }
  };

  function writeLights(): void {
    if (!current) return;
    const { device, reader } = current;
    for (const report of lightReports(reader.layout, lights)) {
      device.sendReport(report.reportId, report.data).catch(() => undefined); // unplugged mid-write: the disconnect event follows
    }
  }

  async function connect(device: HidDevice): Promise<void> {
    const layout = telephonyLayout(device.collections);
    if (!layout.ok) {
      options.onStatus({ state: 'error', message: `${device.productName}: ${layout.message}` });
      return;
    }
    if (!device.opened) await device.open();
    current?.device.removeEventListener('inputreport', onReport);
    current = { device, reader: headsetReader(layout.layout) };
    device.addEventListener('inputreport', onReport);
    options.onStatus({ state: 'connected', name: device.productName, controls: layout.layout.controls.map((c) => c.control) });
    writeLights();
  }

  const onDisconnect = (event: Event) => {
    if (current && (event as HidConnectionEvent).device === current.device) {
      current = null;
      options.onStatus({ state: 'none' });
    }
  };

  if (hid === null) options.onStatus({ state: 'unsupported' });
  else {
    hid.addEventListener('disconnect', onDisconnect);
    hid
      .getDevices()
      .then(async (devices) => {
        const granted = devices.find((d) => telephonyLayout(d.collections).ok);
        if (granted) await connect(granted);
      })
      .catch((error: unknown) => options.onStatus({ state: 'error', message: error instanceof Error ? error.message : String(error) }));
  }

  return {
    async request() {
      if (hid === null) return;
      try {
        const [device] = await hid.requestDevice({ filters: TELEPHONY_DEVICE_FILTERS });
        if (device) await connect(device);
      } catch (error) {
        options.onStatus({ state: 'error', message: `The headset could not be opened: ${error instanceof Error ? error.message : String(error)}` });
      }
    },
    setLights(next) {
      if (next.ring === lights.ring && next.offHook === lights.offHook && next.mute === lights.mute && next.hold === lights.hold) return;
      lights = next;
      writeLights();
    },
    stop() {
      hid?.removeEventListener('disconnect', onDisconnect);
      current?.device.removeEventListener('inputreport', onReport);
      current = null;
    },
  };
}
