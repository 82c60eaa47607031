// The data version that tile caches and ETags key on: in memory on PostgreSQL, kept fresh by LISTEN/NOTIFY.
import pg from 'pg';
import { onCommit, type Pool } from './pool.ts';

/** The channel bump_data_version() notifies (db/migrations/005_data_version_notify.sql). */
export const DATA_VERSION_CHANNEL = 'land_atlas_data_version';
/** The listener's application_name, so operators (and tests) can tell its session from the pool's. */
export const LISTENER_APPLICATION_NAME = 'land-atlas-listener';

const VERSION_SQL =
  "SELECT last_value::text || CASE WHEN is_called THEN '' ELSE '-' END AS v FROM data_version";

export interface DataVersion {
  /** The version of the mapped data now, e.g. '123' ('1-' before the first write). */
  current(): Promise<string>;
  /** Forgets the version held in memory: the next `current()` reads the database. */
  invalidate(): void;
  /** Starts listening for changes (nothing to do on the embedded database). */
  start(): void;
  /** True while notifications keep the version in memory fresh; false means it is read per call. */
  readonly listening: boolean;
  close(): Promise<void>;
}

export interface DataVersionOptions {
  pool: Pool;
  kind: 'embedded' | 'postgres';
  log?: { info(message: string): void; warn(message: string): void };
  /**
   * Longest a version is trusted from memory without reading it again (default 10 s). A safety net
   * for notifications lost without the connection noticing (a half-open TCP connection, a proxy
   * that pools sessions): tiles are then at most this stale, for the cost of a query per interval.
   */
  maxAgeMs?: number;
  /** Delay before the first reconnection attempt, doubled on each failure up to `maxReconnectMs`. */
  reconnectMs?: number;
  maxReconnectMs?: number;
}

async function readVersion(pool: Pool): Promise<string> {
  const { rows } = await pool.query<{ v: string }>(VERSION_SQL);
  return rows[0]?.v ?? '0';
}

/** The data version for this database: cached and notified on PostgreSQL, read per call on PGlite. */
export function createDataVersion(options: DataVersionOptions): DataVersion {
  return options.kind === 'postgres'
    ? new ListeningDataVersion(options)
    : new SequenceDataVersion(options.pool);
}

/**
 * The embedded database reads the sequence on every call. PGlite is a single session shared by
 * every connection through pglite-socket, so a LISTEN there is not a separate listener and its
 * notifications are not reliably delivered to one socket; the read is cheap in-process anyway.
 */
class SequenceDataVersion implements DataVersion {
  readonly listening = false;
  constructor(private readonly pool: Pool) {}
  current(): Promise<string> {
    return readVersion(this.pool);
  }
  invalidate(): void {}
  start(): void {}
  async close(): Promise<void> {}
}

class ListeningDataVersion implements DataVersion {
  readonly #pool: Pool;
  readonly #log: DataVersionOptions['log'];
  readonly #maxAgeMs: number;
  readonly #firstDelayMs: number;
  readonly #maxDelayMs: number;
  #delayMs: number;
  #cached: { value: string; readAt: number } | null = null;
  #inflight: Promise<string> | null = null;
  // Bumped by every invalidation: a read that started before one must not be cached after it.
  #generation = 0;
  #client: pg.Client | null = null;
  #listening = false;
  #started = false;
  #closed = false;
  #interrupted = false;
  #reconnect: NodeJS.Timeout | null = null;
  readonly #stopCommitHook: () => void;

  constructor(options: DataVersionOptions) {
    this.#pool = options.pool;
    this.#log = options.log;
    this.#maxAgeMs = options.maxAgeMs ?? 10_000;
    this.#firstDelayMs = options.reconnectMs ?? 1_000;
    this.#maxDelayMs = options.maxReconnectMs ?? 30_000;
    this.#delayMs = this.#firstDelayMs;
    // This server's own writes show on the very next request, before their notification arrives.
    this.#stopCommitHook = onCommit(this.#pool, () => this.invalidate());
  }

  get listening(): boolean {
    return this.#listening;
  }

  current(): Promise<string> {
    // Not listening (starting, or the connection was lost): a change could go unheard, so read.
    if (!this.#listening) return readVersion(this.#pool);
    const cached = this.#cached;
    if (cached && performance.now() - cached.readAt < this.#maxAgeMs) return Promise.resolve(cached.value);
    // Concurrent requests after a change share one read.
    if (this.#inflight) return this.#inflight;
    const generation = this.#generation;
    const readAt = performance.now();
    const inflight = readVersion(this.#pool)
      .then((value) => {
        if (generation === this.#generation && this.#listening) this.#cached = { value, readAt };
        return value;
      })
      .finally(() => {
        if (this.#inflight === inflight) this.#inflight = null;
      });
    this.#inflight = inflight;
    return inflight;
  }

  invalidate(): void {
    this.#generation += 1;
    this.#cached = null;
    // Later callers must not join a read that may have started before the change.
    this.#inflight = null;
  }

  start(): void {
    if (this.#started || this.#closed) return;
    this.#started = true;
    void this.#connect();
  }

  async #connect(): Promise<void> {
    this.#reconnect = null;
    if (this.#closed) return;
    const client = new pg.Client({
      ...this.#pool.options,
      application_name: LISTENER_APPLICATION_NAME,
      // Notice a silently dead connection (no RST) in minutes rather than the system's two hours;
      // until then `maxAgeMs` bounds how stale a tile can be.
      keepAlive: true,
      keepAliveInitialDelayMillis: 30_000,
      connectionTimeoutMillis: 10_000,
    });
    this.#client = client;
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      const wasListening = this.#listening;
      this.#listening = false;
      this.#interrupted = true;
      this.invalidate();
      if (this.#client === client) this.#client = null;
      client.end().catch(() => undefined);
      if (this.#closed) return;
      const delay = this.#delayMs * (1 + Math.random() / 5);
      this.#delayMs = Math.min(this.#delayMs * 2, this.#maxDelayMs);
      this.#log?.warn(
        `data version listener ${wasListening ? 'lost its connection' : 'could not connect'}` +
          `${error ? ` (${error.message})` : ''}; reading the version per request, retrying in ${Math.round(delay)} ms`,
      );
      this.#reconnect = setTimeout(() => void this.#connect(), delay);
      this.#reconnect.unref();
    };
    // Without an 'error' listener a lost connection would crash the process.
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (message) => {
      if (message.channel === DATA_VERSION_CHANNEL) this.invalidate();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${DATA_VERSION_CHANNEL}`);
    } catch (error) {
      onLost(error as Error);
      return;
    }
    if (lost || this.#closed) return;
    this.#delayMs = this.#firstDelayMs;
    // Changes made while nobody listened were never notified: read afresh from here on.
    this.invalidate();
    this.#listening = true;
    if (this.#interrupted) this.#log?.info('data version listener reconnected');
    this.#interrupted = false;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#listening = false;
    this.#stopCommitHook();
    if (this.#reconnect) clearTimeout(this.#reconnect);
    this.#reconnect = null;
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => undefined);
  }
}
