import type { FormMessages } from '../../../../common/create-task-form';
import { FormField } from '../../ui/FormField';
import type { CreateTaskField, CreateTaskInputs } from './createTaskInputs';

type Props = {
  inputs: CreateTaskInputs;
  errors: FormMessages;
  change: (field: CreateTaskField) => (event: { target: { value: string } }) => void;
};

/** What a callback asks for instead of a description (seed 000): whom to call, on what number, and why. */
export function CallbackFields({ inputs, errors, change }: Props) {
  return (
    <>
      <FormField label="Customer phone" marker="(required)" error={errors.phone} hint="With the country code, e.g. +14155550123">
        {(control) => (
          <input {...control} name="phone" type="tel" inputMode="tel" autoComplete="off" required value={inputs.phone} onChange={change('phone')} />
        )}
      </FormField>
      <FormField label="Customer name" marker="(optional)" error={errors.name}>
        {(control) => <input {...control} name="name" autoComplete="off" value={inputs.name} onChange={change('name')} />}
      </FormField>
      <FormField label="Reason" marker="(optional)" error={errors.reason} className="span-2">
        {(control) => <textarea {...control} name="reason" rows={3} value={inputs.reason} onChange={change('reason')} />}
      </FormField>
    </>
  );
}
