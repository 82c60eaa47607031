// Runs the app: configuration, database (embedded or real), first-start seeding, listen, graceful close.
import Fastify from 'fastify';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { isEmpty, seedSampleCity } from './seed/sample-city.ts';

const startedAt = Date.now();
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`configuration error: ${error.message}`);
    process.exit(2);
  }
  throw error;
}

// One logger for start-up and requests; the app's own instance logs requests with ids.
const log = Fastify({ logger: { level: config.logLevel } }).log;

const database = await openDatabase(config, {
  info: (m) => log.info(m),
  warn: (m) => log.warn(m),
  error: (m) => log.error(m),
}).catch((error: Error) => {
  log.fatal({ err: error }, `cannot open the database: ${error.message}`);
  process.exit(1);
});
log.info(
  { kind: database.kind, migrated: database.migrated },
  database.kind === 'embedded'
    ? `embedded PostGIS (PGlite) in ${config.dataDir}`
    : 'PostgreSQL from DATABASE_URL',
);

if (config.seedOnStart && (await isEmpty(database.pool))) {
  log.info(`empty database: seeding the sample city with ${config.seedPlots} plots…`);
  const result = await seedSampleCity(database.pool, {
    plots: config.seedPlots,
    demoPassword: config.demoPassword,
    method: database.kind === 'embedded' ? 'json-batches' : 'copy',
    onProgress: (n) => log.info(`seeded ${n} plots`),
  }).catch(async (error: Error) => {
    // The seed runs in one transaction: nothing was written, and the next start tries again.
    log.fatal({ err: error }, `seeding the sample city failed, nothing was written: ${error.message}`);
    await database.close();
    process.exit(1);
  });
  log.info(`sample city seeded: ${result.plots} plots in ${(result.milliseconds / 1000).toFixed(1)} s`);
  const accounts = result.demoUsers.map((u) => `  ${u.username.padEnd(13)} (${u.role})`).join('\n');
  const password = result.passwordGenerated
    ? `${result.demoPassword}   (generated now and shown only this once; set DEMO_PASSWORD to choose it)`
    : '(the value of DEMO_PASSWORD)';
  process.stdout.write(`\nDemo accounts (sample data):\n${accounts}\n  password: ${password}\n\n`);
}

const app = await buildApp({
  pool: database.pool,
  databaseKind: database.kind,
  clientDir: config.clientDir,
  logger: { level: config.logLevel },
  tileCacheBytes: config.tileCacheMb * 1024 * 1024,
  importMaxBytes: config.importMaxMb * 1024 * 1024,
  secureCookies: config.isProduction,
});

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  log.info(`${signal}: closing`);
  const timer = setTimeout(() => {
    log.error('could not close within 10 s; exiting');
    process.exit(1);
  }, 10_000);
  timer.unref();
  await app.close();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : config.port;
const shownHost = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
log.info(`ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
process.stdout.write(`\nLand Atlas (工业用地一张图) is running at http://${shownHost}:${port}/\n\n`);
