/**
 * Phone numbers are stored and dialled as E.164. Numbers typed without a country code are read in the
 * deployment's default region (US unless configured), as a person would expect from a local dialler.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export const DEFAULT_PHONE_REGION: CountryCode = 'US';

export type PhoneResult = { ok: true; e164: string } | { ok: false; message: string };

export function normalizePhone(input: string, region: CountryCode = DEFAULT_PHONE_REGION): PhoneResult {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, message: 'Customer phone is required' };
  // A SIP or tel: URI pasted from elsewhere carries the number after the scheme.
  const bare = trimmed.replace(/^(tel:|sip:)/i, '').replace(/@.*$/, '');
  const parsed = parsePhoneNumberFromString(bare, region);
  if (!parsed || !parsed.isValid()) {
    return { ok: false, message: `"${trimmed}" is not a valid phone number; include the country code, e.g. +14155550123` };
  }
  return { ok: true, e164: parsed.number };
}
