/**
 * Turns a parsed query into a SQLite boolean expression over the work-item columns. Values travel only
 * as `?` parameters; the SQL text holds nothing but quoted names from the field whitelist, operators and
 * fixed literals, so no query can change the statement's shape.
 */
import type { QueryNode, RangeBound, TimeValue } from './ast';
import { FREE_TEXT_FIELDS, resolveField, type QueryFieldName } from './fields';

export type SqlParam = string | number | null;
export interface CompiledSql {
  sql: string;
  params: SqlParam[];
}
export interface CompileOptions {
  /** Unix ms that `now` stands for; passed in so a query is reproducible and testable. */
  now: number;
}

export const MATCH_ALL_SQL = '1=1';

/** Quotes a column name. Only names from QUERY_FIELDS get here; anything else is a programming error. */
export function quoteColumn(name: QueryFieldName): string {
  if (resolveField(name)?.name !== name) throw new Error(`not a query field: ${name}`);
  return `"${name}"`;
}

/** `%`, `_` and the escape character itself are matched literally inside a LIKE pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
const LIKE = `LIKE ? ESCAPE '\\'`;

/** A query pattern (`te?t`, `*son`, `a\*b*`) as a LIKE pattern: `*` → `%`, `?` → `_`, the rest literal. */
export function wildcardToLike(pattern: string): string {
  let like = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\' && i + 1 < pattern.length) like += escapeLike(pattern[++i]);
    else if (ch === '*') like += '%';
    else if (ch === '?') like += '_';
    else like += escapeLike(ch);
  }
  return like;
}

export function compileWhere(node: QueryNode | null, options: CompileOptions): CompiledSql {
  if (node === null) return { sql: MATCH_ALL_SQL, params: [] };
  const params: SqlParam[] = [];
  const sql = compileNode(node, options, params);
  return { sql, params };
}

function compileNode(node: QueryNode, options: CompileOptions, params: SqlParam[]): string {
  switch (node.type) {
    case 'and':
    case 'or': {
      const joiner = node.type === 'and' ? ' AND ' : ' OR ';
      return `(${node.children.map((child) => compileNode(child, options, params)).join(joiner)})`;
    }
    case 'not':
      // A comparison with NULL is NULL, and NOT NULL is still NULL: without COALESCE,
      // `NOT agentUsername:bob` would drop the unassigned items a person expects to see.
      return `(NOT COALESCE(${compileNode(node.child, options, params)}, 0))`;
    case 'match': {
      const column = quoteColumn(node.field);
      const field = resolveField(node.field)!;
      params.push(typeof node.value === 'string' ? node.value : resolveTime(node.value, options));
      return field.type === 'text' ? `${column} = ? COLLATE NOCASE` : `${column} = ?`;
    }
    case 'prefix':
      params.push(`${escapeLike(node.prefix)}%`);
      return `${quoteColumn(node.field)} ${LIKE}`;
    case 'wildcard': {
      const like = wildcardToLike(node.pattern);
      if (node.field !== null) {
        params.push(like);
        return `${quoteColumn(node.field)} ${LIKE}`;
      }
      // Like a bare word, a bare pattern may match anywhere inside the free-text fields.
      const parts = FREE_TEXT_FIELDS.map((field) => {
        params.push(`%${like}%`);
        return `${quoteColumn(field)} ${LIKE}`;
      });
      return `(${parts.join(' OR ')})`;
    }
    case 'exists':
      return `${quoteColumn(node.field)} IS NOT NULL`;
    case 'range':
      return compileRange(node.field, node.lower, node.upper, options, params);
    case 'text': {
      const pattern = `%${escapeLike(node.text)}%`;
      const parts = FREE_TEXT_FIELDS.map((field) => {
        params.push(pattern);
        return `${quoteColumn(field)} ${LIKE}`;
      });
      return `(${parts.join(' OR ')})`;
    }
  }
}

function compileRange(
  field: QueryFieldName,
  lower: RangeBound | null,
  upper: RangeBound | null,
  options: CompileOptions,
  params: SqlParam[],
): string {
  const column = quoteColumn(field);
  const parts: string[] = [];
  if (lower) {
    parts.push(`${column} ${lower.inclusive ? '>=' : '>'} ?`);
    params.push(resolveTime(lower.value, options));
  }
  if (upper) {
    parts.push(`${column} ${upper.inclusive ? '<=' : '<'} ?`);
    params.push(resolveTime(upper.value, options));
  }
  if (parts.length === 0) return `${column} IS NOT NULL`;
  return parts.length === 1 ? parts[0] : `(${parts.join(' AND ')})`;
}

function resolveTime(value: TimeValue, options: CompileOptions): number {
  return typeof value === 'number' ? value : options.now + value.offsetMs;
}
