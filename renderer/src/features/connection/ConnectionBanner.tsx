import { useAppSelector } from '../../app/hooks';
import { useNow } from '../../ui/useNow';
import { connectionBanner } from './connectionLabel';
import { selectConnection } from './connectionSlice';

/** Online / reconnecting / offline since …, and how many actions wait in the outbox. */
export function ConnectionBanner() {
  const connection = useAppSelector(selectConnection);
  const now = useNow(1000);
  const banner = connectionBanner(connection, now);
  return (
    <div className={`connection connection-${banner.tone}`} role="status" data-testid="connection-banner" data-state={connection?.state ?? 'unknown'}>
      <span className="connection-dot" aria-hidden="true" />
      <span>{banner.text}</span>
      {banner.pending && <span className="connection-pending">· {banner.pending}</span>}
    </div>
  );
}
