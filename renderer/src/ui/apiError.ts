/** RTK Query types errors loosely (a SerializedError when a thunk itself throws); this narrows them to ApiError. */
import type { SerializedError } from '@reduxjs/toolkit';
import type { ApiError } from '../../../common/desktop-api';

export function asApiError(error: ApiError | SerializedError | undefined | null): ApiError {
  if (error && 'code' in error && typeof error.code === 'string' && typeof error.message === 'string') {
    return error as ApiError;
  }
  return { code: 'UNKNOWN', message: error?.message ?? 'Something went wrong.' };
}

export function errorMessage(error: ApiError | SerializedError | undefined | null): string | null {
  return error ? asApiError(error).message : null;
}
