/**
 * Glue between the Create Task form's inputs and common/create-task-form.ts, which owns every rule: the
 * date picker's text becomes Unix ms, the item gets a subject the inbox can show, and errors the core or
 * the platform report (`error.fields`) land on the field that caused them.
 */
import type { ApiError } from '../../../../common/desktop-api';
import {
  emptyCreateTaskForm,
  formFieldOfPath,
  validateCreateTaskForm,
  type CreateTaskForm,
  type CreateTaskFormResult,
  type FormMessages,
} from '../../../../common/create-task-form';

/** The form as its inputs hold it: the date is the `datetime-local` text ('' for none). */
export type CreateTaskInputs = Omit<CreateTaskForm, 'dueAt'> & { dueAt: string };
export type CreateTaskField = keyof CreateTaskForm;

/** The order fields appear in, for putting the cursor in the first one to fix. */
export const FIELD_ORDER: readonly CreateTaskField[] = ['type', 'subType', 'channel', 'priority', 'description', 'phone', 'name', 'reason', 'dueAt'];

export function emptyInputs(): CreateTaskInputs {
  return { ...emptyCreateTaskForm(), dueAt: '' };
}

/** `2026-05-01T14:30` (local time, as the picker gives it) → Unix ms; NaN for text that is no date. */
export function dueAtFromInput(value: string): number | null {
  if (value.trim() === '') return null;
  return new Date(value).getTime();
}

const SUBJECT_MAX = 120;

/**
 * The form has no subject field (seed 000), but the inbox lists items by subject: the first line of the
 * description says what the task is, else its sub-type; null leaves the inbox's "Untitled task".
 */
export function subjectFor(description: string | undefined, subType: string | undefined): string | null {
  const firstLine = (description ?? '').split('\n').map((line) => line.trim()).find((line) => line !== '');
  if (firstLine) return firstLine.length <= SUBJECT_MAX ? firstLine : `${firstLine.slice(0, SUBJECT_MAX - 1).trimEnd()}…`;
  const sub = (subType ?? '').trim().replace(/[_-]+/g, ' ');
  return sub === '' ? null : sub[0].toUpperCase() + sub.slice(1);
}

/** The form's rules applied to the inputs; a valid task also gets its subject. */
export function checkCreateTask(inputs: CreateTaskInputs, now: number): CreateTaskFormResult {
  const result = validateCreateTaskForm({ ...inputs, dueAt: dueAtFromInput(inputs.dueAt) }, now);
  if (!result.ok || result.request.kind !== 'workitem') return result;
  const subject = subjectFor(result.request.body.description, result.request.body.subType);
  if (subject === null) return result;
  return { ...result, request: { kind: 'workitem', body: { ...result.request.body, subject } } };
}

/** An error from the core or the platform: field errors on their fields, the rest for the whole form. */
export function errorsFromApi(error: ApiError): { fields: FormMessages; form: string | null } {
  const fields: FormMessages = {};
  for (const problem of error.fields ?? []) {
    const field = formFieldOfPath(problem.path);
    if (field) fields[field] ??= problem.message;
  }
  const placed = Object.keys(fields).length > 0;
  return { fields, form: placed ? null : error.message };
}

export function firstInvalidField(errors: FormMessages): CreateTaskField | null {
  return FIELD_ORDER.find((field) => errors[field] !== undefined) ?? null;
}
