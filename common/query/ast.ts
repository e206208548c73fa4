/**
 * The parsed query. Values are already validated and converted for their field (integers are numbers,
 * ISO dates are Unix ms), so compiling never fails; only `now` is left symbolic because the parser does
 * not know the clock — the compiler gets it in `options.now`.
 */
import type { QueryFieldName } from './fields';

/** `now`, `now-1d`, `now+2h30m`: an offset from the moment the query runs. */
export interface RelativeTime {
  readonly type: 'now';
  readonly offsetMs: number;
}

/** A timestamp field's value: absolute Unix ms or relative to now. */
export type TimeValue = number | RelativeTime;

/** keyword/text: string; integer: number; timestamp: TimeValue. */
export type MatchValue = string | TimeValue;

export interface RangeBound {
  readonly value: number | RelativeTime;
  readonly inclusive: boolean;
}

export type QueryNode =
  | { readonly type: 'and'; readonly children: readonly QueryNode[] }
  | { readonly type: 'or'; readonly children: readonly QueryNode[] }
  | { readonly type: 'not'; readonly child: QueryNode }
  /** field:value — equality (text fields ignore case) */
  | { readonly type: 'match'; readonly field: QueryFieldName; readonly value: MatchValue }
  /** field:value* — starts with (keyword and text fields) */
  | { readonly type: 'prefix'; readonly field: QueryFieldName; readonly prefix: string }
  /** field:[a TO b] — a missing bound (`*`) is null; both missing means "has a value" */
  | {
      readonly type: 'range';
      readonly field: QueryFieldName;
      readonly lower: RangeBound | null;
      readonly upper: RangeBound | null;
    }
  /**
   * field:te?t, field:*son — the whole value matches a pattern (`*` any run of characters, `?` one);
   * without a field the pattern is searched inside the free-text fields. `pattern` keeps the query's
   * spelling: bare `*`/`?` are wildcards, `\x` is a literal x.
   */
  | { readonly type: 'wildcard'; readonly field: QueryFieldName | null; readonly pattern: string }
  /** field:* or _exists_:field — the field has a value */
  | { readonly type: 'exists'; readonly field: QueryFieldName }
  /** a bare term — contained in the subject, description or the contact's name, phone or email */
  | { readonly type: 'text'; readonly text: string };
