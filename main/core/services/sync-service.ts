/**
 * The sync lifecycle: sync runs while an agent is signed in (snapshot, then the live event stream), and
 * the outbox is woken whenever a session begins. Answers `getConnection`.
 */
import { errorFields } from '../log/core-log';
import type { CoreContext, CoreService } from './context';

export function syncService({ session, sync, outbox, liveItems, log }: CoreContext): CoreService {
  session.onChange((active) => {
    liveItems.reload();
    if (active === null) {
      sync.stop();
      sync.publish();
      return;
    }
    const { stored, client, token } = active;
    sync.start({ client, token, username: stored.username, platformUrl: stored.platformUrl }).catch((error: unknown) => {
      // The cache's position could not be read (the database thread failed): sync starts again at the next sign-in or restart.
      log.error(errorFields(error), 'sync: could not start');
    });
    outbox.refreshPending().then(
      () => outbox.kick(),
      (error: unknown) => log.warn(errorFields(error), 'outbox: counting pending actions failed'),
    );
  });
  return {
    name: 'sync',
    handlers: { getConnection: () => sync.state },
    stop: () => sync.stop(),
  };
}
