// The one way the server reaches PostgreSQL: a `pg` pool, whether the server is real or embedded.
import pg from 'pg';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

export interface PoolOptions {
  connectionString: string;
  max: number;
  /** Cancel statements running longer than this (not applied to the embedded database). */
  statementTimeoutMs: number | null;
  onError: (error: Error) => void;
}

const INT8 = 20;
const NUMERIC = 1700;

// Row ids are bigint in SQL but far below 2^53; numeric measures are read as JS numbers. Set per
// pool rather than globally so nothing else in the process changes behaviour.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

export function createPool(options: PoolOptions): Pool {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: options.max === 1 ? 0 : 30_000,
    application_name: 'land-atlas',
    types,
    ...(options.statementTimeoutMs === null
      ? {}
      : {
          statement_timeout: options.statementTimeoutMs,
          idle_in_transaction_session_timeout: options.statementTimeoutMs * 4,
        }),
  });
  // An idle client losing its connection (database restart, network) emits here; without a
  // listener Node would crash the process. The pool replaces the client on the next checkout.
  pool.on('error', options.onError);
  // A checked-out client has no pool listener. The embedded database's socket can, rarely, send
  // a message after a query has finished (seen after a failed statement); pg reports it as an
  // error event on the client, which without a listener would crash the process. pg marks the
  // client unusable, any query on it fails, and the pool discards it on release.
  pool.on('connect', (client) => {
    client.on('error', options.onError);
  });
  return pool;
}

// Per pool, so a server (or a test) with two pools only hears about its own pool's writes.
const commitListeners = new WeakMap<Pool, Set<() => void>>();

/**
 * Calls `listener` after every transaction `withTransaction` commits on `pool`, before the caller
 * sees the result (so a response to a write comes after it). It must be quick and must not throw.
 * Returns a function that removes it.
 */
export function onCommit(pool: Pool, listener: () => void): () => void {
  let listeners = commitListeners.get(pool);
  if (!listeners) {
    listeners = new Set();
    commitListeners.set(pool, listeners);
  }
  listeners.add(listener);
  const added = listeners;
  return () => {
    added.delete(listener);
  };
}

/**
 * Runs `work` in one transaction; the actor id, when given, is visible to audit triggers.
 * A connection that saw an error is closed, not returned to the pool: after some errors the
 * embedded database's socket sends a stray message that would answer the next query on it.
 * Closing it also rolls back whatever the failed transaction left open.
 */
export async function withTransaction<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
  actorId: number | null = null,
): Promise<T> {
  const client = await pool.connect();
  let failure: Error | undefined;
  let result: T;
  try {
    await client.query('BEGIN');
    if (actorId !== null) {
      await client.query("SELECT set_config('land_atlas.actor_id', $1, true)", [String(actorId)]);
    }
    result = await work(client);
    // Derived data first: a write that changed a plot's status or outline re-derives the
    // contiguous parcels around it in this same transaction (migration 009), so nobody ever reads
    // plots and parcels that disagree. Then: did this transaction change mapped data at all?
    const marked = await client.query<{ changed: boolean }>(
      `SELECT CASE WHEN current_setting('land_atlas.parcels_dirty', true) = 'on'
                   THEN parcels_refresh() IS NOT NULL END AS refreshed,
              current_setting('land_atlas.data_changed', true) IS NOT DISTINCT FROM 'on' AS changed`,
    );
    await client.query('COMMIT');
    // Advance the version again now that the change is visible: a tile rendered from the old data
    // between the write and the commit was cached under the previous value (migration 007).
    if (marked.rows[0]?.changed) {
      await client.query("SELECT pg_notify('land_atlas_data_version', nextval('data_version')::text)");
    }
  } catch (error) {
    failure = error as Error;
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release(failure);
  }
  // Outside the try: the transaction is committed whatever a listener does.
  for (const listener of commitListeners.get(pool) ?? []) listener();
  return result;
}
