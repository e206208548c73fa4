import { describe, expect, it } from 'vitest';
import { forwardCoreEvents, sendEvent } from '../../../../main/ipc/forward-events';
import { createFakeCore } from './fake-core';

function fakeWebContents() {
  const sent: { channel: string; args: unknown[] }[] = [];
  let destroyed = false;
  return {
    sent,
    destroy: () => {
      destroyed = true;
    },
    send: (channel: string, ...args: unknown[]) => sent.push({ channel, args }),
    isDestroyed: () => destroyed,
  };
}

describe('forwardCoreEvents', () => {
  it('sends each core event on switchboard:event:<name> with the payload only, until unsubscribed', () => {
    const core = createFakeCore();
    const contents = fakeWebContents();
    const stop = forwardCoreEvents(core, contents);
    const presence = { username: 'ada', state: 'available', reasonCode: null, since: 1 };
    core.emit('presenceChanged', presence);
    expect(contents.sent).toEqual([{ channel: 'switchboard:event:presenceChanged', args: [presence] }]);
    stop();
    core.emit('presenceChanged', presence);
    expect(contents.sent).toHaveLength(1);
    expect(core.listenerCount()).toBe(0);
  });

  it('skips a destroyed window and unknown event names without throwing', () => {
    const contents = fakeWebContents();
    expect(sendEvent(contents, 'nonsense' as never, {})).toBe(false);
    contents.destroy();
    expect(sendEvent(contents, 'dialRequested', { number: '+1' })).toBe(false);
    expect(contents.sent).toEqual([]);
    const throwing = { send: () => { throw new Error('Object has been destroyed'); }, isDestroyed: () => false };
    expect(sendEvent(throwing, 'dialRequested', { number: '+1' })).toBe(false);
  });
});
