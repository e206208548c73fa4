/**
 * The inbox query as SQL over the cache's `items` table: the WHERE of common/query's compiler, the
 * full-text filter over `items_fts`, and the ORDER BY of its sort compiler
 * (by default most urgent first, then oldest first). The same compiler serves the
 * platform, so a query means the same thing on both sides.
 */
import { compileQuery, compileSort } from '../../../common/query';
import type { InboxQuery } from '../../../common/desktop-api';
import { toFtsQuery } from './full-text';

export type BuiltInboxQuery = { countSql: string; pageSql: string; params: unknown[]; fts: string | null };

/**
 * How to join the full-text matches: few matches are looked up by key and sorted; many are found by
 * walking the sort's index and keeping the matches (`+rowKey` stops SQLite looking them up one by one),
 * which stops after one page instead of sorting thousands of rows.
 */
export type FtsPlan = 'lookup' | 'scan';
export const FTS_SCAN_ABOVE_MATCHES = 1500;

function stripKeyword(sql: string, keyword: RegExp): string {
  return sql.trim().replace(keyword, '').trim();
}

export function buildInboxQuery(query: Pick<InboxQuery, 'q' | 'sort' | 'text'>, now: number, ftsPlan: FtsPlan = 'lookup'): BuiltInboxQuery {
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
    where.push(`${ftsPlan === 'scan' ? '+rowKey' : 'rowKey'} IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)`);
    params.push(fts);
  }
  const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const sortSql = stripKeyword(compileSort(query.sort), /^order\s+by\s+/i);
  const orderSql = sortSql === '' ? 'ORDER BY workitemId' : `ORDER BY ${sortSql}`;
  return {
    countSql: `SELECT count(*) FROM items ${whereSql}`,
    // Keys first, rows after: the sort then moves small index entries, not every match's JSON.
    pageSql: `SELECT rowKey FROM items ${whereSql} ${orderSql} LIMIT ? OFFSET ?`,
    params,
    fts,
  };
}
