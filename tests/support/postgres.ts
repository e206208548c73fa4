/**
 * A throw-away PostgreSQL cluster for the tests: Debian's `postgresql` package (initdb + pg_ctl, installed by
 * `scripts/ensure-deps.sh --for-tests`), started in a fresh temp directory on a free 127.0.0.1 port, TCP only
 * (no Unix socket), trust authentication, and removed again by `stop()`.
 *
 * PostgreSQL refuses to run as root: as root (CI, the machines here) the cluster runs as the `postgres` user
 * that the Debian package creates, in a directory under /tmp handed to it (a TMPDIR below a root-only folder
 * would be out of its reach); as anybody else it runs as that user.
 *
 * Each test file takes a fresh database (`createDatabase`) so files never see each other's rows. The
 * PostgreSQL run of the platform's integration tests shares one cluster for the whole run
 * (tests/support/postgres-global-setup.ts); a test file run on its own starts its own (`sharedOrOwnCluster`).
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** The environment variable through which the shared cluster's admin URL reaches the test workers. */
export const SHARED_CLUSTER_ENV = 'SWITCHBOARD_TEST_PG_ADMIN_URL';

export interface PgCluster {
  /** postgres://postgres@127.0.0.1:PORT/DATABASE */
  url(database?: string): string;
  port: number;
  /** A new, empty database with a unique name; returns its URL. */
  createDatabase(prefix?: string): Promise<string>;
  /** Stops the server but keeps its files (an outage); `resume()` starts it again on the same port. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Stops the server and removes its directory. */
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /**
   * fsync in PostgreSQL (default off: the tests check behaviour, and a power cut is not among them).
   * The benchmark turns it on so PostgreSQL pays the same disk cost as the SQLite store it is compared with.
   */
  fsync?: boolean;
}

/** Debian keeps the server programs out of PATH, under /usr/lib/postgresql/VERSION/bin; the newest wins. */
export function postgresBinDir(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(path.join(base, v, 'bin', 'initdb'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (versions.length > 0) return path.join(base, versions[0], 'bin');
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  if (which.status === 0) return path.dirname(which.stdout.trim());
  throw new Error('PostgreSQL server programs (initdb, pg_ctl) not found: install Debian\'s postgresql package (bash scripts/ensure-deps.sh --for-tests)');
}

const isRoot = process.getuid?.() === 0;
/** Who runs the server: as root, the Debian package's `postgres` user. */
const serverUser = isRoot ? 'postgres' : userInfo().username;

/** util-linux's runuser lives in sbin, which a root shell's PATH may lack (a CI job's often does). */
const RUNUSER = ['/usr/sbin/runuser', '/sbin/runuser'].find((file) => existsSync(file)) ?? 'runuser';

async function asServerUser(program: string, args: string[]): Promise<string> {
  const [file, argv] = isRoot ? [RUNUSER, ['-u', serverUser, '--', program, ...args]] : [program, args];
  try {
    const { stdout } = await run(file, argv, { encoding: 'utf8', timeout: 60_000 });
    return stdout;
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${path.basename(program)} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`, { cause: err });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

let databases = 0;

/** Creates a database with a name no other file or worker uses, through `adminUrl`; returns its URL. */
async function createDatabaseAt(adminUrl: string, prefix = 'switchboard'): Promise<string> {
  const name = `${prefix}_${process.pid}_${++databases}_${Date.now().toString(36)}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function startPostgresCluster(options: ClusterOptions = {}): Promise<PgCluster> {
  const bin = postgresBinDir();
  const dir = await mkdtemp(path.join(isRoot ? '/tmp' : tmpdir(), 'switchboard-pg-'));
  if (isRoot) {
    const { stdout } = await run('id', ['-u', serverUser]);
    const { stdout: gid } = await run('id', ['-g', serverUser]);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = path.join(dir, 'data');
  const logFile = path.join(dir, 'server.log');
  await asServerUser(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions']);

  let port = 0;
  const start = async () => {
    const settings = [
      `-p ${port}`,
      '-c listen_addresses=127.0.0.1',
      "-c unix_socket_directories=''",
      `-c fsync=${options.fsync ? 'on' : 'off'}`,
      '-c max_connections=200',
      '-c shared_buffers=32MB',
    ].join(' ');
    await asServerUser(path.join(bin, 'pg_ctl'), ['-D', data, '-l', logFile, '-w', '-t', '60', '-o', settings, 'start']);
  };
  // A free port can be taken between the probe and the server's bind (other engineers' tests): try again.
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      await start();
      break;
    } catch (err) {
      if (attempt >= 3) {
        const log = await readFile(logFile, 'utf8').catch(() => '');
        await rm(dir, { recursive: true, force: true });
        throw new Error(`${(err as Error).message}\nserver log:\n${log}`, { cause: err });
      }
    }
  }

  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  let stopped = false;
  return {
    url,
    port,
    createDatabase: (prefix) => createDatabaseAt(url(), prefix),
    async pause() {
      await asServerUser(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
    },
    resume: start,
    async stop() {
      if (stopped) return;
      stopped = true;
      await asServerUser(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      await rm(dir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

/**
 * A fresh database for one test file: on the run's shared cluster when there is one (SHARED_CLUSTER_ENV),
 * else on a cluster of the file's own. `release()` stops the own cluster (the shared one outlives the file).
 */
export async function sharedOrOwnCluster(options: ClusterOptions = {}): Promise<{ createDatabase(prefix?: string): Promise<string>; release(): Promise<void> }> {
  const admin = process.env[SHARED_CLUSTER_ENV];
  if (admin !== undefined && admin !== '') {
    return {
      createDatabase: (prefix) => createDatabaseAt(admin, prefix),
      release: () => Promise.resolve(),
    };
  }
  const cluster = await startPostgresCluster(options);
  return { createDatabase: (prefix) => cluster.createDatabase(prefix), release: () => cluster.stop() };
}
