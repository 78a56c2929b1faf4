// One factory for both stores, so the same tests run against SQLite and PostgreSQL.
// PostgreSQL runs when TEST_DATABASE_URL names a server; each test database is created
// fresh (a unique name on that server) and dropped afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createLogger } from '../../src/log.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;
export const silentLog = createLogger('silent');

export type StoreKind = 'sqlite' | 'postgres';

export interface StoreCase {
  kind: StoreKind;
  skip: boolean;
}

let warned = false;

/** The store kinds to test: SQLite always, PostgreSQL when TEST_DATABASE_URL is set (else a visible skip notice). */
export function storeCases(): StoreCase[] {
  if (!TEST_DATABASE_URL && !warned) {
    warned = true;
    console.warn(
      '\n  ⚠ PostgreSQL store tests SKIPPED: TEST_DATABASE_URL is not set. ' +
        'Run them with TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx vitest run\n',
    );
  }
  return [
    { kind: 'sqlite', skip: false },
    { kind: 'postgres', skip: !TEST_DATABASE_URL },
  ];
}

/** A fresh, empty database of one kind. `open()` may be called several times: each is another connection (another "instance"). */
export interface TestDatabase {
  kind: StoreKind;
  url: string;
  open(): Promise<Store>;
  /** Closes every store opened here and deletes the database. */
  drop(): Promise<void>;
}

export async function createTestDatabase(kind: StoreKind): Promise<TestDatabase> {
  const opened: Store[] = [];
  const openTracked = async (url: string): Promise<Store> => {
    const s = await openStore(url, silentLog);
    opened.push(s);
    return s;
  };
  const closeAll = async () => {
    await Promise.allSettled(opened.map((s) => s.close()));
  };
  /** The database at `url`: `drop()` closes every store opened on it, then runs `remove`. */
  const database = (url: string, remove: () => void | Promise<void>): TestDatabase => ({
    kind,
    url,
    open: () => openTracked(url),
    async drop() {
      await closeAll();
      await remove();
    },
  });
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'commonplace-store-'));
    const url = `sqlite:${path.join(dir, 'nested', 'test.db')}`;
    return database(url, () => fs.rmSync(dir, { recursive: true, force: true }));
  }
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const name = `commonplace_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const u = new URL(TEST_DATABASE_URL);
  u.pathname = `/${name}`;
  const url = u.toString();
  return database(url, async () => {
    const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await c.connect();
    try {
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await c.end();
    }
  });
}

/** Runs raw SQL on a test database without opening a store: to build a database as an older
 *  version of the bot left it. Each call is one connection; `statements` run in order. */
export async function rawExec(db: TestDatabase, statements: readonly string[]): Promise<void> {
  if (db.kind === 'sqlite') {
    const file = db.url.slice('sqlite:'.length);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const Database = (await import('better-sqlite3')).default;
    const sqlite = new Database(file);
    try {
      for (const sql of statements) sqlite.exec(sql);
    } finally {
      sqlite.close();
    }
    return;
  }
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  try {
    for (const sql of statements) await c.query(sql);
  } finally {
    await c.end();
  }
}
