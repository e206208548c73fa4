/**
 * The work-item query language (seed 001's `q`, docs/query-language.md) and the `sort` parameter,
 * compiled to SQLite for both the platform's store and the desktop cache.
 */
import { parseQuery } from './parser';
import { compileWhere, MATCH_ALL_SQL, type CompileOptions, type CompiledSql } from './compile-sql';

export type { QueryNode } from './ast';
export { QuerySyntaxError } from './errors';
export { QUERY_FIELDS } from './fields';
export { parseQuery, MAX_QUERY_LENGTH, MAX_QUERY_DEPTH, MAX_QUERY_TERMS } from './parser';
export { compileWhere, escapeLike, type CompileOptions, type CompiledSql } from './compile-sql';
export { compileSort, DEFAULT_SORT_SQL } from './sort';

/** Parse and compile `q`; a missing or blank query matches every item. */
export function compileQuery(q: string | undefined, options: CompileOptions): CompiledSql {
  if (q === undefined || q.trim() === '') return { sql: MATCH_ALL_SQL, params: [] };
  return compileWhere(parseQuery(q), options);
}
