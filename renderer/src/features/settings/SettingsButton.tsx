import { useState } from 'react';
import { useGetSettingsQuery } from './settingsApi';
import { SettingsDialog } from './SettingsDialog';
import './settings.css';

/**
 * The header's Settings button. It keeps the settings query (and so the live settingsChanged
 * subscription) open, so a problem with the policy file shows as a badge without opening the dialog.
 */
export function SettingsButton() {
  const [open, setOpen] = useState(false);
  const { data } = useGetSettingsQuery();
  const policyProblem = Boolean(data?.policyError);
  return (
    <>
      <button type="button" className="button quiet settings-button" aria-haspopup="dialog" data-testid="settings-button" data-shortcut="open-settings" onClick={() => setOpen(true)}>
        Settings
        {policyProblem && (
          <span className="settings-badge" title="The policy file has a problem">
            <span aria-hidden="true">!</span>
            <span className="visually-hidden"> (policy file problem)</span>
          </span>
        )}
      </button>
      {open && <SettingsDialog onClose={() => setOpen(false)} />}
    </>
  );
}
