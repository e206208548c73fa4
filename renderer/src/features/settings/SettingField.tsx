import { useId, type ReactNode } from 'react';
import { LockIcon } from './LockIcon';
import { displayLines, isFeatureDraft, type SettingDraft } from './settingDraft';
import { FEATURE_LABELS } from './settingsCatalog';
import type { SettingRow } from './settingsSelectors';

export const LOCKED_NOTE = "Set by your organisation's policy";

type Props = {
  row: SettingRow;
  draft: SettingDraft;
  onDraft: (draft: SettingDraft) => void;
  /** why saving failed (local check or the core's refusal) */
  error?: string;
};

/**
 * One setting: its editor, or — when IT's policy locks it — its value read-only with a padlock and the
 * policy note, which the control's description includes so a screen reader says why it cannot be changed.
 */
export function SettingField({ row, draft, onDraft, error }: Props) {
  const id = useId();
  const { definition, locked, fixedHere, policyProblem } = row;
  const readOnly = locked || fixedHere;
  const hint = [definition.description, fixedHere ? definition.fixedHere : null, readOnly ? null : definition.editHint].filter(Boolean).join(' ');
  const ids = { hint: `${id}-hint`, lock: `${id}-lock`, error: `${id}-error`, warning: `${id}-warning` };
  const describedBy =
    [locked ? ids.lock : null, hint ? ids.hint : null, error ? ids.error : null, policyProblem ? ids.warning : null].filter(Boolean).join(' ') || undefined;
  const control = { id, 'aria-describedby': describedBy, 'aria-invalid': error ? (true as const) : undefined };

  const notes: ReactNode = (
    <>
      {locked && (
        <p id={ids.lock} className="setting-lock-note">
          <LockIcon /> {LOCKED_NOTE}
        </p>
      )}
      {hint && (
        <p id={ids.hint} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={ids.error} className="field-error">
          {error}
        </p>
      )}
      {policyProblem && (
        <p id={ids.warning} className="field-warning">
          The policy file's value was ignored: {policyProblem}
        </p>
      )}
    </>
  );

  const kind = definition.kind;
  const container = (content: ReactNode) => (
    <div className={locked ? 'field setting-field locked' : 'field setting-field'} data-setting={definition.key} data-locked={locked || undefined}>
      {content}
      {notes}
    </div>
  );

  if (readOnly) {
    const lines = displayLines(definition, row.value);
    return container(
      <>
        <label htmlFor={id}>{definition.label}</label>
        {lines.length > 1 ? (
          <textarea {...control} readOnly rows={lines.length} value={lines.join('\n')} />
        ) : (
          <input {...control} readOnly value={lines[0]} />
        )}
      </>,
    );
  }

  if (kind.type === 'boolean') {
    return container(
      <label className="setting-check">
        <input type="checkbox" {...control} checked={draft === true} onChange={(event) => onDraft(event.target.checked)} />
        {definition.label}
      </label>,
    );
  }

  if (kind.type === 'features') {
    const ticked = isFeatureDraft(draft) ? draft : [];
    const toggle = (feature: string, on: boolean) => onDraft(on ? [...ticked, feature] : ticked.filter((entry) => entry !== feature));
    return container(
      <fieldset className="setting-features" aria-describedby={describedBy}>
        <legend>{definition.label}</legend>
        {Object.entries(FEATURE_LABELS).map(([feature, label]) => (
          <label key={feature} className="setting-check">
            <input type="checkbox" checked={ticked.includes(feature)} onChange={(event) => toggle(feature, event.target.checked)} />
            {label}
          </label>
        ))}
      </fieldset>,
    );
  }

  const text = typeof draft === 'string' ? draft : '';
  let editor: ReactNode;
  if (kind.type === 'choice') {
    editor = (
      <select {...control} value={text} onChange={(event) => onDraft(event.target.value)}>
        {!kind.choices.some((choice) => choice.value === text) && <option value={text}>{text === '' ? 'Not set' : text}</option>}
        {kind.choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    );
  } else if (kind.type === 'iceServers' || kind.type === 'json' || kind.type === 'shortcuts') {
    editor = (
      <textarea
        {...control}
        className="setting-json"
        rows={4}
        spellCheck={false}
        value={text}
       
        placeholder={kind.type === 'iceServers' ? '[{"urls": "stun:stun.example.com:3478"}]' : undefined}
        onChange={(event) => onDraft(event.target.value)}
      />
    );
  } else {
    editor = (
      <input
        {...control}
        type={kind.type === 'url' ? 'url' : 'text'}
        inputMode={kind.type === 'number' ? 'decimal' : undefined}
        placeholder={kind.type === 'url' || kind.type === 'text' ? kind.placeholder : undefined}
        spellCheck={false}
        value={text}
       
        onChange={(event) => onDraft(event.target.value)}
      />
    );
  }
  return container(
    <>
      <label htmlFor={id}>{definition.label}</label>
      {editor}
    </>,
  );
}
