/**
 * Seed 000's Create Task form, checked before anything is sent: the form's raw values become the request
 * the platform expects (POST /v1/workitems, or POST /v1/callbacks for a callback), and every problem is
 * reported against the form field that caused it so the UI can show it next to that field.
 *
 * The rules are the API's own (api.ts schemas); this module only adds what belongs to the form:
 * - The form creates tasks, callbacks, reviews and approvals only (its Type dropdown).
 * - A callback sends phone, name and reason and ignores the description (the form hides it); the
 *   others send the description and ignore the callback fields, so values left over from switching
 *   the type are never sent.
 * - The due date of a callback is when to call back (`scheduledAt`); for the others it is `dueAt`.
 * - Empty text fields are left out rather than sent as "".
 * - A due date in the past is allowed — an agent may log work after the fact, and the inbox then shows
 *   it as Overdue — but it is reported in `warnings.dueAt` so the UI can ask "is this right?".
 */
import { z } from 'zod';
import {
  CreateCallbackRequestSchema,
  CreateWorkItemRequestSchema,
  type CreateCallbackRequest,
  type CreateWorkItemRequest,
} from './api';
import { DEFAULT_PRIORITY, ORIGIN_CHANNELS } from './vocabulary';

/** The types the form's Type dropdown offers (seed 000). */
export const CREATE_TASK_FORM_TYPES = ['task', 'callback', 'review', 'approval'] as const;
export type CreateTaskFormType = (typeof CREATE_TASK_FORM_TYPES)[number];

/** The form's values as the inputs hold them. */
export type CreateTaskForm = {
  type: CreateTaskFormType;
  subType: string;
  /** origin channel: Internal, Email, Form, Phone, Walk-in, Mail, API; '' for none */
  channel: string;
  /** 1, 2, 3, 5 or 8, as a number or the select's string */
  priority: number | string;
  description: string;
  /** Unix ms from the date/time picker, or null when not set */
  dueAt: number | null;
  /** callback only */
  phone: string;
  name: string;
  reason: string;
};

/** Field name → message, keyed by CreateTaskForm field names. */
export type FormMessages = Partial<Record<keyof CreateTaskForm, string>>;

export type CreateTaskRequest =
  | { kind: 'workitem'; body: CreateWorkItemRequest }
  | { kind: 'callback'; body: CreateCallbackRequest };

export type CreateTaskFormResult =
  | { ok: true; request: CreateTaskRequest; warnings: FormMessages }
  | { ok: false; errors: FormMessages; warnings: FormMessages };

/** The form as it opens: a Normal-priority internal task (the form also resets to this after success). */
export function emptyCreateTaskForm(): CreateTaskForm {
  return { type: 'task', subType: '', channel: 'Internal', priority: DEFAULT_PRIORITY, description: '', dueAt: null, phone: '', name: '', reason: '' };
}

/** Where each request field's errors are shown on the form. */
const FORM_FIELD_OF: Record<string, keyof CreateTaskForm> = {
  type: 'type',
  subType: 'subType',
  channel: 'channel',
  priority: 'priority',
  description: 'description',
  dueAt: 'dueAt',
  scheduledAt: 'dueAt',
  phone: 'phone',
  name: 'name',
  reason: 'reason',
};

/**
 * The form field that shows an error the platform or the core reported against a request path
 * (`scheduledAt` → the date field, `contact.phone` → phone); null when no field of the form shows it.
 */
export function formFieldOfPath(path: string): keyof CreateTaskForm | null {
  const head = path.split('.')[0];
  if (Object.hasOwn(FORM_FIELD_OF, head)) return FORM_FIELD_OF[head];
  const tail = path.split('.').at(-1) ?? '';
  return Object.hasOwn(FORM_FIELD_OF, tail) ? FORM_FIELD_OF[tail] : null;
}

function text(value: string | undefined): string | undefined {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? undefined : trimmed;
}

function priorityOf(value: number | string): number | undefined {
  if (typeof value === 'number') return value;
  return value.trim() === '' ? undefined : Number(value);
}

/** Drop keys whose value is undefined: the request schemas are strict and the body should be clean. */
function defined<T extends Record<string, unknown>>(body: T): Partial<T> {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Fields whose only possible fault is "not one of the choices": zod's generic wording ("Invalid input",
 * "Too small") means nothing to an agent, so say what to pick instead.
 */
const CHOICE_MESSAGE: FormMessages = {
  channel: `Choose one of ${ORIGIN_CHANNELS.join(', ')}`,
  dueAt: 'Pick a valid date and time',
};

function collectErrors(error: z.ZodError, into: FormMessages): void {
  for (const issue of error.issues) {
    const field = FORM_FIELD_OF[String(issue.path[0] ?? '')] ?? 'type';
    // The first problem per field is the one to fix first; later ones are usually consequences.
    into[field] ??= CHOICE_MESSAGE[field] ?? issue.message;
  }
}

/** A field with an error needs fixing, not a second opinion. */
function withoutErrored(warnings: FormMessages, errors: FormMessages): FormMessages {
  return Object.fromEntries(Object.entries(warnings).filter(([field]) => !(field in errors))) as FormMessages;
}

export function validateCreateTaskForm(form: CreateTaskForm, now: number = Date.now()): CreateTaskFormResult {
  const errors: FormMessages = {};
  const warnings: FormMessages = {};

  if (!(CREATE_TASK_FORM_TYPES as readonly string[]).includes(form.type)) {
    return { ok: false, errors: { type: 'Choose Task, Callback, Review or Approval' }, warnings };
  }

  const due = form.dueAt ?? undefined;
  if (due !== undefined && !Number.isFinite(due)) {
    errors.dueAt = 'Pick a valid date and time';
  } else if (due !== undefined && due < now) {
    warnings.dueAt = form.type === 'callback' ? 'This callback time is in the past' : 'This due date is in the past; the item will show as Overdue';
  }
  const when = errors.dueAt ? undefined : due;

  const common = { priority: priorityOf(form.priority), channel: text(form.channel) };
  if (form.type === 'callback') {
    const result = CreateCallbackRequestSchema.safeParse(
      // phone is always sent, even empty, so the schema's own "required" message reaches the field.
      defined({ phone: form.phone ?? '', name: text(form.name), reason: text(form.reason), scheduledAt: when, ...common }),
    );
    if (result.success && !errors.dueAt) return { ok: true, request: { kind: 'callback', body: result.data }, warnings };
    if (!result.success) collectErrors(result.error, errors);
    return { ok: false, errors, warnings: withoutErrored(warnings, errors) };
  }

  const result = CreateWorkItemRequestSchema.safeParse(
    defined({ type: form.type, subType: text(form.subType), description: text(form.description), dueAt: when, ...common }),
  );
  if (result.success && !errors.dueAt) return { ok: true, request: { kind: 'workitem', body: result.data }, warnings };
  if (!result.success) collectErrors(result.error, errors);
  return { ok: false, errors, warnings: withoutErrored(warnings, errors) };
}
