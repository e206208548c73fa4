import { useAppSelector } from '../../app/hooks';
import { selectTokenInMemoryOnly } from '../session/sessionSlice';
import { hostMode, tokenStorageNote } from './tokenStorageNote';
import './settings.css';

/** The header's line about where the sign-in is kept, worded for the mode the app runs in. */
export function TokenStorageNote() {
  const inMemoryOnly = useAppSelector(selectTokenInMemoryOnly);
  const note = tokenStorageNote(hostMode(typeof window === 'undefined' ? undefined : window), inMemoryOnly);
  if (!note) return null;
  return (
    <p className={note.tone === 'warning' ? 'topbar-warning' : 'topbar-note'} role="note" data-testid="token-storage-note">
      {note.text}
    </p>
  );
}
