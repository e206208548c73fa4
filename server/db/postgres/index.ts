/**
 * PostgreSQL as the platform's durable store (config `store.url`; docs/scaling.md, "How the PostgreSQL store
 * works"). The platform keeps running on SQLite: a fresh working copy in dataDir, loaded from PostgreSQL at
 * start (`openWorkingCopy`), and every commit on it is shipped to PostgreSQL before it is acknowledged
 * (`createShipper`: its `sync` takes the place of the WAL's fsync in the SyncPipeline), so no answer and no
 * event leaves before the PostgreSQL commit that covers it.
 *
 * The pieces, for a node that takes over routing (issue 13, several nodes): `connect(url)`, then
 * `openWorkingCopy(pool, dataDir)` (migrate + load in one step, under an advisory lock), then
 * `createShipper(db, pool)`; startPlatform (../../platform.ts) does exactly that.
 */
import pg from 'pg';
import { MigrationError } from '../../../common/sqlite-migrations';
import { closeDatabase, openDatabase, type Db } from '../database';
import { LATEST_VERSION, migrate as migrateSqlite, schemaVersion } from '../migrations/index';
import type { Durability } from '../sync-pipeline';
import { changeReader, installChangeCapture, mergeChanges, type ChangeSet } from './changes';
import { ddlFor, describeTables, quoteIdent, type TableSpec } from './schema';

/** The working copy's file in dataDir: thrown away and made again from PostgreSQL at every start. */
export const WORKING_COPY_FILE = 'working-copy.sqlite';

/** Taken while a node migrates and loads, so two nodes never migrate at once (any fixed 64-bit number). */
const MIGRATION_LOCK = 0x5377_6974_6368;
/** Rows per page when loading, and at most this many rows per INSERT when shipping. */
const PAGE_ROWS = 2000;
/** PostgreSQL's limit of bind parameters in one statement. */
const MAX_PARAMETERS = 65_535;

/**
 * bigint (int8) comes back as a JS number when it fits (every value this schema keeps: counts, sequence
 * numbers, Unix ms), else as a BigInt, which better-sqlite3 binds exactly; never as the string pg defaults to.
 */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8 && format !== 'binary') {
      return (value: string) => {
        const n = Number(value);
        return Number.isSafeInteger(n) ? n : BigInt(value);
      };
    }
    return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
  },
} as unknown as pg.CustomTypesConfig;

/** For 'error' events of connections: the query under way (or the next one) fails with the error itself. */
function ignore(): void {}

/** A pool on `url`, checked with one round trip (a clear error when PostgreSQL cannot be reached). */
export async function connect(url: string, options: { max?: number } = {}): Promise<pg.Pool> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 4,
    types,
    // A dead server must fail the sync (an error answer), not hang every request behind it.
    connectionTimeoutMillis: 10_000,
    query_timeout: 30_000,
    application_name: 'switchboard-platform',
  });
  // An idle client whose server went away reports it here; the next query fails and says so. Without a
  // listener the error would end the process.
  pool.on('error', ignore);
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new Error(`cannot reach the PostgreSQL store at ${redacted(url)}: ${(err as Error).message}`, { cause: err });
  }
  return pool;
}

/** The URL without its password, for messages and logs. */
export function redacted(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/** The migration number PostgreSQL's tables are at (0: none yet). */
async function pgSchemaVersion(client: pg.ClientBase): Promise<number> {
  await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
  return rows[0].version ?? 0;
}

/**
 * A fresh SQLite working copy in `dataDir`, with everything PostgreSQL holds, at the latest schema, capturing
 * its changes for `createShipper`. In one PostgreSQL transaction under an advisory lock: PostgreSQL's
 * migration number V is read (newer than this platform knows: refused); the copy is made at V and loaded;
 * when V is older, the SQLite migrations V+1… run on the loaded copy (so a migration's data changes apply
 * to PostgreSQL's rows too), PostgreSQL's tables are brought to the new schema and refilled from the copy,
 * and the new number is recorded. Closes the copy again on failure.
 */
export async function openWorkingCopy(pool: pg.Pool, dataDir: string): Promise<Db> {
  const client = await pool.connect();
  client.on('error', ignore);
  let db: Db | undefined;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      const version = await pgSchemaVersion(client);
      if (version > LATEST_VERSION) {
        throw new MigrationError(`the PostgreSQL store's schema version ${version} is newer than this platform knows (${LATEST_VERSION}): upgrade the platform rather than risk the data`, version);
      }
      db = openDatabase(dataDir, { file: WORKING_COPY_FILE, fresh: true, synchronous: 'normal', migrateTo: version });
      if (version > 0) await loadInto(db, client);
      if (version < LATEST_VERSION) {
        migrateSqlite(db);
        const tables = describeTables(db);
        for (const statement of ddlFor(tables)) await client.query(statement);
        await refill(client, db, tables);
        await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [schemaVersion(db)]);
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    }
    installChangeCapture(db, describeTables(db));
    return db;
  } catch (err) {
    if (db) closeDatabase(db);
    throw err;
  } finally {
    client.off('error', ignore);
    client.release();
  }
}

/**
 * Copies every table of `db`'s schema from PostgreSQL into `db` (empty, at the same schema version), page by
 * page in primary-key order, in one SQLite transaction, then rebuilds full-text indexes (virtual tables are
 * not stored in PostgreSQL). Runs inside the caller's PostgreSQL transaction, so it reads one snapshot.
 */
export async function loadInto(db: Db, client: pg.ClientBase): Promise<void> {
  const tables = describeTables(db);
  db.exec('BEGIN');
  // Tables load in name order, not in the order their foreign keys need: checked once, at COMMIT.
  db.pragma('defer_foreign_keys = ON');
  try {
    for (const table of tables) {
      const columns = table.columns.map((c) => quoteIdent(c.name)).join(', ');
      const insert = db.prepare(`INSERT INTO ${quoteIdent(table.name)} (${columns}) VALUES (${table.columns.map(() => '?').join(', ')})`);
      const keyIndexes = table.primaryKey.map((k) => table.columns.findIndex((c) => c.name === k));
      const key = table.primaryKey.map(quoteIdent).join(', ');
      let after: unknown[] | undefined;
      for (;;) {
        const where = after ? `WHERE (${key}) > (${after.map((_, i) => `$${i + 1}`).join(', ')})` : '';
        const { rows } = await client.query<unknown[]>({
          text: `SELECT ${columns} FROM ${quoteIdent(table.name)} ${where} ORDER BY ${key} LIMIT ${PAGE_ROWS}`,
          values: after ?? [],
          rowMode: 'array',
        });
        for (const row of rows) insert.run(...row);
        if (rows.length < PAGE_ROWS) break;
        const last = rows[rows.length - 1];
        after = keyIndexes.map((i) => last[i]);
      }
    }
    for (const fts of db.prepare<[], string>(`SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts%'`).pluck().all()) {
      db.exec(`INSERT INTO ${quoteIdent(fts)} (${quoteIdent(fts)}) VALUES ('rebuild')`);
    }
    db.exec('COMMIT');
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
}

/** After a migration: PostgreSQL's rows replaced by the migrated copy's, table by table. */
async function refill(client: pg.ClientBase, db: Db, tables: TableSpec[]): Promise<void> {
  for (const table of tables) {
    await client.query(`TRUNCATE ${quoteIdent(table.name)}`);
    const rows = db.prepare(`SELECT ${table.columns.map((c) => quoteIdent(c.name)).join(', ')} FROM ${quoteIdent(table.name)}`).raw().all() as unknown[][];
    for (const piece of upsertPieces(table, rows)) await client.query(piece.sql(0), piece.values);
  }
}

/** One parameterised data-changing statement, its parameters numbered from `offset` + 1. */
interface Piece {
  sql(offset: number): string;
  values: unknown[];
}

/** Rows per statement so that one stays within PostgreSQL's parameter limit. */
function chunkOf(width: number): number {
  return Math.max(1, Math.min(PAGE_ROWS, Math.floor(MAX_PARAMETERS / width)));
}

function placeholders(rows: number, width: number, offset: number): string {
  return Array.from({ length: rows }, (_, r) => `(${Array.from({ length: width }, (_, c) => `$${offset + r * width + c + 1}`).join(', ')})`).join(', ');
}

/** Multi-row INSERT … ON CONFLICT (primary key) DO UPDATE, in chunks within PostgreSQL's limits. */
function upsertPieces(table: TableSpec, rows: unknown[][]): Piece[] {
  const width = table.columns.length;
  const chunk = chunkOf(width);
  const columns = table.columns.map((c) => quoteIdent(c.name)).join(', ');
  const nonKey = table.columns.filter((c) => !table.primaryKey.includes(c.name));
  const onConflict =
    nonKey.length === 0
      ? 'DO NOTHING'
      : `DO UPDATE SET ${nonKey.map((c) => `${quoteIdent(c.name)} = EXCLUDED.${quoteIdent(c.name)}`).join(', ')}`;
  const pieces: Piece[] = [];
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    pieces.push({
      sql: (offset) => `INSERT INTO ${quoteIdent(table.name)} (${columns}) VALUES ${placeholders(part.length, width, offset)} ON CONFLICT (${table.primaryKey.map(quoteIdent).join(', ')}) ${onConflict}`,
      values: part.flat(),
    });
  }
  return pieces;
}

function deletePieces(table: TableSpec, keys: unknown[][]): Piece[] {
  const width = table.primaryKey.length;
  const chunk = chunkOf(width);
  const key = table.primaryKey.map(quoteIdent).join(', ');
  const pieces: Piece[] = [];
  for (let start = 0; start < keys.length; start += chunk) {
    const part = keys.slice(start, start + chunk);
    pieces.push({ sql: (offset) => `DELETE FROM ${quoteIdent(table.name)} WHERE (${key}) IN (${placeholders(part.length, width, offset)})`, values: part.flat() });
  }
  return pieces;
}

/**
 * Runs `pieces` as one atomic change. Within the parameter limit, as ONE statement (each piece a
 * data-modifying WITH query; PostgreSQL runs every one of them exactly once, and a single statement is its
 * own transaction): one round trip per ship, where BEGIN, a statement per table and COMMIT would take four
 * or more. The pieces never touch one row twice (one piece per table and kind, keys deduplicated). Larger
 * ships: BEGIN, the pieces one by one, COMMIT.
 */
async function runAtomically(client: pg.ClientBase, pieces: Piece[], inTransaction = false): Promise<void> {
  const parameters = pieces.reduce((n, p) => n + p.values.length, 0);
  if (pieces.length === 1 && parameters <= MAX_PARAMETERS) {
    await client.query(pieces[0].sql(0), pieces[0].values);
    return;
  }
  if (parameters <= MAX_PARAMETERS) {
    let offset = 0;
    const parts = pieces.map((piece, i) => {
      const sql = `w${i} AS (${piece.sql(offset)})`;
      offset += piece.values.length;
      return sql;
    });
    await client.query(`WITH ${parts.join(', ')} SELECT 1`, pieces.flatMap((p) => p.values));
    return;
  }
  if (inTransaction) {
    // the caller's transaction makes the statements one (and commits or rolls them back)
    for (const piece of pieces) await client.query(piece.sql(0), piece.values);
    return;
  }
  await client.query('BEGIN');
  try {
    for (const piece of pieces) await client.query(piece.sql(0), piece.values);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

export interface Shipper extends Durability {
  /** Captures what is not captured yet (changes made outside the platform's commits) and ships it. */
  flush(): Promise<void>;
}

/**
 * Where a ship runs: `work` gets a client and whether a transaction is already open on it. One platform
 * alone takes a client of its pool (none open: the ship makes itself atomic); a cluster's routing node
 * runs it on its lock's session inside the transaction that checked its epoch (server/cluster/leadership.ts).
 */
export type ShipSession = (work: (client: pg.ClientBase, inTransaction: boolean) => Promise<void>) => Promise<void>;

function pooledSession(pool: pg.Pool): ShipSession {
  return async (work) => {
    const client = await pool.connect();
    // A connection lost between two queries is reported as an event: the next query fails and says so.
    client.on('error', ignore);
    try {
      await work(client, false);
      client.off('error', ignore);
      client.release();
    } catch (err) {
      client.off('error', ignore);
      // A client whose connection failed must not go back to the pool.
      client.release(err as Error);
      throw err;
    }
  };
}

/**
 * The PostgreSQL store's durability for the SyncPipeline: `capture` runs synchronously right after each
 * SQLite COMMIT and takes that commit's rows (./changes.ts); `sync` ships every row captured before it was
 * called in ONE PostgreSQL transaction and resolves once PostgreSQL has committed it. Ships run one at a
 * time, in order. A failed ship rejects: the pipeline then refuses durability to every later commit until
 * the platform restarts and loads again from PostgreSQL (nothing acknowledged is lost: it was all committed
 * there; what was not acknowledged may or may not be).
 */
export function createShipper(db: Db, pool: pg.Pool, session: ShipSession = pooledSession(pool)): Shipper {
  const tables = describeTables(db);
  const byName = new Map(tables.map((t) => [t.name, t]));
  const read = changeReader(db, tables);
  let captured: ChangeSet = new Map();
  let previous: Promise<void> = Promise.resolve();
  /** once a ship failed, no later one runs: PostgreSQL keeps a state some commit ended in, not a mix */
  let failure: unknown;

  const ship = async (changes: ChangeSet): Promise<void> => {
    if (changes.size === 0) return;
    const pieces: Piece[] = [];
    for (const [name, rows] of changes) {
      const table = byName.get(name)!;
      const upserts: unknown[][] = [];
      const deletes: unknown[][] = [];
      for (const [pk, row] of rows) {
        if (row === null) deletes.push(JSON.parse(pk) as unknown[]);
        else upserts.push(row);
      }
      pieces.push(...deletePieces(table, deletes), ...upsertPieces(table, upserts));
    }
    await session((client, inTransaction) => runAtomically(client, pieces, inTransaction));
  };

  const capture = () => {
    // Inside a transaction it would read rows not committed yet (./changes.ts); the records stay for the
    // capture right after that transaction's COMMIT.
    if (db.inTransaction) return;
    mergeChanges(captured, read());
  };
  const sync = (): Promise<void> => {
    const changes = captured;
    captured = new Map();
    const shipped = previous.then(async () => {
      if (failure !== undefined) throw failure;
      try {
        await ship(changes);
      } catch (err) {
        failure = err ?? new Error('shipping to PostgreSQL failed');
        throw failure;
      }
    });
    previous = shipped.catch(() => undefined);
    return shipped;
  };
  return {
    capture,
    sync,
    flush() {
      capture();
      return sync();
    },
  };
}
