/**
 * Checks for what crosses the renderer ⇄ core boundary in the direction requests do not: operation
 * results and pushed event payloads, against the schemas of common/desktop-api.ts. The renderer runs them
 * on everything it receives (a malformed answer becomes a clear INTERNAL error, a malformed event is
 * dropped, and neither reaches Redux); the core runs the result check on its own handlers in tests and
 * development, so a handler that drifts from the contract fails there first.
 */
import { z } from 'zod';
import {
  DESKTOP_EVENTS,
  DESKTOP_OPERATIONS,
  type ApiError,
  type ApiResult,
  type EventName,
  type EventPayload,
  type OperationName,
  type OperationResponse,
} from './desktop-api';
import { fieldErrorsFromZod, FieldErrorSchema } from './errors';

export const ApiErrorSchema = z.object({ code: z.string().min(1), message: z.string(), fields: z.array(FieldErrorSchema).optional() });

const ResultShapeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ApiErrorSchema }),
]);

function describe(error: z.ZodError): { summary: string; fields: ApiError['fields'] } {
  const fields = fieldErrorsFromZod(error);
  const first = fields[0];
  return { summary: first ? `${first.path}: ${first.message}` : 'invalid', fields };
}

export type ResultCheck<N extends OperationName> = {
  /** the result as the app should see it: the value as parsed, or the error */
  result: ApiResult<OperationResponse<N>>;
  /** what did not match the contract, or null */
  violation: string | null;
};

/**
 * `result` as received for `operation`: passed on (its value as parsed) when it matches the contract,
 * else replaced by an INTERNAL error naming the operation and the first mismatch.
 */
export function checkOperationResult<N extends OperationName>(operation: N, result: unknown): ResultCheck<N> {
  const shape = ResultShapeSchema.safeParse(result);
  if (!shape.success) {
    const violation = `The answer to ${operation} is not a result ({ok, value} or {ok, error}).`;
    return { result: { ok: false, error: { code: 'INTERNAL', message: violation } }, violation };
  }
  if (!shape.data.ok) return { result: { ok: false, error: shape.data.error }, violation: null };
  // TypeScript cannot narrow a lookup by a generic key; the table pairs each name with its own schema.
  const schema = DESKTOP_OPERATIONS[operation].response as unknown as z.ZodType<OperationResponse<N>>;
  const value = schema.safeParse(shape.data.value);
  if (!value.success) {
    const { summary, fields } = describe(value.error);
    const violation = `The answer to ${operation} does not match the contract (${summary}).`;
    return { result: { ok: false, error: { code: 'INTERNAL', message: violation, fields } }, violation };
  }
  return { result: { ok: true, value: value.data }, violation: null };
}

export type EventCheck<N extends EventName> = { ok: true; payload: EventPayload<N> } | { ok: false; message: string };

/** `payload` as received for `event`, checked against the event's schema. */
export function checkEventPayload<N extends EventName>(event: N, payload: unknown): EventCheck<N> {
  const schema = DESKTOP_EVENTS[event] as unknown as z.ZodType<EventPayload<N>>;
  const parsed = schema.safeParse(payload);
  if (parsed.success) return { ok: true, payload: parsed.data };
  return { ok: false, message: `The ${event} event does not match the contract (${describe(parsed.error).summary}); it was dropped.` };
}
