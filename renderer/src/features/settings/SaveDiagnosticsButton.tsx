/** "Save diagnostics" for support: one button, and where the zip went (or why it could not be written). */
import { useState } from 'react';
import { useAppDispatch } from '../../app/hooks';
import { errorMessage } from '../../ui/apiError';
import { saveDiagnostics } from './settingsApi';

export function SaveDiagnosticsButton() {
  const dispatch = useAppDispatch();
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<string | null>(null);

  const save = async () => {
    setSaving(true);
    setStatus(null);
    const result = await dispatch(saveDiagnostics());
    setSaving(false);
    if (saveDiagnostics.fulfilled.match(result)) setStatus(`Diagnostics saved to ${result.payload.path}. Send this file to your support team.`);
    else setStatus(`Diagnostics could not be saved: ${result.payload ? errorMessage(result.payload) : 'unknown error'}`);
  };

  return (
    <div className="settings-diagnostics">
      <button type="button" className="button" onClick={() => void save()} disabled={saving}>
        {saving ? 'Saving diagnostics…' : 'Save diagnostics'}
      </button>
      {status && (
        <p className="settings-status" role="status">
          {status}
        </p>
      )}
    </div>
  );
}
