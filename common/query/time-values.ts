/**
 * Timestamp values in queries: Unix ms (`1700000000000`), `now` with date math (`now-1d`, `now+2h30m`)
 * and ISO 8601 dates (`2026-11-21`, `2026-11-21T09:30:00Z`, `2026-11-21T09:30:00.000+01:00`). A date or
 * time without a zone is UTC, so a query means the same on every machine.
 */
import type { TimeValue } from './ast';

const UNIT_MS: Readonly<Record<string, number>> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};
export const DAY_MS = UNIT_MS.d;

const NOW_MATH = /^now((?:[+-]\d{1,9}[smhdw])*)$/i;
const NOW_STEP = /([+-])(\d{1,9})([smhdw])/gi;
const MILLIS = /^\d{1,15}$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

export type ParsedTime =
  | { readonly kind: 'instant'; readonly value: TimeValue }
  /** `2026-11-21`: a whole UTC day, so `dueAt:2026-11-21` can mean "due that day" */
  | { readonly kind: 'day'; readonly start: number };

/** The time a value denotes, or undefined when it is not a time this language knows. */
export function parseTimeValue(text: string): ParsedTime | undefined {
  const nowMath = NOW_MATH.exec(text);
  if (nowMath) {
    let offsetMs = 0;
    for (const [, sign, amount, unit] of nowMath[1].matchAll(NOW_STEP)) {
      offsetMs += (sign === '-' ? -1 : 1) * Number(amount) * UNIT_MS[unit.toLowerCase()];
    }
    return { kind: 'instant', value: { type: 'now', offsetMs } };
  }
  if (MILLIS.test(text)) return { kind: 'instant', value: Number(text) };

  const dateOnly = DATE_ONLY.exec(text);
  if (dateOnly) {
    const start = utcMillis(+dateOnly[1], +dateOnly[2], +dateOnly[3], 0, 0, 0, 0);
    return start === undefined ? undefined : { kind: 'day', start };
  }
  const dateTime = DATE_TIME.exec(text);
  if (dateTime) {
    const [, y, mo, d, h, mi, s, frac, , sign, offH, offM] = dateTime;
    const millis = frac ? Number(frac.padEnd(3, '0')) : 0;
    const local = utcMillis(+y, +mo, +d, +h, +mi, s ? +s : 0, millis);
    if (local === undefined) return undefined;
    if (!sign) return { kind: 'instant', value: local };
    if (+offH > 23 || +offM > 59) return undefined;
    const offset = (sign === '-' ? -1 : 1) * (+offH * 60 + +offM) * 60_000;
    return { kind: 'instant', value: local - offset };
  }
  return undefined;
}

/** Date.UTC, but refusing dates that do not exist (2026-02-30, 25:00) instead of rolling them over. */
function utcMillis(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number | undefined {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999
  const check = new Date(0);
  check.setUTCFullYear(y, mo - 1, d);
  check.setUTCHours(h, mi, s, ms);
  const value = check.getTime();
  if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) return undefined;
  return value;
}
