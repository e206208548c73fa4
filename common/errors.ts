/**
 * Error codes and the error body of the platform contract. Every boundary (HTTP, WebSocket, IPC)
 * reports failures in this one shape so a person — or a form — can act on them.
 */
import { z } from 'zod';

export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'ILLEGAL_TRANSITION',
  'VERSION_CONFLICT',
  'RATE_LIMITED',
  // Desktop-side codes (never sent by the platform):
  'OFFLINE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** @public The one error-code → HTTP status map, for the platform's error handler (issue 7 moves it there). */
export const HTTP_STATUS_OF: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ILLEGAL_TRANSITION: 409,
  VERSION_CONFLICT: 409,
  RATE_LIMITED: 429,
  OFFLINE: 503,
  INTERNAL: 500,
};

export const FieldErrorSchema = z.object({ path: z.string(), message: z.string() });
export type FieldError = z.infer<typeof FieldErrorSchema>;

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(FieldErrorSchema).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** An error that crosses a boundary: a code from the contract, a message a person can act on, field errors. */
export class SwitchboardError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
    this.name = 'SwitchboardError';
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) } };
  }
}

/** zod issues as the contract's field errors: `callback.phone`, `entries.2.phone`, … */
export function fieldErrorsFromZod(error: z.ZodError, prefix: readonly (string | number)[] = []): FieldError[] {
  return error.issues.map((issue) => {
    const path = [...prefix, ...issue.path].map(String).join('.');
    return { path: path === '' ? '(body)' : path, message: issue.message };
  });
}

export function validationError(error: z.ZodError, what = 'request', prefix: readonly (string | number)[] = []): SwitchboardError {
  const fields = fieldErrorsFromZod(error, prefix);
  const first = fields[0];
  const summary = first ? `${first.path}: ${first.message}` : 'invalid';
  return new SwitchboardError('VALIDATION_FAILED', `Invalid ${what}: ${summary}`, fields);
}

/** Parse `input` with `schema` or throw VALIDATION_FAILED with field errors. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what?: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(result.error, what);
  return result.data;
}
