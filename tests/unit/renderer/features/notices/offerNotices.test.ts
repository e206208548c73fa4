import { describe, expect, it } from 'vitest';
import { rescindedNotice } from '../../../../../renderer/src/features/notices/offerNotices';

describe('a withdrawn offer', () => {
  it('has its own message for each reason, naming the item', () => {
    const messages = ['RONA', 'TIMEOUT', 'ACCEPTED_ELSEWHERE', 'CANCELLED'].map((reason) => rescindedNotice(reason, 'Order 12'));
    expect(messages).toEqual([
      'You declined “Order 12”; it goes back to its queue.',
      'You missed “Order 12”: the offer timed out and went back to its queue.',
      '“Order 12” was taken by another agent.',
      '“Order 12” was cancelled: the customer hung up or it was withdrawn.',
    ]);
    expect(new Set(messages).size).toBe(4);
  });
  it('still reads when the item or the reason is unknown', () => {
    expect(rescindedNotice('SOMETHING_NEW', null)).toBe('The offer was withdrawn.');
  });
});
