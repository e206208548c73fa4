/** The words of the connection banner: online, reconnecting (next try in …), offline since …. */
import { format, isSameDay } from 'date-fns';
import type { ConnectionState } from '../../../../common/desktop-api';
import { secondsLeft } from '../../ui/countdown';

export type BannerTone = 'ok' | 'warning' | 'error';
export type ConnectionBanner = { tone: BannerTone; text: string; pending: string | null };

function clock(at: number, now: number): string {
  return isSameDay(at, now) ? format(at, 'HH:mm') : format(at, 'd MMM HH:mm');
}

export function pendingLabel(pendingActions: number): string | null {
  if (pendingActions <= 0) return null;
  return pendingActions === 1 ? '1 action waiting to send' : `${pendingActions} actions waiting to send`;
}

export function connectionBanner(connection: ConnectionState | null, now: number): ConnectionBanner {
  if (connection === null) return { tone: 'warning', text: 'Connecting…', pending: null };
  const pending = pendingLabel(connection.pendingActions);
  switch (connection.state) {
    case 'online':
      return { tone: 'ok', text: 'Online', pending };
    case 'connecting':
      return { tone: 'warning', text: 'Connecting…', pending };
    case 'reconnecting': {
      const retry = connection.retryAt === null ? '' : ` (next try in ${secondsLeft(connection.retryAt, now)} s)`;
      return { tone: 'warning', text: `Reconnecting${retry}`, pending };
    }
    case 'offline':
      return { tone: 'error', text: `Offline since ${clock(connection.since, now)}`, pending };
    case 'signed_out':
      return { tone: 'warning', text: 'Signed out', pending };
  }
}
