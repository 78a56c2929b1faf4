// Opens the store DATABASE_URL names: PostgreSQL for postgres:// (several instances may
// share it), otherwise a SQLite file (./data/commonplace.db when unset). Migrations run
// before the store is returned.
import type { Logger } from '../log.js';
import { PostgresStore, redact, type PostgresTimeouts } from './postgres.js';
import { SqliteStore } from './sqlite.js';
import type { Store } from './types.js';

export const DEFAULT_SQLITE_FILE = './data/commonplace.db';

export type StoreTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/**
 * Where DATABASE_URL points: unset → ./data/commonplace.db; postgres:// or postgresql:// →
 * PostgreSQL; sqlite:path, sqlite://path, file:path or a plain path → that SQLite file;
 * sqlite::memory: → an in-memory database (tests only: nothing survives a restart).
 */
export function parseDatabaseUrl(databaseUrl: string | undefined): StoreTarget {
  const url = databaseUrl?.trim();
  if (!url) return { kind: 'sqlite', file: DEFAULT_SQLITE_FILE };
  if (/^postgres(ql)?:\/\//i.test(url)) return { kind: 'postgres', url };
  const m = /^(?:sqlite|file):(?:\/\/)?(.*)$/i.exec(url);
  const file = m ? m[1]! : url;
  if (!file) throw new Error('DATABASE_URL names no SQLite file: use sqlite:./data/commonplace.db or a file path');
  return { kind: 'sqlite', file };
}

/** Where the store lives, for logs and for admins: the URL without its password. */
export function describeTarget(target: StoreTarget): string {
  return target.kind === 'postgres' ? `the PostgreSQL database ${redact(target.url)}` : `the SQLite database ${target.file}`;
}

export async function openStore(databaseUrl: string | undefined, log: Logger, timeouts: Partial<PostgresTimeouts> = {}): Promise<Store> {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.kind === 'postgres') {
    try {
      const store = await PostgresStore.open(target.url, log, timeouts);
      log.info({ store: 'postgres', location: store.location }, 'store ready');
      return store;
    } catch (err) {
      // pg error messages do not carry the password, but say which database failed.
      throw new Error(`Could not open ${describeTarget(target)}: ${(err as Error).message}`, { cause: err });
    }
  }
  try {
    const store = SqliteStore.open(target.file, log, { busyTimeoutMs: timeouts.queryTimeoutMs });
    log.info({ store: 'sqlite', location: store.location }, 'store ready');
    return store;
  } catch (err) {
    throw new Error(`Could not open ${describeTarget(target)}: ${(err as Error).message}`, { cause: err });
  }
}
