// Opens the database the configuration names (embedded or real), migrated and ready for the app.
import type { Config } from '../config.ts';
import { startEmbeddedDatabase } from './embedded.ts';
import { migrate } from './migrate.ts';
import { createPool, type Pool } from './pool.ts';

export interface Database {
  pool: Pool;
  kind: 'embedded' | 'postgres';
  /** Migrations applied by this start. */
  migrated: string[];
  close(): Promise<void>;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'poolSize'> & { statementTimeoutMs: number | null },
  log: Logger,
): Promise<Database> {
  const onError = (error: Error) => log.warn(`database connection lost: ${error.message}`);
  if (config.databaseUrl) {
    const pool = createPool({
      connectionString: config.databaseUrl,
      max: config.poolSize,
      statementTimeoutMs: config.statementTimeoutMs,
      onError,
    });
    try {
      const migrated = await migrate(pool);
      return { pool, kind: 'postgres', migrated, close: () => pool.end() };
    } catch (error) {
      await pool.end();
      throw error;
    }
  }
  const embedded = await startEmbeddedDatabase(config.dataDir);
  const pool = createPool({ connectionString: embedded.url, max: 1, statementTimeoutMs: null, onError });
  try {
    const migrated = await migrate(pool);
    return {
      pool,
      kind: 'embedded',
      migrated,
      async close() {
        await pool.end();
        await embedded.close();
      },
    };
  } catch (error) {
    await pool.end();
    await embedded.close();
    throw error;
  }
}
