import { describe, expect, it, vi } from 'vitest';
import { createOfferNotifier, offerNotificationContent } from '../../../../main/electron/offer-notifier';
import { workItem } from '../../renderer/fixtures';
import { createFakeCore } from '../ipc/fake-core';

function setup(attentive: boolean) {
  const core = createFakeCore();
  const notifications: { content: unknown; shown: number; closed: number; click?: () => void }[] = [];
  const state = { attentive };
  const showWindow = vi.fn();
  const stop = createOfferNotifier({
    core,
    isWindowAttentive: () => state.attentive,
    showWindow,
    createNotification: (content) => {
      const record: (typeof notifications)[number] = { content, shown: 0, closed: 0 };
      notifications.push(record);
      return {
        show: () => void (record.shown += 1),
        close: () => void (record.closed += 1),
        on: (_event, listener) => void (record.click = listener),
      };
    },
  });
  return { core, notifications, state, showWindow, stop };
}

const offer = () => workItem({ type: 'call', state: 'offered', subject: 'Billing question', contact: { name: 'Grace Hopper', phone: '+15550100', email: null } });

describe('offer notifications', () => {
  it('notifies when the window is unfocused or minimised', () => {
    const { core, notifications } = setup(false);
    core.emit('offerReceived', { item: offer(), expiresAt: 1 });
    expect(notifications).toHaveLength(1);
    expect(notifications[0].shown).toBe(1);
    expect(notifications[0].content).toMatchObject({ title: 'Incoming call', body: 'Grace Hopper — Billing question', urgency: 'critical' });
  });

  it('stays quiet while the agent is looking at the window', () => {
    const { core, notifications } = setup(true);
    core.emit('offerReceived', { item: offer(), expiresAt: 1 });
    expect(notifications).toEqual([]);
  });

  it('brings the window forward on click, and withdraws the notification when the offer goes', () => {
    const { core, notifications, showWindow } = setup(false);
    const first = offer();
    const second = offer();
    core.emit('offerReceived', { item: first, expiresAt: 1 });
    core.emit('offerReceived', { item: second, expiresAt: 1 });
    notifications[0].click!();
    expect(showWindow).toHaveBeenCalledTimes(1);
    expect(notifications[0].closed).toBe(1);

    core.emit('offerRescinded', { workitemId: second.workitemId, reason: 'RONA' });
    expect(notifications[1].closed).toBe(1);
  });

  it('withdraws it when the offer is accepted in the app', () => {
    const { core, notifications } = setup(false);
    const item = offer();
    core.emit('offerReceived', { item, expiresAt: 1 });
    core.emit('itemsChanged', { items: [{ ...item, state: 'active' }], removed: [] });
    expect(notifications[0].closed).toBe(1);
  });

  it('names the kind and falls back to a hint when the item has no contact or subject', () => {
    const content = offerNotificationContent(workItem({ type: 'approval', subject: null }));
    expect(content).toMatchObject({ title: 'Approval offered', body: 'Open Switchboard to accept or decline.' });
  });

  it('unsubscribes', () => {
    const { core, stop } = setup(false);
    stop();
    expect(core.listenerCount()).toBe(0);
  });
});
