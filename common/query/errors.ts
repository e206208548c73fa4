import { SwitchboardError } from '../errors';

/** Which kind of mistake, so callers (and tests) need not match on message text. */
export type QueryErrorReason =
  | 'syntax' // the shape of the query is wrong: a stray token, an unclosed quote or parenthesis
  | 'unknown_field'
  | 'invalid_value' // the value does not suit the field: not an integer, not a date, not a known state
  | 'unsupported' // well-formed but not offered: a range on a text field, a wildcard in the middle
  | 'too_complex'; // over the length, nesting or term limits

/**
 * A query (`q`) or sort (`sort`) the platform cannot run. It is a VALIDATION_FAILED error, so it
 * reaches the client as a 400 with a field error on the parameter; `position` is the 0-based index of
 * the character where the problem starts, for a cursor or a caret under the input.
 */
export class QuerySyntaxError extends SwitchboardError {
  constructor(
    message: string,
    readonly position: number,
    readonly reason: QueryErrorReason = 'syntax',
    path: 'q' | 'sort' = 'q',
  ) {
    const located = `Invalid ${path === 'q' ? 'query' : 'sort'} at position ${position}: ${message}`;
    super('VALIDATION_FAILED', located, [{ path, message: located }]);
    this.name = 'QuerySyntaxError';
  }
}
