import { describe, expect, it } from 'vitest';
import {
  headsetAction,
  headsetReader,
  lightReports,
  lightsFor,
  readHeadsetEvents,
  readInputReport,
  telephonyLayout,
  type HeadsetCallSituation,
  type HeadsetEvent,
  type TelephonyLayout,
} from '../../../common/webhid-telephony';
import { EPOS, JABRA, POLY } from './fixtures/hid-headsets';

function layoutOf(collections: unknown): TelephonyLayout {
  const result = telephonyLayout(collections);
  if (!result.ok) throw new Error(result.message);
  return result.layout;
}

/** Feeds recorded reports through a reader; returns the events of each report. */
function replay(layout: TelephonyLayout, reports: [number, number[]][]): HeadsetEvent[][] {
  const reader = headsetReader(layout);
  return reports.map(([id, bytes]) => readHeadsetEvents(reader, id, Uint8Array.from(bytes)));
}

describe('telephonyLayout', () => {
  it('finds each vendor’s controls and lights wherever they sit', () => {
    const jabra = layoutOf(JABRA);
    expect(jabra.controls).toEqual([
      { control: 'hookSwitch', reportId: 2, absolute: true },
      { control: 'lineBusyTone', reportId: 2, absolute: true },
      { control: 'phoneMute', reportId: 2, absolute: false },
      { control: 'flash', reportId: 2, absolute: false },
      { control: 'redial', reportId: 2, absolute: false },
    ]);
    expect(jabra.lights.sort()).toEqual(['hold', 'mute', 'offHook', 'ring']);

    const poly = layoutOf(POLY);
    expect(poly.controls.map((c) => c.control).sort()).toEqual(['flash', 'hookSwitch', 'lineBusyTone', 'phoneMute', 'redial']);
    expect([...poly.outputs.keys()]).toEqual([0x17, 0x18, 0x19, 0x1a]);

    const epos = layoutOf(EPOS);
    expect(epos.controls).toEqual([
      { control: 'hookSwitch', reportId: 5, absolute: false },
      { control: 'phoneMute', reportId: 5, absolute: false },
      { control: 'flash', reportId: 5, absolute: false },
      { control: 'lineBusyTone', reportId: 5, absolute: false },
    ]);
    expect(epos.lights.sort()).toEqual(['hold', 'mute', 'offHook', 'ring']);
  });

  it('ignores non-telephony collections: a consumer-control Mute is not the phone mute', () => {
    const jabra = layoutOf(JABRA);
    expect(jabra.inputs.has(1)).toBe(false);
    expect(readInputReport(jabra, 1, Uint8Array.from([0x04]))).toEqual({});
  });

  it('says why a device cannot be used', () => {
    const notHeadset = telephonyLayout([{ usagePage: 0x01, usage: 0x06, inputReports: [] }]);
    expect(notHeadset).toEqual({ ok: false, message: expect.stringMatching(/no Telephony/) });
    const bare = telephonyLayout([{ usagePage: 0x0b, usage: 0x05, inputReports: [] }]);
    expect(bare).toEqual({ ok: false, message: expect.stringMatching(/no hook switch/) });
    const garbage = telephonyLayout([{ usagePage: 'eleven', inputReports: [{ reportId: 999 }] }]);
    expect(garbage.ok).toBe(false);
    expect(telephonyLayout(null).ok).toBe(false);
  });
});

describe('reading recorded input reports', () => {
  it('Jabra: absolute hook, relative mute and flash, line busy to reject', () => {
    const jabra = layoutOf(JABRA);
    expect(readInputReport(jabra, 2, Uint8Array.from([0b0010_0101]))).toEqual({
      hookSwitch: true, lineBusyTone: false, phoneMute: true, flash: false, redial: false,
    });
    const events = replay(jabra, [
      [2, [0x01]], // lift: off-hook
      [2, [0x05]], // mute pressed…
      [2, [0x01]], // …released
      [2, [0x09]], // flash pressed…
      [2, [0x01]], // …released
      [2, [0x21]], // speed dial (not ours): nothing
      [2, [0x00]], // hang up: on-hook
      [2, [0x02]], // line busy (reject)
    ]);
    expect(events).toEqual([
      [{ control: 'hookSwitch', kind: 'on' }],
      [{ control: 'phoneMute', kind: 'press' }],
      [],
      [{ control: 'flash', kind: 'press' }],
      [],
      [],
      [{ control: 'hookSwitch', kind: 'off' }],
      [{ control: 'lineBusyTone', kind: 'on' }],
    ]);
  });

  it('Poly: vendor byte first, absolute mute, buttons and keypad as arrays', () => {
    const poly = layoutOf(POLY);
    const events = replay(poly, [
      [3, [0xff, 0x01, 0x00]], // off-hook (the vendor byte is noise)
      [3, [0x00, 0x03, 0x00]], // muted
      [3, [0x00, 0x03, 0x31]], // flash (index 1) while keypad "2" (index 3) is held
      [3, [0x00, 0x03, 0x00]],
      [3, [0x00, 0x01, 0x03]], // unmuted, and line busy pressed
      [3, [0x00, 0x00, 0x00]],
    ]);
    expect(events).toEqual([
      [{ control: 'hookSwitch', kind: 'on' }],
      [{ control: 'phoneMute', kind: 'on' }],
      [{ control: 'flash', kind: 'on' }],
      [{ control: 'flash', kind: 'off' }],
      [{ control: 'phoneMute', kind: 'off' }, { control: 'lineBusyTone', kind: 'on' }],
      [{ control: 'hookSwitch', kind: 'off' }, { control: 'lineBusyTone', kind: 'off' }],
    ]);
  });

  it('EPOS: one report split across nested collections, a toggling hook button', () => {
    const epos = layoutOf(EPOS);
    const events = replay(epos, [
      [5, [0x01, 0x00]], // hook pressed
      [5, [0x00, 0x00]],
      [5, [0x00, 0x01]], // mute pressed
      [5, [0x00, 0x02]], // mute released, flash pressed
      [5, [0x00, 0x04]], // line busy pressed
    ]);
    expect(events).toEqual([
      [{ control: 'hookSwitch', kind: 'press' }],
      [],
      [{ control: 'phoneMute', kind: 'press' }],
      [{ control: 'flash', kind: 'press' }],
      [{ control: 'lineBusyTone', kind: 'press' }],
    ]);
  });

  it('reads a short or unknown report without throwing', () => {
    const jabra = layoutOf(JABRA);
    expect(readInputReport(jabra, 2, new Uint8Array(0))).toMatchObject({ hookSwitch: false });
    expect(readInputReport(jabra, 77, Uint8Array.from([1, 2, 3]))).toEqual({});
  });
});

describe('headsetAction', () => {
  const act = (control: HeadsetEvent['control'], kind: HeadsetEvent['kind'], situation: HeadsetCallSituation) => headsetAction({ control, kind }, situation);

  it('answers on lifting the hook while ringing and hangs up on replacing it in a call', () => {
    expect(act('hookSwitch', 'on', 'ringing')).toBe('answer');
    expect(act('hookSwitch', 'off', 'in-call')).toBe('hang-up');
    expect(act('hookSwitch', 'press', 'ringing')).toBe('answer');
    expect(act('hookSwitch', 'press', 'in-call')).toBe('hang-up');
  });
  it('treats the off-hook echo of our own light as no command', () => {
    expect(act('hookSwitch', 'on', 'in-call')).toBeNull();
    expect(act('hookSwitch', 'off', 'idle')).toBeNull();
  });
  it('holds with flash, mutes with mute, declines with line busy', () => {
    expect(act('flash', 'press', 'in-call')).toBe('toggle-hold');
    expect(act('flash', 'off', 'in-call')).toBeNull();
    expect(act('phoneMute', 'press', 'in-call')).toBe('toggle-mute');
    expect(act('phoneMute', 'on', 'in-call')).toBe('mute');
    expect(act('phoneMute', 'off', 'in-call')).toBe('unmute');
    expect(act('phoneMute', 'press', 'idle')).toBeNull();
    expect(act('lineBusyTone', 'on', 'ringing')).toBe('decline');
    expect(act('redial', 'press', 'in-call')).toBeNull();
  });
});

describe('lightReports', () => {
  const hex = (reports: { reportId: number; data: Uint8Array }[]) => reports.map((r) => [r.reportId, [...r.data]]);

  it('Jabra: one report with the LED bits and the telephony Ringer', () => {
    const jabra = layoutOf(JABRA);
    expect(hex(lightReports(jabra, lightsFor('ringing', false, false)))).toEqual([[2, [0b0000_0100, 0x01]]]);
    expect(hex(lightReports(jabra, lightsFor('in-call', true, false)))).toEqual([[2, [0b0000_0011, 0x00]]]);
    expect(hex(lightReports(jabra, lightsFor('in-call', false, true)))).toEqual([[2, [0b0000_1001, 0x00]]]);
    expect(hex(lightReports(jabra, lightsFor('idle', true, true)))).toEqual([[2, [0, 0]]]);
  });
  it('Poly: one report per light', () => {
    const poly = layoutOf(POLY);
    expect(hex(lightReports(poly, lightsFor('in-call', true, false)))).toEqual([[0x17, [1]], [0x18, [0]], [0x19, [1]], [0x1a, [0]]]);
  });
  it('EPOS: a usage range and 2-bit light fields', () => {
    const epos = layoutOf(EPOS);
    expect(hex(lightReports(epos, lightsFor('ringing', false, false)))).toEqual([[5, [0b0000_0010]]]);
    expect(hex(lightReports(epos, lightsFor('in-call', true, true)))).toEqual([[5, [0b0001_0101]]]);
  });
});
