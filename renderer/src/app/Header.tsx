import { ConnectionBanner } from '../features/connection/ConnectionBanner';
import { DialButton } from '../features/dialer/DialButton';
import { PresenceSelector } from '../features/presence/PresenceSelector';
import { RonaBanner } from '../features/presence/RonaBanner';
import { selectAgent } from '../features/session/sessionSlice';
import { SettingsButton } from '../features/settings/SettingsButton';
import { TokenStorageNote } from '../features/settings/TokenStorageNote';
import { CallSummary } from '../features/workspace/CallSummary';
import { useAppSelector } from './hooks';
import { ThemeSelector } from './layout/ThemeSelector';
import { useSignOutMutation } from './switchboardApi';

/** Always in view: presence, connection, the current call, Dial, theme, settings, who is signed in. */
export function Header() {
  const agent = useAppSelector(selectAgent);
  const [signOut, { isLoading }] = useSignOutMutation();
  return (
    <header className="topbar">
      <div className="brand">Switchboard</div>
      <PresenceSelector />
      <ConnectionBanner />
      <CallSummary />
      <div className="topbar-end">
        <DialButton />
        <ThemeSelector />
        <SettingsButton />
        {agent && <bdi className="agent truncate" title={agent.username}>{agent.displayName}</bdi>}
        <button type="button" className="button quiet" onClick={() => void signOut()} disabled={isLoading}>
          Sign out
        </button>
      </div>
      <RonaBanner />
      <TokenStorageNote />
    </header>
  );
}
