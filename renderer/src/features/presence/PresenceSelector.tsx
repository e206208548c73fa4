import { useId } from 'react';
import type { PresenceState } from '../../../../common/vocabulary';
import { useAppSelector } from '../../app/hooks';
import { useGetPresenceQuery, useSetPresenceMutation } from '../../app/switchboardApi';
import { selectPresence } from './presenceSlice';

/** Agents choose between these two; `offline` is what signing out does. */
const CHOICES: { value: PresenceState; label: string }[] = [
  { value: 'available', label: 'Available' },
  { value: 'not_ready', label: 'Not ready' },
];

export function PresenceSelector() {
  useGetPresenceQuery();
  const presence = useAppSelector(selectPresence);
  const [setPresence, { isLoading }] = useSetPresenceMutation();
  const id = useId();
  const current = presence?.state ?? 'offline';
  const reason = presence?.state === 'not_ready' ? presence.reasonCode : null;
  return (
    <div className={`presence presence-${current}`}>
      <label htmlFor={id}>Presence</label>
      <select
        id={id}
        value={current === 'offline' ? '' : current}
        disabled={isLoading || presence === null}
        onChange={(event) => void setPresence({ state: event.target.value as PresenceState })}
      >
        {current === 'offline' && <option value="">Offline</option>}
        {CHOICES.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
      {reason && <span className="presence-reason">({reason})</span>}
    </div>
  );
}
