/**
 * An OS notification when an offer arrives and the agent might not see the window (unfocused,
 * minimised or hidden in the tray). In front of the agent the in-app toast is enough. Clicking the
 * notification brings the window forward; a rescinded offer takes its notification away.
 */
import type { WorkItem } from '../../common/workitem';
import type { DesktopCorePort } from '../ipc/core-port';

export interface NotificationPort {
  show(): void;
  close(): void;
  on(event: 'click', listener: () => void): unknown;
}

export interface NotificationContent {
  title: string;
  body: string;
  /** offers are critical and stay until acted on; the update notice is normal */
  urgency: 'critical' | 'normal';
  timeoutType: 'never' | 'default';
  silent: boolean;
}

export interface OfferNotifierOptions {
  core: DesktopCorePort;
  createNotification(content: NotificationContent): NotificationPort;
  /** true when the window is visible, not minimised and focused */
  isWindowAttentive(): boolean;
  showWindow(): void;
}

const KIND_TITLES: Record<string, string> = {
  call: 'Incoming call',
  chat: 'New chat',
  email: 'New email',
  task: 'New task',
  callback: 'Callback offered',
  review: 'Review offered',
  approval: 'Approval offered',
};

export function offerNotificationContent(item: WorkItem): NotificationContent {
  const who = item.contact?.name ?? item.contact?.phone ?? item.contact?.email ?? null;
  const body = [who, item.subject].filter((part): part is string => Boolean(part)).join(' — ') || 'Open Switchboard to accept or decline.';
  // The app rings itself through the chosen ringer device; the OS sound would double it.
  return { title: KIND_TITLES[item.type] ?? 'New work item', body, urgency: 'critical', timeoutType: 'never', silent: true };
}

export function createOfferNotifier(options: OfferNotifierOptions): () => void {
  const shown = new Map<string, NotificationPort>();

  function dismiss(workitemId: string): void {
    shown.get(workitemId)?.close();
    shown.delete(workitemId);
  }

  return options.core.subscribe((event, payload) => {
    if (event === 'offerReceived') {
      const { item } = payload as { item: WorkItem };
      if (options.isWindowAttentive()) return;
      dismiss(item.workitemId);
      const notification = options.createNotification(offerNotificationContent(item));
      notification.on('click', () => {
        options.showWindow();
        dismiss(item.workitemId);
      });
      notification.show();
      shown.set(item.workitemId, notification);
    } else if (event === 'offerRescinded') {
      dismiss((payload as { workitemId: string }).workitemId);
    } else if (event === 'itemsChanged') {
      // An offer accepted or declined in the app needs its notification gone too.
      for (const item of (payload as { items: WorkItem[] }).items) if (item.state !== 'offered') dismiss(item.workitemId);
      for (const id of (payload as { removed: string[] }).removed) dismiss(id);
    }
  });
}
