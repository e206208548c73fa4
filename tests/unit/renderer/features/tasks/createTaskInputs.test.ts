import { describe, expect, it } from 'vitest';
import {
  checkCreateTask,
  dueAtFromInput,
  emptyInputs,
  errorsFromApi,
  firstInvalidField,
  subjectFor,
  type CreateTaskInputs,
} from '../../../../../renderer/src/features/tasks/createTaskInputs';

const NOW = new Date(2026, 4, 1, 12, 0).getTime();
const inputs = (over: Partial<CreateTaskInputs>): CreateTaskInputs => ({ ...emptyInputs(), ...over });

describe('dueAtFromInput', () => {
  it('reads the picker text in local time, empty as no date and garbage as NaN', () => {
    expect(dueAtFromInput('2026-05-02T09:30')).toBe(new Date(2026, 4, 2, 9, 30).getTime());
    expect(dueAtFromInput('')).toBeNull();
    expect(dueAtFromInput('not a date')).toBeNaN();
  });
});

describe('subjectFor', () => {
  it('takes the first non-empty line of the description, shortened when long', () => {
    expect(subjectFor('\n  Send the transcript  \nmore detail', 'x')).toBe('Send the transcript');
    const long = subjectFor('a'.repeat(300), undefined)!;
    expect(long).toHaveLength(120);
    expect(long.endsWith('…')).toBe(true);
  });

  it('falls back to the sub-type in words, else nothing', () => {
    expect(subjectFor(undefined, 'billing_dispute')).toBe('Billing dispute');
    expect(subjectFor('   ', undefined)).toBeNull();
  });
});

describe('checkCreateTask', () => {
  it('opens as a valid Normal-priority internal task', () => {
    expect(checkCreateTask(emptyInputs(), NOW)).toEqual({
      ok: true,
      request: { kind: 'workitem', body: { type: 'task', priority: 5, channel: 'Internal' } },
      warnings: {},
    });
  });

  it('sends the chosen values with a subject from the description', () => {
    const result = checkCreateTask(
      inputs({ type: 'review', subType: 'transcript_request', channel: 'Walk-in', priority: '2', description: 'Check call 8812\nfor tone', dueAt: '2026-05-03T10:00' }),
      NOW,
    );
    expect(result.ok && result.request).toEqual({
      kind: 'workitem',
      body: {
        type: 'review',
        subType: 'transcript_request',
        channel: 'Walk-in',
        priority: 2,
        description: 'Check call 8812\nfor tone',
        dueAt: new Date(2026, 4, 3, 10, 0).getTime(),
        subject: 'Check call 8812',
      },
    });
  });

  it('warns about a past due date without blocking', () => {
    const result = checkCreateTask(inputs({ description: 'late', dueAt: '2026-04-30T08:00' }), NOW);
    expect(result.ok).toBe(true);
    expect(result.warnings.dueAt).toMatch(/in the past/);
  });

  it('a callback needs a valid phone, reported on the phone field', () => {
    const missing = checkCreateTask(inputs({ type: 'callback' }), NOW);
    expect(!missing.ok && missing.errors.phone).toBeTruthy();
    const bad = checkCreateTask(inputs({ type: 'callback', phone: '555' }), NOW);
    expect(!bad.ok && bad.errors.phone).toMatch(/not a valid phone number/);
  });

  it('a valid callback goes to the callbacks API with an E.164 phone and no subject of ours', () => {
    const result = checkCreateTask(inputs({ type: 'callback', phone: '(415) 555-0123', name: 'Ann Lee', reason: 'Billing', priority: '3', description: 'ignored' }), NOW);
    expect(result.ok && result.request).toEqual({
      kind: 'callback',
      body: { phone: '+14155550123', name: 'Ann Lee', reason: 'Billing', priority: 3, channel: 'Internal' },
    });
  });

  it('an unreadable date is an error on the date field', () => {
    const result = checkCreateTask(inputs({ dueAt: 'garbage' }), NOW);
    expect(!result.ok && result.errors).toEqual({ dueAt: 'Pick a valid date and time' });
  });
});

describe('errorsFromApi', () => {
  it('puts the platform’s field errors on the form’s fields (scheduledAt on the date, contact.phone on phone)', () => {
    const mapped = errorsFromApi({
      code: 'VALIDATION_FAILED',
      message: 'Invalid',
      fields: [
        { path: 'scheduledAt', message: 'too far ahead' },
        { path: 'contact.phone', message: 'not dialable' },
        { path: 'phone', message: 'second message for phone' },
      ],
    });
    expect(mapped).toEqual({ fields: { dueAt: 'too far ahead', phone: 'not dialable' }, form: null });
  });

  it('keeps an error no field can show for the whole form', () => {
    expect(errorsFromApi({ code: 'FORBIDDEN', message: 'You may not create tasks.' })).toEqual({ fields: {}, form: 'You may not create tasks.' });
    expect(errorsFromApi({ code: 'VALIDATION_FAILED', message: 'bad queue', fields: [{ path: 'queueId', message: 'unknown queue' }] })).toEqual({
      fields: {},
      form: 'bad queue',
    });
  });
});

describe('firstInvalidField', () => {
  it('is the first field in the form’s order', () => {
    expect(firstInvalidField({ dueAt: 'x', phone: 'y' })).toBe('phone');
    expect(firstInvalidField({})).toBeNull();
  });
});
