import { useRef, useState, type FormEvent } from 'react';
import type { FormMessages } from '../../../../common/create-task-form';
import { useCreateCallbackMutation, useCreateTaskMutation } from '../../app/switchboardApi';
import { FormField } from '../../ui/FormField';
import { asApiError } from '../../ui/apiError';
import { CallbackFields } from './CallbackFields';
import { checkCreateTask, emptyInputs, errorsFromApi, firstInvalidField, type CreateTaskField, type CreateTaskInputs } from './createTaskInputs';
import { CHANNEL_CHOICES, PRIORITY_CHOICES, TYPE_CHOICES } from './taskChoices';

type Props = { onCreated: () => void; onCancel: () => void };

/**
 * Seed 000's Create Task form. Errors show once the agent has tried to submit, then follow each change;
 * warnings (a due date in the past) show at once and never block.
 */
export function CreateTaskForm({ onCreated, onCancel }: Props) {
  const [inputs, setInputs] = useState<CreateTaskInputs>(emptyInputs);
  const [attempted, setAttempted] = useState(false);
  const [platformErrors, setPlatformErrors] = useState<FormMessages>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [createTask, creatingTask] = useCreateTaskMutation();
  const [createCallback, creatingCallback] = useCreateCallbackMutation();
  const formRef = useRef<HTMLFormElement>(null);
  const busy = creatingTask.isLoading || creatingCallback.isLoading;

  const checked = checkCreateTask(inputs, Date.now());
  const errors: FormMessages = { ...(attempted && !checked.ok ? checked.errors : {}), ...platformErrors };
  const isCallback = inputs.type === 'callback';

  const change = (field: CreateTaskField) => (event: { target: { value: string } }) => {
    setInputs((current) => ({ ...current, [field]: event.target.value }));
    // What the platform said about the old value no longer holds.
    setPlatformErrors(({ [field]: _dropped, ...rest }) => rest);
  };

  function focusField(field: CreateTaskField | null) {
    if (field) formRef.current?.querySelector<HTMLElement>(`[name="${field}"]`)?.focus();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setAttempted(true);
    setFormError(null);
    if (!checked.ok) {
      focusField(firstInvalidField(checked.errors));
      return;
    }
    const { request } = checked;
    const result = request.kind === 'callback' ? await createCallback(request.body) : await createTask(request.body);
    if (result.error) {
      const reported = errorsFromApi(asApiError(result.error));
      setPlatformErrors(reported.fields);
      setFormError(reported.form);
      focusField(firstInvalidField(reported.fields));
      return;
    }
    setInputs(emptyInputs());
    setAttempted(false);
    onCreated();
  }

  // A callback's date is when to call back; it sits beside Priority so the callback's own fields stay together.
  const dueField = (
    <FormField
      label={isCallback ? 'Call back at' : 'Due date'}
      marker="(optional)"
      error={errors.dueAt}
      warning={checked.warnings.dueAt}
      hint={isCallback ? 'Leave empty to call back as soon as possible.' : undefined}
    >
      {(control) => <input {...control} name="dueAt" type="datetime-local" value={inputs.dueAt} onChange={change('dueAt')} />}
    </FormField>
  );

  return (
    <form ref={formRef} className="task-form" onSubmit={(event) => void submit(event)} noValidate data-testid="create-task-form">
      {formError && (
        <p className="form-error" role="alert">
          {formError}
        </p>
      )}
      <div className="form-grid">
        <FormField label="Type" error={errors.type}>
          {(control) => (
            <select {...control} name="type" value={inputs.type} onChange={change('type')}>
              {TYPE_CHOICES.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </select>
          )}
        </FormField>
        {!isCallback && (
          <FormField label="Sub-type" marker="(optional)" error={errors.subType}>
            {(control) => (
              <input {...control} name="subType" autoComplete="off" spellCheck={false} placeholder="e.g. billing_dispute" value={inputs.subType} onChange={change('subType')} />
            )}
          </FormField>
        )}
        <FormField label="Channel" error={errors.channel}>
          {(control) => (
            <select {...control} name="channel" value={inputs.channel} onChange={change('channel')}>
              {CHANNEL_CHOICES.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label="Priority" error={errors.priority}>
          {(control) => (
            <select {...control} name="priority" value={String(inputs.priority)} onChange={change('priority')}>
              {PRIORITY_CHOICES.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </select>
          )}
        </FormField>
        {isCallback && dueField}
        {isCallback ? (
          <CallbackFields inputs={inputs} errors={errors} change={change} />
        ) : (
          <FormField label="Description" marker="(optional)" error={errors.description} className="span-2" hint="The first line becomes the subject in the inbox.">
            {(control) => <textarea {...control} name="description" rows={4} value={inputs.description} onChange={change('description')} />}
          </FormField>
        )}
        {!isCallback && dueField}
      </div>
      <div className="modal-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create Task'}
        </button>
      </div>
    </form>
  );
}
