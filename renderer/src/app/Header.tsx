import { ConnectionBanner } from '../features/connection/ConnectionBanner';
import { DialButton } from '../features/dialer/DialButton';
import { PresenceSelector } from '../features/presence/PresenceSelector';
import { selectAgent } from '../features/session/sessionSlice';
import { SettingsButton } from '../features/settings/SettingsButton';
import { TokenStorageNote } from '../features/settings/TokenStorageNote';
import { useAppSelector } from './hooks';
import { useSignOutMutation } from './switchboardApi';

export function Header() {
  const agent = useAppSelector(selectAgent);
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
        <SettingsButton />
        <button type="button" className="button quiet" onClick={() => void signOut()} disabled={isLoading}>
          Sign out
        </button>
      </div>
      <TokenStorageNote />
    </header>
  );
}
