import { describe, expect, it } from 'vitest';
import { checkEventPayload, checkOperationResult } from '../../../common/desktop-api-checks';

describe('checkOperationResult', () => {
  it('passes a result that matches the response schema, with no violation', () => {
    const queues = [{ queueId: 'support', name: 'Support', waiting: 1, active: 0, agentsAvailable: 2, averageWaitSeconds: 3, longestWaitSeconds: 4 }];
    expect(checkOperationResult('listQueues', { ok: true, value: queues })).toEqual({ result: { ok: true, value: queues }, violation: null });
  });

  it('names the operation and the first mismatching field', () => {
    const checked = checkOperationResult('listQueues', { ok: true, value: [{ queueId: 7 }] });
    expect(checked.violation).toMatch(/^The answer to listQueues does not match the contract \(0\.queueId: /);
    expect(checked.result).toMatchObject({ ok: false, error: { code: 'INTERNAL', fields: expect.arrayContaining([expect.objectContaining({ path: '0.queueId' })]) } });
  });

  it('refuses what is not a result, and an error result without a message', () => {
    expect(checkOperationResult('getSession', null).violation).toMatch(/not a result/);
    expect(checkOperationResult('getSession', { ok: false, error: { code: 'X' } }).violation).toMatch(/not a result/);
    expect(checkOperationResult('getSession', { ok: false, error: { code: 'OFFLINE', message: 'down' } })).toEqual({
      result: { ok: false, error: { code: 'OFFLINE', message: 'down' } },
      violation: null,
    });
  });
});

describe('checkEventPayload', () => {
  it('accepts a payload of the event’s schema and refuses another', () => {
    expect(checkEventPayload('dialRequested', { number: '+14155550100' })).toEqual({ ok: true, payload: { number: '+14155550100' } });
    expect(checkEventPayload('dialRequested', { number: 5 })).toMatchObject({ ok: false, message: expect.stringContaining('dialRequested') });
  });
});
