import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../../../common/phone';

describe('normalizePhone', () => {
  it('turns what people type into E.164', () => {
    expect(normalizePhone('+1 (415) 555-0123')).toEqual({ ok: true, e164: '+14155550123' });
    expect(normalizePhone('415.555.0123')).toEqual({ ok: true, e164: '+14155550123' });
    expect(normalizePhone('+44 20 7946 0958')).toEqual({ ok: true, e164: '+442079460958' });
  });
  it('reads numbers without a country code in the given region', () => {
    expect(normalizePhone('020 7946 0958', 'GB')).toEqual({ ok: true, e164: '+442079460958' });
  });
  it('accepts tel: and sip: links as pasted from a CRM', () => {
    expect(normalizePhone('tel:+14155550123')).toEqual({ ok: true, e164: '+14155550123' });
    expect(normalizePhone('sip:+14155550123@pbx.example.com')).toEqual({ ok: true, e164: '+14155550123' });
  });
  it('says what is wrong with an empty or impossible number', () => {
    expect(normalizePhone('   ')).toEqual({ ok: false, message: 'Customer phone is required' });
    const bad = normalizePhone('12');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/"12" is not a valid phone number/);
    expect(normalizePhone('not a phone').ok).toBe(false);
  });
});
