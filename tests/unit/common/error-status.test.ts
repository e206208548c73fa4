/** The one error-to-status map: the platform answers with it, the desktop reads statuses back through it. */
import { describe, expect, it } from 'vitest';
import { codeOfStatus, ERROR_CODES, HTTP_STATUS_OF } from '../../../common/errors';
import { errorFromResponse } from '../../../main/core/platform/platform-error';

describe('HTTP_STATUS_OF and codeOfStatus', () => {
  it('gives every code the contract status, and reads each 4xx back to a code with that status', () => {
    expect(HTTP_STATUS_OF).toMatchObject({ VALIDATION_FAILED: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, ILLEGAL_TRANSITION: 409, VERSION_CONFLICT: 409, RATE_LIMITED: 429 });
    for (const code of ERROR_CODES) {
      const status = HTTP_STATUS_OF[code];
      if (status < 500) expect(HTTP_STATUS_OF[codeOfStatus(status)], code).toBe(status);
    }
    expect(codeOfStatus(409)).toBe('ILLEGAL_TRANSITION');
  });

  it('reads 5xx and statuses outside the map as INTERNAL', () => {
    for (const status of [500, 502, 503, 408, 418, 302]) expect(codeOfStatus(status), String(status)).toBe('INTERNAL');
  });

  it('is what the desktop uses for a platform answer without a contract body', () => {
    expect(errorFromResponse(403, 'nope')).toMatchObject({ code: 'FORBIDDEN', status: 403, retryable: false });
    expect(errorFromResponse(503, undefined)).toMatchObject({ code: 'INTERNAL', retryable: true });
  });
});
