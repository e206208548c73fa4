/**
 * Row-change capture on the SQLite working copy, generic over the schema: an AFTER INSERT / UPDATE / DELETE
 * trigger on every real table appends (table, primary key as a JSON array, op) to `_changes`, in the same
 * transaction as the change (a rolled-back change or savepoint takes its records with it).
 *
 * `capture()` turns the records into the rows to ship: for each changed key, the row as it is NOW, or a
 * delete when it is gone (so the op only documents; the current state decides, and an insert followed by a
 * delete ships nothing but a delete of a key PostgreSQL may never have had). It must run when no transaction
 * is open on the connection, or it would read (and ship) changes not yet committed: the platform calls it
 * right after each COMMIT (SyncPipeline.afterCommit), never from the sync that ships later.
 */
import type { Db } from '../database';
import { CHANGES_TABLE, quoteIdent, type TableSpec } from './schema';

/** Changed rows per table: key (JSON of the primary key) → the row's values in column order, or null: deleted. */
export type ChangeSet = Map<string, Map<string, unknown[] | null>>;

export function installChangeCapture(db: Db, tables: TableSpec[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS ${CHANGES_TABLE} (seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, pk TEXT NOT NULL, op TEXT NOT NULL)`);
  for (const table of tables) {
    const t = quoteIdent(table.name);
    const key = (row: 'NEW' | 'OLD') => `json_array(${table.primaryKey.map((c) => `${row}.${quoteIdent(c)}`).join(', ')})`;
    const name = (op: string) => quoteIdent(`_capture_${table.name}_${op}`);
    const record = (row: 'NEW' | 'OLD', op: string) => `INSERT INTO ${CHANGES_TABLE} (tbl, pk, op) VALUES ('${table.name.replace(/'/g, "''")}', ${key(row)}, '${op}')`;
    db.exec(`
      CREATE TRIGGER IF NOT EXISTS ${name('insert')} AFTER INSERT ON ${t} BEGIN ${record('NEW', 'insert')}; END;
      CREATE TRIGGER IF NOT EXISTS ${name('delete')} AFTER DELETE ON ${t} BEGIN ${record('OLD', 'delete')}; END;
      CREATE TRIGGER IF NOT EXISTS ${name('update')} AFTER UPDATE ON ${t} BEGIN
        ${record('OLD', 'update')};
        ${record('NEW', 'update')};
      END;
    `);
  }
}

/** Reads the change records and the current rows they name, and deletes the records: one synchronous step. */
export function changeReader(db: Db, tables: TableSpec[]): () => ChangeSet {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const records = db.prepare<[], { seq: number; tbl: string; pk: string }>(`SELECT seq, tbl, pk FROM ${CHANGES_TABLE} ORDER BY seq`);
  const clear = db.prepare(`DELETE FROM ${CHANGES_TABLE} WHERE seq <= ?`);
  const rowOf = new Map(
    tables.map((t) => [
      t.name,
      db.prepare(`SELECT ${t.columns.map((c) => quoteIdent(c.name)).join(', ')} FROM ${quoteIdent(t.name)} WHERE ${t.primaryKey.map((c) => `${quoteIdent(c)} = ?`).join(' AND ')}`).raw(),
    ]),
  );
  return () => {
    const changes: ChangeSet = new Map();
    const rows = records.all();
    if (rows.length === 0) return changes;
    for (const { tbl, pk } of rows) {
      if (!byName.has(tbl)) continue;
      let table = changes.get(tbl);
      if (!table) changes.set(tbl, (table = new Map<string, unknown[] | null>()));
      table.set(pk, null);
    }
    for (const [tbl, keys] of changes) {
      const read = rowOf.get(tbl)!;
      for (const pk of keys.keys()) keys.set(pk, (read.get(...(JSON.parse(pk) as unknown[])) as unknown[] | undefined) ?? null);
    }
    clear.run(rows[rows.length - 1].seq);
    return changes;
  };
}

/** Folds `later` into `into` (a later state of a row wins). */
export function mergeChanges(into: ChangeSet, later: ChangeSet): void {
  for (const [tbl, keys] of later) {
    const table = into.get(tbl);
    if (!table) into.set(tbl, keys);
    else for (const [pk, row] of keys) table.set(pk, row);
  }
}
