import { describe, expect, it } from 'vitest';
import { offerTitle, ringingOrder } from '../../../../../renderer/src/features/offers/offerOrder';

describe('ringing offers', () => {
  it('show calls first, then the rest by deadline', () => {
    const chat = { id: 'chat', expiresAt: 1, item: { channelType: 'chat' as const } };
    const email = { id: 'email', expiresAt: 2, item: { channelType: 'email' as const } };
    const call = { id: 'call', expiresAt: 9, item: { channelType: 'voice' as const } };
    expect(ringingOrder([email, chat, call]).map((o) => o.id)).toEqual(['call', 'chat', 'email']);
  });
  it('are titled by kind', () => {
    expect(offerTitle({ type: 'call', channelType: 'voice', direction: 'INBOUND' })).toBe('Incoming call');
    expect(offerTitle({ type: 'callback', channelType: 'voice', direction: 'OUTBOUND' })).toBe('Campaign call to make');
    expect(offerTitle({ type: 'email', channelType: 'email', direction: 'INBOUND' })).toBe('New email');
    expect(offerTitle({ type: 'task', channelType: 'chat', direction: 'INBOUND' })).toBe('New task');
  });
});
