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
  // The platform cannot store the change now (its database failed, or no node routes): try again, with the
  // same Idempotency-Key, here later or at another node. An extension of the contract's codes.
  'UNAVAILABLE',
  // Desktop-side codes (never sent by the platform):
  'OFFLINE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * The one map from an error code to its HTTP status (docs/api.md's conventions): every platform
 * route answers a SwitchboardError with it (server/http/app.ts), and the desktop reads a status back to a
 * code with `codeOfStatus` (main/core/platform/platform-error.ts).
 */
export const HTTP_STATUS_OF: Readonly<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ILLEGAL_TRANSITION: 409,
  VERSION_CONFLICT: 409,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  OFFLINE: 503,
  INTERNAL: 500,
};

/**
 * The code a bare status stands for, when a response carries no contract error body: the first code the
 * map gives that 4xx status (409 reads as ILLEGAL_TRANSITION); any other status is INTERNAL.
 */
export function codeOfStatus(status: number): ErrorCode {
  if (status < 400 || status >= 500) return 'INTERNAL';
  return ERROR_CODES.find((code) => HTTP_STATUS_OF[code] === status) ?? 'INTERNAL';
}

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

  /** As it crosses a boundary: `{code, message, fields?}`. */
  toApiError(): ErrorBody['error'] {
    return { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) };
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

/**
 * Any thrown value as the error that crosses a boundary (the core's results, IPC, the outbox's refusals):
 * a SwitchboardError keeps its code, message and fields; anything else is INTERNAL, its message prefixed
 * with `context` (where it happened) when given.
 */
export function apiErrorOf(thrown: unknown, context?: string): ErrorBody['error'] {
  if (thrown instanceof SwitchboardError) return thrown.toApiError();
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return { code: 'INTERNAL', message: context === undefined ? message : `${context}: ${message}` };
}
