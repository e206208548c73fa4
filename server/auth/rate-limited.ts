import { SwitchboardError } from '../../common/errors';

/** 429 RATE_LIMITED with the seconds to wait, sent as Retry-After (server/http/app.ts). */
export class RateLimitedError extends SwitchboardError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('RATE_LIMITED', message);
  }
}
