/**
 * One operation call from an untrusted transport into the core: the name is checked against the
 * operation list, the request against its zod schema, and anything thrown becomes an error result, so
 * nothing throws across the boundary.
 */
import { DESKTOP_OPERATIONS, type ApiError, type ApiResult, type OperationName } from '../../common/desktop-api';
import { apiErrorOf, validationError } from '../../common/errors';
import type { DesktopCorePort } from './core-port';

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(DESKTOP_OPERATIONS, name);
}

export async function dispatchOperation(core: DesktopCorePort, name: unknown, request: unknown): Promise<ApiResult<unknown>> {
  if (!isOperationName(name)) {
    return failure({ code: 'NOT_FOUND', message: `Unknown operation ${JSON.stringify(String(name)).slice(0, 80)}` });
  }
  const parsed = DESKTOP_OPERATIONS[name].request.safeParse(request ?? {});
  if (!parsed.success) return failure(validationError(parsed.error, `${name} request`).toApiError());
  try {
    const result = await core.invoke(name, parsed.data);
    if (!isApiResult(result)) return failure({ code: 'INTERNAL', message: `${name} returned no result` });
    return result;
  } catch (error) {
    return failure(apiErrorOf(error, `${name} failed`));
  }
}

function isApiResult(value: unknown): value is ApiResult<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const ok = (value as { ok?: unknown }).ok;
  return ok === true || (ok === false && typeof (value as { error?: unknown }).error === 'object');
}

function failure(error: ApiError): ApiResult<never> {
  return { ok: false, error };
}
