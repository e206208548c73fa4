import { describe, expect, it } from 'vitest';
import { CreateWorkItemRequestSchema } from '../../../../../common/api';
import { checkDialNumber, isOutboundCallRequest, outboundCallRequest } from '../../../../../renderer/src/features/dialer/dialNumber';

describe('checkDialNumber', () => {
  it('normalises a number to E.164, with or without a tel:/sip: scheme', () => {
    expect(checkDialNumber(' +44 20 7183 8750 ')).toEqual({ ok: true, e164: '+442071838750' });
    expect(checkDialNumber('tel:+14155550123')).toEqual({ ok: true, e164: '+14155550123' });
    expect(checkDialNumber('sip:+14155550123@pbx.example.com')).toEqual({ ok: true, e164: '+14155550123' });
  });

  it('asks for a number when there is none, in dialer words', () => {
    expect(checkDialNumber('   ')).toEqual({ ok: false, message: expect.stringMatching(/^Enter a number to call/) });
  });

  it('refuses what is not a phone number, saying how to write one', () => {
    const result = checkDialNumber('12');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/not a valid phone number.*country code/);
  });
});

describe('outboundCallRequest', () => {
  it('is an outbound voice call assigned to the agent (PULL), valid for the platform', () => {
    const request = outboundCallRequest('+14155550123', 'alice');
    expect(request).toEqual({
      type: 'call',
      channelType: 'voice',
      direction: 'OUTBOUND',
      subject: 'Call +14155550123',
      contact: { phone: '+14155550123' },
      assignee: { agentUsername: 'alice' },
    });
    expect(CreateWorkItemRequestSchema.safeParse(request).success).toBe(true);
    expect(isOutboundCallRequest(request)).toBe(true);
    expect(isOutboundCallRequest({ type: 'task', subject: 'x' })).toBe(false);
  });
});
