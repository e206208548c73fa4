/**
 * Errors as `ApiResult` data: nothing is thrown across the core's boundary (common/desktop-api.ts).
 */
import type { ApiError, ApiResult } from '../../common/desktop-api';
import { apiErrorOf } from '../../common/errors';

/**
 * A refusal that is already an `ApiError` (the outbox's answer, whose code may be any the platform sent):
 * thrown by a handler, it crosses the boundary exactly as it is.
 */
export class ApiRefusal extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiRefusal';
  }
}

export function errorResult(error: unknown): ApiResult<never> {
  if (error instanceof ApiRefusal) return { ok: false, error: error.error };
  return { ok: false, error: apiErrorOf(error, 'Something went wrong in the desktop core') };
}
