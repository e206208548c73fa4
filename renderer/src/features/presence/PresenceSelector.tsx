import { useId } from 'react';
import { useAppSelector } from '../../app/hooks';
import { useGetPresenceQuery, useSetPresenceMutation } from '../../app/switchboardApi';
import { useNow } from '../../ui/useNow';
import { selectWrapUpItems } from '../inbox/inboxSelectors';
import { useGetSettingsQuery } from '../settings/settingsApi';
import { callDuration } from '../softphone/callShortcuts';
import { selectPresence } from './presenceSlice';
import { NOT_READY_REASONS_SETTING, notReadyReasons, presenceChoices, presenceLabel, presenceValue } from './reasonCodes';

/**
 * The agent's state: Available, Not ready (with a reason code), and how long they have been in it. While
 * an item is in wrap-up the agent is in after-call work, shown as its own state beside the menu.
 */
export function PresenceSelector() {
  useGetPresenceQuery();
  const presence = useAppSelector(selectPresence);
  const { data: settings } = useGetSettingsQuery();
  const [setPresence, { isLoading }] = useSetPresenceMutation();
  const inWrapUp = useAppSelector(selectWrapUpItems).length > 0;
  const now = useNow(1000);
  const id = useId();
  const choices = presenceChoices(notReadyReasons(settings?.values[NOT_READY_REASONS_SETTING]));
  const value = presenceValue(presence);
  const listed = choices.some((choice) => choice.value === value);
  const tone = presence?.state ?? 'offline';
  return (
    <div className={`presence presence-${tone}`} data-testid="presence">
      <label htmlFor={id} className="visually-hidden">
        Presence
      </label>
      <select
        id={id}
        value={value}
        disabled={isLoading || presence === null}
        onChange={(event) => {
          const choice = choices.find((c) => c.value === event.target.value);
          if (choice) void setPresence({ state: choice.state, ...(choice.reasonCode ? { reasonCode: choice.reasonCode } : {}) });
        }}
      >
        {!listed && (
          <option value={value} disabled>
            {presenceLabel(presence)}
          </option>
        )}
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
      {presence && (
        <span className="presence-time" data-testid="presence-time" title={`In this state since ${new Date(presence.since).toLocaleTimeString()}`}>
          <span className="visually-hidden">Time in state </span>
          {callDuration(now - presence.since)}
        </span>
      )}
      {inWrapUp && (
        <span className="agent-state acw" data-testid="after-call-work">
          After-call work
        </span>
      )}
    </div>
  );
}
