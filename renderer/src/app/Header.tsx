import { ConnectionBanner } from '../features/connection/ConnectionBanner';
import { DialButton } from '../features/dialer/DialButton';
import { PresenceSelector } from '../features/presence/PresenceSelector';
import { selectAgent, selectTokenInMemoryOnly } from '../features/session/sessionSlice';
import { useAppSelector } from './hooks';
import { useSignOutMutation } from './switchboardApi';

export function Header() {
  const agent = useAppSelector(selectAgent);
  const inMemoryOnly = useAppSelector(selectTokenInMemoryOnly);
  const [signOut, { isLoading }] = useSignOutMutation();
  return (
    <header className="topbar">
      <div className="brand">Switchboard</div>
      <ConnectionBanner />
      <div className="topbar-end">
        <DialButton />
        <PresenceSelector />
        {agent && (
          <span className="agent" title={agent.username}>
            {agent.displayName}
          </span>
        )}
        <button type="button" className="button quiet" onClick={() => signOut()} disabled={isLoading}>
          Sign out
        </button>
      </div>
      {inMemoryOnly && (
        <p className="topbar-warning" role="note">
          No system keyring: your sign-in is kept in memory only, so you will sign in again next launch.
        </p>
      )}
    </header>
  );
}
