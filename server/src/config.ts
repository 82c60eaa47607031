// Configuration from the environment, validated once, with defaults that make `npm start` work.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Config {
  port: number;
  host: string;
  /** PostgreSQL with PostGIS; when absent an embedded PGlite database is used. */
  databaseUrl: string | null;
  /** Folder of the embedded database and other local state. */
  dataDir: string;
  /** Password of the demo accounts; when absent one is generated at first seed and printed once. */
  demoPassword: string | null;
  /** Plots in the sample city seeded on first start of an empty database. */
  seedPlots: number;
  /** Skip seeding an empty database (for operators bringing their own data). */
  seedOnStart: boolean;
  /** Built client served at `/`; absent folder means API only. */
  clientDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Milliseconds a statement may run before PostgreSQL cancels it. */
  statementTimeoutMs: number;
  /** Pool size against a real PostgreSQL (the embedded database always uses one connection). */
  poolSize: number;
  /** Megabytes of rendered vector tiles kept in memory (0 disables the cache). */
  tileCacheMb: number;
  /** Megabytes an uploaded import file may have (zipped Shapefile, GeoJSON or CSV). */
  importMaxMb: number;
  isProduction: boolean;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const CONFIG_VARIABLES = [
  ['PORT', '8080', 'HTTP port'],
  ['HOST', '127.0.0.1', 'interface to listen on (0.0.0.0 to expose)'],
  ['DATABASE_URL', '(unset: embedded PGlite)', 'postgres://… of a PostgreSQL 15+ server with PostGIS 3.x'],
  ['DATA_DIR', '.data', 'folder of the embedded database'],
  ['DEMO_PASSWORD', '(generated, printed once)', 'password of the demo accounts'],
  ['SEED_PLOTS', '10000', 'plots in the sample city seeded into an empty database'],
  ['SEED_ON_START', 'true', 'seed an empty database on start'],
  ['CLIENT_DIR', 'client/dist', 'built client to serve'],
  ['LOG_LEVEL', 'info', 'fatal, error, warn, info, debug, trace or silent'],
  ['STATEMENT_TIMEOUT_MS', '15000', 'statement timeout on a real PostgreSQL'],
  ['POOL_SIZE', '10', 'connections to a real PostgreSQL'],
  ['TILE_CACHE_MB', '64', 'memory for rendered vector tiles (0 disables the cache)'],
  ['IMPORT_MAX_MB', '50', 'largest import file accepted, in megabytes'],
  ['NODE_ENV', 'development', 'production enables Secure cookies'],
] as const;

export class ConfigError extends Error {}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function boolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${env[name]}"`);
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const logLevel = (env.LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  }
  const demoPassword = env.DEMO_PASSWORD ?? null;
  if (demoPassword !== null && demoPassword.length < 8) {
    throw new ConfigError('DEMO_PASSWORD must be at least 8 characters');
  }
  return {
    port: integer(env, 'PORT', 8080, 0, 65535),
    host: env.HOST?.trim() || '127.0.0.1',
    databaseUrl,
    dataDir: path.resolve(repoRoot, env.DATA_DIR?.trim() || '.data'),
    demoPassword,
    seedPlots: integer(env, 'SEED_PLOTS', 10_000, 0, 2_000_000),
    seedOnStart: boolean(env, 'SEED_ON_START', true),
    clientDir: path.resolve(repoRoot, env.CLIENT_DIR?.trim() || 'client/dist'),
    logLevel,
    statementTimeoutMs: integer(env, 'STATEMENT_TIMEOUT_MS', 15_000, 100, 3_600_000),
    poolSize: integer(env, 'POOL_SIZE', 10, 1, 200),
    tileCacheMb: integer(env, 'TILE_CACHE_MB', 64, 0, 65_536),
    importMaxMb: integer(env, 'IMPORT_MAX_MB', 50, 1, 2_048),
    isProduction: env.NODE_ENV === 'production',
  };
}
