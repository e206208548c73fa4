import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { Modal } from '../../ui/Modal';
import { errorMessage } from '../../ui/apiError';
import { selectPlatformUrl } from '../session/sessionSlice';
import { AudioDevicesSection } from '../softphone/AudioDevicesSection';
import { PolicyProblems } from './PolicyProblems';
import { SaveDiagnosticsButton } from './SaveDiagnosticsButton';
import { SettingField } from './SettingField';
import { parseDraft, sameDraft, toDraft, type SettingDraft, type SettingValue } from './settingDraft';
import { saveSetting, useGetSettingsQuery } from './settingsApi';
import { settingErrorText } from './settingError';
import { groupRows, policyProblems, settingRows, type SettingRow } from './settingsSelectors';
import './settings.css';

/** Fields the agent changed and has not saved yet; untouched fields follow the core live. */
type Drafts = Record<string, SettingDraft>;

export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const { data: view, error: loadError, isLoading } = useGetSettingsQuery();
  const dispatch = useAppDispatch();
  const platformUrl = useAppSelector(selectPlatformUrl);
  const [drafts, setDrafts] = useState<Drafts>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const rows = useMemo(() => (view ? settingRows(view, platformUrl) : []), [view, platformUrl]);
  const problems = useMemo(() => policyProblems(view?.policyError ?? null), [view?.policyError]);

  const draftOf = (row: SettingRow) => drafts[row.definition.key] ?? toDraft(row.definition, row.value);
  const changed = rows.filter((row) => !row.locked && !row.fixedHere && row.definition.key in drafts && !sameDraft(drafts[row.definition.key], toDraft(row.definition, row.value)));

  function edit(key: string, draft: SettingDraft) {
    setDrafts((current) => ({ ...current, [key]: draft }));
    setErrors(({ [key]: _dropped, ...rest }) => rest);
    setStatus(null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed: { key: string; value: SettingValue }[] = [];
    const nextErrors: Record<string, string> = {};
    for (const row of changed) {
      const result = parseDraft(row.definition, drafts[row.definition.key]);
      if (result.ok) parsed.push({ key: row.definition.key, value: result.value });
      else nextErrors[row.definition.key] = result.message;
    }
    if (Object.keys(nextErrors).length > 0) return showErrors(nextErrors);

    setSaving(true);
    const saved: string[] = [];
    for (const change of parsed) {
      const result = await dispatch(saveSetting(change));
      if (saveSetting.fulfilled.match(result)) saved.push(change.key);
      else nextErrors[change.key] = result.payload ? settingErrorText(result.payload) : (result.error.message ?? 'Could not save.');
    }
    setSaving(false);
    setDrafts((current) => Object.fromEntries(Object.entries(current).filter(([key]) => !saved.includes(key))));
    showErrors(nextErrors);
    const failed = Object.keys(nextErrors).length;
    setStatus(failed === 0 ? 'Settings saved.' : `${saved.length} saved; ${failed} could not be saved.`);
  }

  function showErrors(next: Record<string, string>) {
    setErrors(next);
    const first = Object.keys(next)[0];
    if (first) formRef.current?.querySelector<HTMLElement>(`[data-setting="${first}"] :is(input, select, textarea)`)?.focus();
  }

  return (
    <Modal title="Settings" onClose={onClose} className="settings-modal" testId="settings-dialog">
      <form ref={formRef} className="settings-form" onSubmit={(event) => void submit(event)} noValidate>
        {isLoading && <p role="status">Loading settings…</p>}
        {loadError && (
          <p className="form-error" role="alert">
            Settings could not be loaded: {errorMessage(loadError)}
          </p>
        )}
        <PolicyProblems problems={problems} />
        {groupRows(rows).map(({ group, rows: groupRowsList }) => (
          <fieldset key={group} className="settings-group">
            <legend>{group}</legend>
            {groupRowsList.map((row) => (
              <SettingField key={row.definition.key} row={row} draft={draftOf(row)} onDraft={(draft) => edit(row.definition.key, draft)} error={errors[row.definition.key]} />
            ))}
          </fieldset>
        ))}
        <AudioDevicesSection />
        <div className="modal-actions">
          <p className="settings-status" role="status">
            {status}
          </p>
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
          <button type="submit" className="button primary" disabled={saving || changed.length === 0}>
            {saving ? 'Saving…' : 'Save changes'}
          </button>
        </div>
      </form>
      <SaveDiagnosticsButton />
    </Modal>
  );
}
