import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  AssigneeSchema,
  AssignRequestSchema,
  CreateCallbackRequestSchema,
  CreateCampaignRequestSchema,
  CreateWorkItemRequestSchema,
  ListWorkItemsQuerySchema,
  TargetRequestSchema,
} from '../../../common/api';
import { fieldErrorsFromZod, parseOrThrow, SwitchboardError } from '../../../common/errors';
import { PrioritySchema, priorityFromLabel } from '../../../common/vocabulary';

function fieldErrors(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`expected ${JSON.stringify(input)} to be refused`);
  return fieldErrorsFromZod(result.error);
}

describe('CreateCallbackRequestSchema', () => {
  it('normalises the phone to E.164', () => {
    expect(CreateCallbackRequestSchema.parse({ phone: '415-555-0123' }).phone).toBe('+14155550123');
    expect(CreateCallbackRequestSchema.parse({ phone: '+44 20 7183 8750' }).phone).toBe('+442071838750');
    expect(CreateCallbackRequestSchema.parse({ phone: 'tel:+14155550123' }).phone).toBe('+14155550123');
  });

  it('refuses a missing, empty or invalid phone with a field error on `phone`', () => {
    for (const body of [{}, { phone: '' }, { phone: 'call me' }, { phone: '123' }, { phone: 4155550123 }]) {
      const errors = fieldErrors(CreateCallbackRequestSchema, body);
      expect(errors.map((e) => e.path)).toEqual(['phone']);
    }
  });

  it('reaches the contract error body through parseOrThrow', () => {
    try {
      parseOrThrow(CreateCallbackRequestSchema, { phone: 'nope' }, 'callback');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SwitchboardError);
      const body = (e as SwitchboardError).toBody();
      expect(body.error.code).toBe('VALIDATION_FAILED');
      expect(body.error.fields?.[0].path).toBe('phone');
    }
  });

  it('normalises every phone in a campaign and names the bad entry', () => {
    const ok = CreateCampaignRequestSchema.parse({ name: 'c', queueId: 'q', entries: [{ phone: '415 555 0123' }] });
    expect(ok.entries[0].phone).toBe('+14155550123');
    expect(fieldErrors(CreateCampaignRequestSchema, { name: 'c', queueId: 'q', entries: [{ phone: '+14155550123' }, { phone: 'x' }] }).map((e) => e.path)).toEqual([
      'entries.1.phone',
    ]);
  });
});

describe('CreateWorkItemRequestSchema', () => {
  it('refuses type callback with a field error on `type`', () => {
    const errors = fieldErrors(CreateWorkItemRequestSchema, { type: 'callback' });
    expect(errors).toEqual([{ path: 'type', message: 'callbacks are created with POST /v1/callbacks' }]);
  });

  it('accepts the other kinds and refuses unknown fields', () => {
    for (const type of ['task', 'review', 'approval', 'chat', 'call', 'email']) {
      expect(CreateWorkItemRequestSchema.safeParse({ type }).success).toBe(true);
    }
    expect(fieldErrors(CreateWorkItemRequestSchema, { type: 'task', colour: 'red' })[0].path).toBe('(body)');
  });

  it('needs exactly one of agentUsername and team in the assignee', () => {
    expect(CreateWorkItemRequestSchema.parse({ type: 'task', assignee: { agentUsername: 'alice' } }).assignee).toEqual({ agentUsername: 'alice' });
    expect(CreateWorkItemRequestSchema.parse({ type: 'task', assignee: { team: 'billing' } }).assignee).toEqual({ team: 'billing' });
    for (const assignee of [{}, { agentUsername: 'alice', team: 'billing' }]) {
      expect(fieldErrors(CreateWorkItemRequestSchema, { type: 'task', assignee }).map((e) => e.path)).toEqual(['assignee.agentUsername']);
    }
  });
});

describe('exactly-one-of targets', () => {
  it('assignee, assign and transfer/conference targets take one of their two keys', () => {
    expect(AssigneeSchema.safeParse({ team: 't' }).success).toBe(true);
    expect(AssigneeSchema.safeParse({}).success).toBe(false);
    expect(AssignRequestSchema.safeParse({ agentUsername: 'a', team: 't' }).success).toBe(false);
    expect(AssignRequestSchema.safeParse({ team: 't', expectedVersion: 3 }).success).toBe(true);
    expect(TargetRequestSchema.safeParse({ queueId: 'q' }).success).toBe(true);
    expect(TargetRequestSchema.safeParse({ agentUsername: 'bob' }).success).toBe(true);
    expect(fieldErrors(TargetRequestSchema, { queueId: 'q', agentUsername: 'bob' })).toEqual([
      { path: 'queueId', message: 'give exactly one of queueId or agentUsername' },
    ]);
    expect(TargetRequestSchema.safeParse({ queueId: '   ' }).success).toBe(false);
  });
});

describe('priority', () => {
  it('is only 1, 2, 3, 5 or 8', () => {
    for (const p of [1, 2, 3, 5, 8]) expect(PrioritySchema.parse(p)).toBe(p);
    for (const p of [0, 4, 6, 7, 9, 2.5, '1', null]) expect(PrioritySchema.safeParse(p).success).toBe(false);
    expect(fieldErrors(CreateWorkItemRequestSchema, { type: 'task', priority: 4 })).toEqual([
      { path: 'priority', message: 'priority must be one of 1 (Critical), 2 (High), 3 (Medium), 5 (Normal), 8 (Low)' },
    ]);
    expect(fieldErrors(CreateCallbackRequestSchema, { phone: '+14155550123', priority: 10 }).map((e) => e.path)).toEqual(['priority']);
  });

  it('maps seed 004 labels by name', () => {
    expect(['Low', 'Medium', 'High', 'Critical', ' normal '].map(priorityFromLabel)).toEqual([8, 3, 2, 1, 5]);
    expect(priorityFromLabel('Urgent')).toBeUndefined();
  });
});

describe('ListWorkItemsQuerySchema', () => {
  it('defaults rows to 25, coerces query strings and caps rows at 500', () => {
    expect(ListWorkItemsQuerySchema.parse({})).toEqual({ rows: 25, start: 0 });
    expect(ListWorkItemsQuerySchema.parse({ rows: '500', start: '50' })).toEqual({ rows: 500, start: 50 });
    expect(fieldErrors(ListWorkItemsQuerySchema, { rows: '501' }).map((e) => e.path)).toEqual(['rows']);
  });
});
