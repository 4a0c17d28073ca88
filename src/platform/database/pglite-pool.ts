/**
 * A `pg.Pool`-shaped adapter over one PGlite instance, so that Kysely's own PostgresDialect runs
 * the same queries on the embedded database as on a PostgreSQL server. PGlite has a single
 * connection: `connect()` hands it out to one holder at a time, which serialises transactions.
 *
 * Transaction control (BEGIN, COMMIT, ROLLBACK, savepoints) goes through PGlite's simple-query
 * path, which costs about half of the extended protocol's parse, bind and describe round trips.
 */
import type { PGlite } from '@electric-sql/pglite';

interface QueryResult {
  command: string;
  rowCount: number;
  rows: unknown[];
}

export interface PglitePoolClient {
  query(sql: string, parameters: readonly unknown[]): Promise<QueryResult>;
  release(): void;
}

export class PglitePool {
  readonly #db: PGlite;
  #tail: Promise<void> = Promise.resolve();

  constructor(db: PGlite) {
    this.#db = db;
  }

  /** Waits until no other holder has the connection, then hands it over. */
  async connect(): Promise<PglitePoolClient> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const previous = this.#tail;
    this.#tail = previous.then(() => released);
    await previous;
    const db = this.#db;
    let done = false;
    return {
      async query(sql, parameters) {
        if (parameters.length === 0 && isBareStatement(sql)) {
          await db.exec(sql);
          return { command: commandOf(sql), rowCount: 0, rows: [] };
        }
        const result = await db.query(sql, [...parameters]);
        return { command: commandOf(sql), rowCount: result.affectedRows ?? 0, rows: result.rows };
      },
      release() {
        if (done) return;
        done = true;
        release();
      },
    };
  }

  async end(): Promise<void> {
    await this.#tail;
    await this.#db.close();
  }
}

/** Transaction control and savepoints: no rows, no row count, one statement. */
function isBareStatement(sql: string): boolean {
  return /^\s*(begin|commit|rollback|start transaction|savepoint|release savepoint|rollback to savepoint)\b[^;]*;?\s*$/i.test(sql);
}

function commandOf(sql: string): string {
  const match = /^\s*(?:with\b[\s\S]*?\)\s*)?(\w+)/i.exec(sql);
  return (match?.[1] ?? '').toUpperCase();
}
