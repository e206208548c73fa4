/** Shared by the softphone tests: a log that keeps its lines, credentials for the fake server, waiting on views. */
import type { SipCredentials } from '../../../../../common/api';
import type { SoftphoneView } from '../../../../../common/softphone-api';
import type { SoftphoneLog } from '../../../../../main/core/softphone/softphone-log';
import type { FakeSipServer } from './fake-sip-server';

/** A SoftphoneLog that keeps its lines for assertions. */
export function collectingLog(): SoftphoneLog & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (line) => lines.push(line), warn: (line) => lines.push(line) };
}

export function credentials(server: FakeSipServer, expiresAt = Date.now() + 3_600_000): SipCredentials {
  return { wsUrl: server.url, uri: 'sip:ada@fake.invalid', authorizationUsername: `${Math.floor(expiresAt / 1000)}:ada`, authorizationPassword: 'pw', expiresAt };
}

/** Resolves when the softphone's view satisfies `predicate`. */
export function viewWhere(views: SoftphoneView[], subscribe: (listener: (view: SoftphoneView) => void) => void, predicate: (view: SoftphoneView) => boolean, what: string): Promise<SoftphoneView> {
  const last = views.at(-1);
  if (last !== undefined && predicate(last)) return Promise.resolve(last);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; last view: ${JSON.stringify(views.at(-1))}`)), 10_000);
    subscribe((view) => {
      if (!predicate(view)) return;
      clearTimeout(timer);
      resolve(view);
    });
  });
}
