/**
 * A real PostgreSQL server for tests, started from Debian's `postgresql` package (which `.ci/run` installs): a
 * fresh cluster in a temp folder, on a free loopback port, fsync off. PostgreSQL refuses to run as root, so under
 * root (as CI runs) the cluster belongs to the `postgres` system user the package creates.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PostgresServer {
  readonly port: number;
  /** A URL for a database of its own on this server (created on first ask). */
  database(name: string): Promise<string>;
  /** Stops the server (fast shutdown: open connections are cut, as in a crash or failover). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops it and deletes its files. */
  destroy(): Promise<void>;
}

/** The folder holding initdb and postgres: the newest under Debian's /usr/lib/postgresql, else on PATH. */
function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const version of versions) {
    const dir = join(root, version, 'bin');
    if (existsSync(join(dir, 'postgres'))) return dir;
  }
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('PostgreSQL is not installed: apt-get install postgresql (as .ci/run does)');
  }
}

/** Under root, the uid/gid to run PostgreSQL as; otherwise ourselves. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** Settings that make a throwaway test server faster by giving up crash safety. */
const FAST_UNSAFE = ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts a new cluster; `port` picks the port (e.g. one a bot was already told to use), else a free one. Tests run
 * with fsync off (nothing to keep); `durable` keeps PostgreSQL's defaults, for benchmarks.
 */
export async function startPostgres(options: { port?: number; durable?: boolean } = {}): Promise<PostgresServer> {
  const bin = binDir();
  const user = runAs();
  const dir = mkdtempSync(join(tmpdir(), 'pg-test-'));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  execFileSync(
    join(bin, 'initdb'),
    ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync'],
    {
      stdio: 'pipe',
      ...user,
    },
  );
  const port = options.port ?? (await freePort());
  const created = new Set<string>();
  let child: ChildProcess | undefined;

  const start = async () => {
    const proc = spawn(
      join(bin, 'postgres'),
      [
        '-D',
        data,
        '-p',
        String(port),
        '-k',
        dir,
        '-c',
        'listen_addresses=127.0.0.1',
        ...(options.durable ? [] : FAST_UNSAFE),
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], ...user },
    );
    child = proc;
    let log = '';
    await new Promise<void>((resolve, reject) => {
      proc.stderr!.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes('database system is ready to accept connections')) resolve();
      });
      proc.once('exit', (code) => reject(new Error(`postgres exited with ${code} before it was ready:\n${log}`)));
    });
  };

  const stop = async () => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null) return;
    const exited = once(proc, 'exit');
    proc.kill('SIGINT');
    await exited;
  };

  await start();
  return {
    port,
    async database(name) {
      if (!created.has(name)) {
        const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
        await client.connect();
        try {
          await client.query(`CREATE DATABASE "${name}"`);
        } finally {
          await client.end();
        }
        created.add(name);
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    stop,
    start,
    async destroy() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
