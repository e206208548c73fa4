import { describe, expect, it } from 'vitest';
import { emptyCreateTaskForm, validateCreateTaskForm, type CreateTaskForm } from '../../../common/create-task-form';

const NOW = 1_700_000_000_000;
const form = (over: Partial<CreateTaskForm>): CreateTaskForm => ({ ...emptyCreateTaskForm(), ...over });

describe('validateCreateTaskForm: tasks, reviews, approvals', () => {
  it('builds a work-item request with trimmed text and no empty fields', () => {
    const result = validateCreateTaskForm(
      form({ type: 'review', subType: ' transcript_request ', channel: 'Walk-in', priority: '2', description: '  Check the call  ', dueAt: NOW + 3_600_000 }),
      NOW,
    );
    expect(result).toEqual({
      ok: true,
      request: {
        kind: 'workitem',
        body: { type: 'review', subType: 'transcript_request', channel: 'Walk-in', priority: 2, description: 'Check the call', dueAt: NOW + 3_600_000 },
      },
      warnings: {},
    });
  });

  it('the empty form is a valid Normal-priority internal task', () => {
    const result = validateCreateTaskForm(emptyCreateTaskForm(), NOW);
    expect(result).toEqual({ ok: true, request: { kind: 'workitem', body: { type: 'task', priority: 5, channel: 'Internal' } }, warnings: {} });
  });

  it('never sends the callback fields left over from switching the type', () => {
    const result = validateCreateTaskForm(form({ type: 'approval', phone: 'garbage', name: 'Ann', reason: 'x', description: 'Approve refund' }), NOW);
    expect(result.ok && result.request.body).toEqual({ type: 'approval', priority: 5, channel: 'Internal', description: 'Approve refund' });
  });

  it('reports each bad field next to the field', () => {
    const result = validateCreateTaskForm(form({ channel: 'Pigeon', priority: '4', dueAt: Number.NaN, description: 'x'.repeat(20_001) }), NOW);
    expect(result).toEqual({
      ok: false,
      errors: {
        channel: 'Choose one of Internal, Email, Form, Phone, Walk-in, Mail, API',
        priority: 'priority must be one of 1 (Critical), 2 (High), 3 (Medium), 5 (Normal), 8 (Low)',
        dueAt: 'Pick a valid date and time',
        description: 'must be at most 20000 characters',
      },
      warnings: {},
    });
  });

  it('refuses types the form does not offer', () => {
    const result = validateCreateTaskForm(form({ type: 'call' as CreateTaskForm['type'] }), NOW);
    expect(result).toEqual({ ok: false, errors: { type: 'Choose Task, Callback, Review or Approval' }, warnings: {} });
  });

  it('allows a due date in the past but warns about it', () => {
    const result = validateCreateTaskForm(form({ description: 'logged late', dueAt: NOW - 1 }), NOW);
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual({ dueAt: 'This due date is in the past; the item will show as Overdue' });
    expect(result.ok && result.request.body).toMatchObject({ dueAt: NOW - 1 });
  });

  it('does not warn and err about the same field', () => {
    const result = validateCreateTaskForm(form({ dueAt: -5 }), NOW);
    expect(result).toEqual({ ok: false, errors: { dueAt: 'Pick a valid date and time' }, warnings: {} });
  });
});

describe('validateCreateTaskForm: callbacks', () => {
  it('builds a callback request with the phone in E.164 and the due date as the time to call', () => {
    const result = validateCreateTaskForm(
      form({ type: 'callback', phone: '(415) 555-0123', name: ' Ann Lee ', reason: 'billing question', description: 'hidden', dueAt: NOW + 60_000, priority: 3 }),
      NOW,
    );
    expect(result).toEqual({
      ok: true,
      request: { kind: 'callback', body: { phone: '+14155550123', name: 'Ann Lee', reason: 'billing question', scheduledAt: NOW + 60_000, priority: 3, channel: 'Internal' } },
      warnings: {},
    });
  });

  it('requires the phone', () => {
    for (const phone of ['', '   ']) {
      const result = validateCreateTaskForm(form({ type: 'callback', phone }), NOW);
      expect(result).toEqual({ ok: false, errors: { phone: 'Customer phone is required' }, warnings: {} });
    }
  });

  it('refuses a phone that is not a number, on the phone field', () => {
    const result = validateCreateTaskForm(form({ type: 'callback', phone: '12', priority: 7 }), NOW);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['phone', 'priority']);
    expect(result.errors.phone).toMatch(/not a valid phone number/);
  });

  it('maps a bad callback time to the due-date field', () => {
    const result = validateCreateTaskForm(form({ type: 'callback', phone: '+442071838750', dueAt: 1.5 }), NOW);
    expect(result).toMatchObject({ ok: false, errors: { dueAt: 'Pick a valid date and time' } });
  });

  it('warns about a callback time in the past', () => {
    const result = validateCreateTaskForm(form({ type: 'callback', phone: '+442071838750', dueAt: NOW - 1 }), NOW);
    expect(result).toMatchObject({ ok: true, warnings: { dueAt: 'This callback time is in the past' } });
  });
});
