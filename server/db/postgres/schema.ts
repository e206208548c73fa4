/**
 * The PostgreSQL tables derived mechanically from the SQLite schema (the numbered migrations in
 * ../migrations/ are the one schema of both stores): every real table of the working copy becomes a PG table
 * with the same name, the same columns (by SQLite's declared type: INTEGER→bigint, REAL→double precision,
 * TEXT→text, BLOB→bytea), the same primary key and the same indexes (partial ones as full, unique partial
 * ones as plain: their WHERE is SQLite syntax). No other constraint is copied: the SQLite working copy checks
 * every write before it reaches PostgreSQL, which only keeps the rows.
 *
 * Identifiers are double-quoted in PostgreSQL: the SQLite schema is camelCase, which PG would fold to lower
 * case unquoted.
 */
import type { Db } from '../database';

export interface ColumnSpec {
  name: string;
  pgType: 'bigint' | 'double precision' | 'text' | 'bytea';
}

export interface IndexSpec {
  name: string;
  columns: string[];
  unique: boolean;
}

export interface TableSpec {
  name: string;
  columns: ColumnSpec[];
  /** primary-key columns, in key order */
  primaryKey: string[];
  indexes: IndexSpec[];
}

/** The table that records row changes in PostgreSQL mode (./changes.ts): never copied itself. */
export const CHANGES_TABLE = '_changes';

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** SQLite's affinity rules (https://sqlite.org/datatype3.html, 3.1), narrowed to the four this schema uses. */
function pgTypeOf(table: string, column: string, declared: string): ColumnSpec['pgType'] {
  const type = declared.toUpperCase();
  if (type.includes('INT')) return 'bigint';
  if (type.includes('CHAR') || type.includes('CLOB') || type.includes('TEXT')) return 'text';
  if (type.includes('BLOB')) return 'bytea';
  if (type.includes('REAL') || type.includes('FLOA') || type.includes('DOUB')) return 'double precision';
  // NUMERIC affinity or no declared type: a column may then hold any kind of value, which has no one PG type.
  throw new Error(`${table}.${column}: declared type "${declared}" has no PostgreSQL counterpart; declare INTEGER, REAL, TEXT or BLOB`);
}

interface TableListRow {
  schema: string;
  name: string;
  type: string;
}
interface ColumnRow {
  name: string;
  type: string;
  pk: number;
}
interface IndexListRow {
  name: string;
  unique: number;
  origin: string;
  partial: number;
}

/** The real tables of `db` (no virtual tables, their shadow tables, views or SQLite's own), in name order. */
export function describeTables(db: Db): TableSpec[] {
  const tables = (db.pragma('table_list') as TableListRow[])
    .filter((t) => t.schema === 'main' && t.type === 'table' && !t.name.startsWith('sqlite_') && t.name !== CHANGES_TABLE)
    .map((t) => t.name)
    .sort();
  return tables.map((name) => {
    const columns = db.pragma(`table_info(${quoteIdent(name)})`) as ColumnRow[];
    const primaryKey = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    if (primaryKey.length === 0) throw new Error(`table ${name} has no primary key: the PostgreSQL store needs one to ship its rows`);
    const indexes = (db.pragma(`index_list(${quoteIdent(name)})`) as IndexListRow[])
      .filter((i) => i.origin !== 'pk')
      .map((i) => ({
        name: i.name,
        unique: i.unique === 1 && i.partial === 0,
        columns: (db.pragma(`index_info(${quoteIdent(i.name)})`) as Array<{ seqno: number; name: string | null }>)
          .sort((a, b) => a.seqno - b.seqno)
          .map((c) => c.name)
          .filter((c): c is string => c !== null),
      }))
      .filter((i) => i.columns.length > 0)
      .sort((a, b) => a.name.localeCompare(b.name));
    return { name, columns: columns.map((c) => ({ name: c.name, pgType: pgTypeOf(name, c.name, c.type) })), primaryKey, indexes };
  });
}

/**
 * Statements that bring PostgreSQL's tables to `tables`: tables created when missing, missing columns added
 * (a migration that adds a column), indexes dropped and made again (a migration may redefine one). Columns
 * and tables a migration dropped stay in PostgreSQL, unused.
 */
export function ddlFor(tables: TableSpec[]): string[] {
  const statements: string[] = [];
  for (const table of tables) {
    const t = quoteIdent(table.name);
    const columns = table.columns.map((c) => `${quoteIdent(c.name)} ${c.pgType}`);
    statements.push(`CREATE TABLE IF NOT EXISTS ${t} (${columns.join(', ')}, PRIMARY KEY (${table.primaryKey.map(quoteIdent).join(', ')}))`);
    for (const c of table.columns) statements.push(`ALTER TABLE ${t} ADD COLUMN IF NOT EXISTS ${quoteIdent(c.name)} ${c.pgType}`);
    for (const index of table.indexes) {
      statements.push(`DROP INDEX IF EXISTS ${quoteIdent(index.name)}`);
      statements.push(`CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(index.name)} ON ${t} (${index.columns.map(quoteIdent).join(', ')})`);
    }
  }
  return statements;
}
