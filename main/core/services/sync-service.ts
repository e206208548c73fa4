/**
 * The sync lifecycle: sync runs while an agent is signed in (snapshot, then the live event stream), and
 * the outbox is woken whenever a session begins. Answers `getConnection`.
 */
import type { CoreContext, CoreService } from './context';

export function syncService({ session, sync, outbox }: CoreContext): CoreService {
  session.onChange((active) => {
    if (active === null) {
      sync.stop();
      sync.publish();
      return;
    }
    const { stored, client, token } = active;
    sync.start({ client, token, username: stored.username, platformUrl: stored.platformUrl });
    outbox.kick();
  });
  return {
    name: 'sync',
    handlers: { getConnection: () => sync.state },
    stop: () => sync.stop(),
  };
}
