/**
 * Headset buttons and lights over HID, for any vendor's report layout.
 *
 * Headsets expose a Telephony (usage page 0x0B) application collection: buttons such as Hook Switch, Phone
 * Mute and Flash arrive in input reports, lights (LED page 0x08: Off-Hook, Ring, Mute, Hold) are set with
 * output reports. Where each of them sits — which report id, which bit, how wide — differs between vendors
 * and models, so nothing here assumes a layout: the positions are computed from the collections WebHID
 * gives (`HIDDevice.collections`, which Chromium derives from the device's report descriptor).
 *
 * Pure: the renderer hands in collections and report bytes, and gets back events and bytes to send.
 */
import { z } from 'zod';

export const TELEPHONY_PAGE = 0x0b;
export const LED_PAGE = 0x08;

/** WebHID gives usages as 32-bit "extended" values: the page in the upper 16 bits. */
export function extendedUsage(page: number, id: number): number {
  return ((page & 0xffff) << 16) | (id & 0xffff);
}

/** The telephony buttons a contact-center agent uses (HID Usage Tables, Telephony Device page). */
export const TELEPHONY_CONTROLS = {
  hookSwitch: 0x20,
  flash: 0x21,
  redial: 0x24,
  phoneMute: 0x2f,
  lineBusyTone: 0x97,
} as const;
export type TelephonyControl = keyof typeof TELEPHONY_CONTROLS;

/** The lights we drive. Ring is also driven through the Telephony page's Ringer usage where a device has it. */
export const HEADSET_LIGHTS = {
  mute: [extendedUsage(LED_PAGE, 0x09)],
  offHook: [extendedUsage(LED_PAGE, 0x17)],
  ring: [extendedUsage(LED_PAGE, 0x18), extendedUsage(TELEPHONY_PAGE, 0x9e)],
  hold: [extendedUsage(LED_PAGE, 0x20)],
} as const;
export type HeadsetLight = keyof typeof HEADSET_LIGHTS;
export type HeadsetLights = Record<HeadsetLight, boolean>;

/** The filter for `navigator.hid.requestDevice` and Electron's HID permission check: telephony only. */
export const TELEPHONY_DEVICE_FILTERS = [{ usagePage: TELEPHONY_PAGE }] as const;

// --- The shape of WebHID's collection info (only the fields read here), validated at the boundary. ---

const ReportItemSchema = z.object({
  usages: z.array(z.number().int()).optional(),
  usageMinimum: z.number().int().optional(),
  usageMaximum: z.number().int().optional(),
  isRange: z.boolean().optional(),
  isArray: z.boolean().optional(),
  isAbsolute: z.boolean().optional(),
  isConstant: z.boolean().optional(),
  logicalMinimum: z.number().int().optional(),
  logicalMaximum: z.number().int().optional(),
  reportSize: z.number().int().min(0).max(32),
  reportCount: z.number().int().min(0).max(4096),
});
const ReportInfoSchema = z.object({ reportId: z.number().int().min(0).max(255), items: z.array(ReportItemSchema).optional() });

export type HidReportItem = z.infer<typeof ReportItemSchema>;
export type HidReportInfo = z.infer<typeof ReportInfoSchema>;
export type HidCollection = {
  usagePage?: number;
  usage?: number;
  children?: HidCollection[];
  inputReports?: HidReportInfo[];
  outputReports?: HidReportInfo[];
};
const CollectionSchema: z.ZodType<HidCollection> = z.lazy(() =>
  z.object({
    usagePage: z.number().int().optional(),
    usage: z.number().int().optional(),
    children: z.array(CollectionSchema).optional(),
    inputReports: z.array(ReportInfoSchema).optional(),
    outputReports: z.array(ReportInfoSchema).optional(),
  }),
);

// --- The layout: where each control and light sits. ---

/** One field of a report: `count` slots of `size` bits from `bitOffset`, each a usage (variable) or an index (array). */
type Field = {
  bitOffset: number;
  size: number;
  count: number;
  isArray: boolean;
  isAbsolute: boolean;
  logicalMinimum: number;
  /** The usages of the item: one per slot for a variable item, the choices an index selects for an array. */
  usages: number[];
};

/** The usage of a variable item's slot: when there are fewer usages than slots, the last one repeats (HID 1.11 §6.2.2.8). */
function slotUsage(field: Field, slot: number): number | undefined {
  return field.usages[Math.min(slot, field.usages.length - 1)];
}

export type InputControl = { control: TelephonyControl; reportId: number; absolute: boolean };

export type TelephonyLayout = {
  /** Per input report id, the telephony fields in it. */
  inputs: Map<number, { field: Field; controls: Map<number, TelephonyControl> }[]>;
  /** Per output report id: its length in bytes and the light fields in it. */
  outputs: Map<number, { byteLength: number; lights: { light: HeadsetLight; bitOffset: number; size: number }[] }>;
  /** What this device has, for the settings screen and for tests. */
  controls: InputControl[];
  lights: HeadsetLight[];
};

export type LayoutResult = { ok: true; layout: TelephonyLayout } | { ok: false; message: string };

/** The usages an item names, in order: a range expanded, or its list. */
function usageList(item: HidReportItem): number[] {
  if (item.isRange === true && item.usageMinimum !== undefined && item.usageMaximum !== undefined) {
    const list: number[] = [];
    // A range wider than any telephony page is a broken descriptor; do not expand it without bound.
    for (let u = item.usageMinimum; u <= item.usageMaximum && list.length < 1024; u++) list.push(u);
    return list;
  }
  return item.usages ?? [];
}

/**
 * Items of each report id across a collection and its children, in descriptor order (parent first). A
 * report's bit positions are cumulative over all its items, constant padding included.
 */
function reportItems(collection: HidCollection, key: 'inputReports' | 'outputReports', into: Map<number, HidReportItem[]>): void {
  for (const report of collection[key] ?? []) {
    const list = into.get(report.reportId) ?? [];
    list.push(...(report.items ?? []));
    into.set(report.reportId, list);
  }
  for (const child of collection.children ?? []) reportItems(child, key, into);
}

function fieldsOf(items: HidReportItem[]): { fields: Field[]; totalBits: number } {
  const fields: Field[] = [];
  let bitOffset = 0;
  for (const item of items) {
    if (item.isConstant !== true) {
      fields.push({
        bitOffset,
        size: item.reportSize,
        count: item.reportCount,
        isArray: item.isArray === true,
        isAbsolute: item.isAbsolute !== false,
        logicalMinimum: item.logicalMinimum ?? 0,
        usages: usageList(item),
      });
    }
    bitOffset += item.reportSize * item.reportCount;
  }
  return { fields, totalBits: bitOffset };
}

const CONTROL_BY_USAGE = new Map<number, TelephonyControl>(
  Object.entries(TELEPHONY_CONTROLS).map(([name, id]) => [extendedUsage(TELEPHONY_PAGE, id), name as TelephonyControl]),
);
const LIGHT_BY_USAGE = new Map<number, HeadsetLight>(
  Object.entries(HEADSET_LIGHTS).flatMap(([name, usages]) => usages.map((u) => [u, name as HeadsetLight] as const)),
);

/**
 * Reads where this device keeps its telephony buttons and lights. Only Telephony top-level collections are
 * read: a headset's consumer-control collection (volume keys) is the operating system's business.
 */
export function telephonyLayout(collections: unknown): LayoutResult {
  const parsed = z.array(CollectionSchema).safeParse(collections);
  if (!parsed.success) return { ok: false, message: `The device's HID collections are not in WebHID's shape: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
  const telephony = parsed.data.filter((c) => c.usagePage === TELEPHONY_PAGE);
  if (telephony.length === 0) return { ok: false, message: 'The device has no Telephony (usage page 0x0B) collection; it is not a headset with call buttons.' };

  const layout: TelephonyLayout = { inputs: new Map(), outputs: new Map(), controls: [], lights: [] };
  const inputItems = new Map<number, HidReportItem[]>();
  const outputItems = new Map<number, HidReportItem[]>();
  for (const collection of telephony) {
    reportItems(collection, 'inputReports', inputItems);
    reportItems(collection, 'outputReports', outputItems);
  }

  for (const [reportId, items] of inputItems) {
    const entries: { field: Field; controls: Map<number, TelephonyControl> }[] = [];
    for (const field of fieldsOf(items).fields) {
      const controls = new Map<number, TelephonyControl>();
      for (const usage of field.usages) {
        const control = CONTROL_BY_USAGE.get(usage);
        if (control === undefined) continue;
        controls.set(usage, control);
        if (!layout.controls.some((c) => c.control === control)) layout.controls.push({ control, reportId, absolute: field.isAbsolute });
      }
      if (controls.size > 0) entries.push({ field, controls });
    }
    if (entries.length > 0) layout.inputs.set(reportId, entries);
  }

  for (const [reportId, items] of outputItems) {
    const { fields, totalBits } = fieldsOf(items);
    const lights: { light: HeadsetLight; bitOffset: number; size: number }[] = [];
    for (const field of fields) {
      if (field.isArray) continue; // lights are on/off variables; an array of LEDs is not something headsets use
      for (let i = 0; i < field.count; i++) {
        const usage = slotUsage(field, i);
        const light = usage === undefined ? undefined : LIGHT_BY_USAGE.get(usage);
        if (light === undefined) continue;
        lights.push({ light, bitOffset: field.bitOffset + i * field.size, size: field.size });
        if (!layout.lights.includes(light)) layout.lights.push(light);
      }
    }
    if (lights.length > 0) layout.outputs.set(reportId, { byteLength: Math.ceil(totalBits / 8), lights });
  }

  if (layout.controls.length === 0 && layout.lights.length === 0) {
    return { ok: false, message: 'The device has a Telephony collection but no hook switch, mute, flash or call lights in it.' };
  }
  return { ok: true, layout };
}

// --- Reading input reports. ---

function readBits(data: Uint8Array, bitOffset: number, size: number): number {
  let value = 0;
  // HID fields are little-endian bit strings: bit 0 of the field is the lowest bit of its first byte.
  for (let bit = 0; bit < size; bit++) {
    const position = bitOffset + bit;
    const byte = data[position >> 3];
    if (byte === undefined) return value; // a short report: the missing bits read as 0
    if ((byte >> (position & 7)) & 1) value += 2 ** bit;
  }
  return value;
}

function writeBits(data: Uint8Array, bitOffset: number, size: number, value: number): void {
  for (let bit = 0; bit < size; bit++) {
    const position = bitOffset + bit;
    const index = position >> 3;
    if (index >= data.length) return;
    const mask = 1 << (position & 7);
    data[index] = Math.floor(value / 2 ** bit) % 2 === 1 ? data[index] | mask : data[index] & ~mask;
  }
}

/** The state of each telephony control found in one input report (controls not in the report are absent). */
export function readInputReport(layout: TelephonyLayout, reportId: number, data: Uint8Array): Partial<Record<TelephonyControl, boolean>> {
  const state: Partial<Record<TelephonyControl, boolean>> = {};
  for (const { field, controls } of layout.inputs.get(reportId) ?? []) {
    if (field.isArray) {
      // Each slot holds an index into the usage list; a control is "on" when any slot selects it.
      for (const control of controls.values()) state[control] = state[control] ?? false;
      for (let i = 0; i < field.count; i++) {
        const index = readBits(data, field.bitOffset + i * field.size, field.size) - field.logicalMinimum;
        const usage = index >= 0 ? field.usages[index] : undefined;
        const control = usage === undefined ? undefined : controls.get(usage);
        if (control !== undefined) state[control] = true;
      }
    } else {
      for (let i = 0; i < field.count; i++) {
        const usage = slotUsage(field, i);
        const control = usage === undefined ? undefined : controls.get(usage);
        if (control !== undefined) state[control] = readBits(data, field.bitOffset + i * field.size, field.size) !== 0;
      }
    }
  }
  return state;
}

/**
 * What the agent did, from the change between two reports. An absolute control (the hook switch of most
 * headsets) reports a position, so both edges mean something; a relative one (most mute buttons) reports
 * a press, so only the rising edge does.
 */
export type HeadsetEvent = { control: TelephonyControl; kind: 'on' | 'off' | 'press' };

export type HeadsetReader = {
  layout: TelephonyLayout;
  /** Last known state of each control; updated by `read`. */
  state: Partial<Record<TelephonyControl, boolean>>;
};

export function headsetReader(layout: TelephonyLayout): HeadsetReader {
  return { layout, state: {} };
}

export function readHeadsetEvents(reader: HeadsetReader, reportId: number, data: Uint8Array): HeadsetEvent[] {
  const now = readInputReport(reader.layout, reportId, data);
  const events: HeadsetEvent[] = [];
  for (const [control, value] of Object.entries(now) as [TelephonyControl, boolean][]) {
    const before = reader.state[control] ?? false;
    reader.state[control] = value;
    if (before === value) continue;
    const absolute = reader.layout.controls.find((c) => c.control === control)?.absolute ?? true;
    if (absolute) events.push({ control, kind: value ? 'on' : 'off' });
    else if (value) events.push({ control, kind: 'press' });
  }
  return events;
}

// --- What a button means for the call. ---

/** The call situation a headset button acts on, reduced to what matters for it. */
export type HeadsetCallSituation = 'idle' | 'ringing' | 'in-call';
export type HeadsetAction = 'answer' | 'decline' | 'hang-up' | 'toggle-hold' | 'toggle-mute' | 'mute' | 'unmute';

/**
 * Lifting the hook (or pressing a toggling hook button) answers a ringing call and hangs up a live one;
 * Flash holds or resumes; Mute mutes. Line Busy is what Jabra headsets send for "reject" while ringing.
 * An off-hook report while already in a call is the headset echoing the Off-Hook light, not a command.
 */
export function headsetAction(event: HeadsetEvent, situation: HeadsetCallSituation): HeadsetAction | null {
  switch (event.control) {
    case 'hookSwitch':
      if (situation === 'ringing' && (event.kind === 'on' || event.kind === 'press')) return 'answer';
      if (situation === 'in-call' && (event.kind === 'off' || event.kind === 'press')) return 'hang-up';
      return null;
    case 'flash':
      return situation === 'in-call' && event.kind !== 'off' ? 'toggle-hold' : null;
    case 'phoneMute':
      if (situation !== 'in-call') return null;
      if (event.kind === 'press') return 'toggle-mute';
      return event.kind === 'on' ? 'mute' : 'unmute';
    case 'lineBusyTone':
      return situation === 'ringing' && event.kind !== 'off' ? 'decline' : null;
    case 'redial':
      return null;
  }
}

// --- Writing the lights. ---

export type OutputReport = { reportId: number; data: Uint8Array };

/**
 * The output reports that set the lights to `lights`, one per report id that has any of them. Fields we
 * do not drive are written as 0 (a device only reads what it declared; 0 is "off" for a light).
 */
export function lightReports(layout: TelephonyLayout, lights: HeadsetLights): OutputReport[] {
  const reports: OutputReport[] = [];
  for (const [reportId, output] of layout.outputs) {
    const data = new Uint8Array(output.byteLength);
    for (const field of output.lights) writeBits(data, field.bitOffset, field.size, lights[field.light] ? 1 : 0);
    reports.push({ reportId, data });
  }
  return reports;
}

/** The lights for a call situation: ring while ringing, off-hook in a call, mute and hold as they are. */
export function lightsFor(situation: HeadsetCallSituation, muted: boolean, held: boolean): HeadsetLights {
  return {
    ring: situation === 'ringing',
    offHook: situation === 'in-call',
    mute: situation === 'in-call' && muted,
    hold: situation === 'in-call' && held,
  };
}
