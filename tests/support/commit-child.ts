// A server process that commits one import and is killed while doing so (tests/api/import-hostile.test.ts).
import { buildApp } from '../../server/src/app.ts';
import { createPool } from '../../server/src/db/pool.ts';
import { PLANNER } from './app.ts';

const [url, id] = process.argv.slice(2);
const pool = createPool({
  connectionString: url!,
  max: 2,
  statementTimeoutMs: null,
  onError: () => undefined,
});
const app = await buildApp({
  pool,
  databaseKind: 'postgres',
  clientDir: null,
  resolveViewer: async () => PLANNER,
  reservationSweepMs: 0,
  parcelSweepMs: 0,
});
await app.ready();
console.log('committing');
const response = await app.inject({ method: 'POST', url: `/api/imports/${id}/commit`, payload: {} });
console.log(`answered ${response.statusCode}`);
