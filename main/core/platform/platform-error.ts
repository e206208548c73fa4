/**
 * A failed platform call as a contract error. `status` is the HTTP status (0 when the platform could not
 * be reached), `retryable` says whether sending the same request again later may succeed: network
 * failures, 5xx and 429 are; any other refusal (4xx) is the platform's final answer.
 */
import { codeOfStatus, ERROR_CODES, ErrorBodySchema, SwitchboardError, type ErrorCode, type FieldError } from '../../../common/errors';

export class PlatformError extends SwitchboardError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly status: number,
    readonly retryable: boolean,
    fields?: FieldError[],
  ) {
    super(code, message, fields);
    this.name = 'PlatformError';
  }
}

export function offlineError(url: string, cause: unknown): PlatformError {
  const reason = cause instanceof Error ? ((cause.cause as Error | undefined)?.message ?? cause.message) : String(cause);
  return new PlatformError('OFFLINE', `The platform at ${url} cannot be reached (${reason}); actions are kept and sent when it is back.`, 0, true);
}

/** The error of a non-2xx response, from its contract error body when it has one. */
export function errorFromResponse(status: number, body: unknown): PlatformError {
  const parsed = ErrorBodySchema.safeParse(body);
  const retryable = status >= 500 || status === 429 || status === 408;
  if (parsed.success) {
    const known = (ERROR_CODES as readonly string[]).includes(parsed.data.error.code);
    const code = known ? (parsed.data.error.code as ErrorCode) : codeOfStatus(status);
    return new PlatformError(code, parsed.data.error.message, status, retryable, parsed.data.error.fields);
  }
  return new PlatformError(codeOfStatus(status), `The platform answered HTTP ${status}.`, status, retryable);
}
