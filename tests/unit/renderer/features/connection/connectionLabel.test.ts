import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../../../common/desktop-api';
import { connectionBanner, pendingLabel } from '../../../../../renderer/src/features/connection/connectionLabel';

const now = new Date(2026, 10, 21, 14, 30).getTime();
const state = (overrides: Partial<ConnectionState>): ConnectionState => ({
  state: 'online',
  since: now,
  retryAt: null,
  lastSeq: 1,
  pendingActions: 0,
  platformUrl: 'http://127.0.0.1:8600',
  ...overrides,
});

describe('connectionBanner', () => {
  it('says Online, in the ok tone', () => {
    expect(connectionBanner(state({}), now)).toEqual({ tone: 'ok', text: 'Online', pending: null });
  });
  it('says when the next reconnect attempt is', () => {
    expect(connectionBanner(state({ state: 'reconnecting', retryAt: now + 4_200 }), now)).toMatchObject({ tone: 'warning', text: 'Reconnecting (next try in 5 s)' });
  });
  it('says since when it is offline, with the date when not today', () => {
    expect(connectionBanner(state({ state: 'offline', since: new Date(2026, 10, 21, 9, 5).getTime() }), now).text).toBe('Offline since 09:05');
    expect(connectionBanner(state({ state: 'offline', since: new Date(2026, 10, 20, 23, 50).getTime() }), now).text).toBe('Offline since 20 Nov 23:50');
    expect(connectionBanner(state({ state: 'offline' }), now).tone).toBe('error');
  });
  it('counts actions waiting in the outbox', () => {
    expect(connectionBanner(state({ state: 'offline', pendingActions: 3 }), now).pending).toBe('3 actions waiting to send');
    expect(pendingLabel(1)).toBe('1 action waiting to send');
    expect(pendingLabel(0)).toBeNull();
  });
  it('says Connecting before the core has reported', () => {
    expect(connectionBanner(null, now).text).toBe('Connecting…');
  });
});
