/**
 * The inbox query as SQL over the cache's `items` table: the WHERE of common/query's compiler, the
 * full-text filter over `items_fts`, and the ORDER BY of its sort compiler
 * (by default most urgent first, then oldest first). The same compiler serves the
 * platform, so a query means the same thing on both sides.
 */
import { compileQuery, compileSort } from '../../../common/query';
import type { InboxQuery } from '../../../common/desktop-api';
import { toFtsQuery } from './full-text';

export type BuiltInboxQuery = { countSql: string; pageSql: string; params: unknown[] };

function stripKeyword(sql: string, keyword: RegExp): string {
  return sql.trim().replace(keyword, '').trim();
}

export function buildInboxQuery(query: Pick<InboxQuery, 'q' | 'sort' | 'text'>, now: number): BuiltInboxQuery {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.q !== undefined && query.q.trim() !== '') {
    const compiled = compileQuery(query.q, { now });
    const sql = stripKeyword(compiled.sql, /^where\s+/i);
    if (sql !== '') {
      where.push(`(${sql})`);
      params.push(...compiled.params);
    }
  }
  const fts = query.text === undefined ? null : toFtsQuery(query.text);
  if (fts !== null) {
    where.push('rowKey IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)');
    params.push(fts);
  }
  const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const sortSql = stripKeyword(compileSort(query.sort), /^order\s+by\s+/i);
  const orderSql = sortSql === '' ? 'ORDER BY workitemId' : `ORDER BY ${sortSql}`;
  return {
    countSql: `SELECT count(*) FROM items ${whereSql}`,
    pageSql: `SELECT data FROM items ${whereSql} ${orderSql} LIMIT ? OFFSET ?`,
    params,
  };
}
