// `npm run seed -- [--plots N] [--seed S] [--reset]`: fills any database with the sample city.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { clearData, DatabaseNotEmptyError, isEmpty, seedSampleCity } from './seed/sample-city.ts';

const usage = 'usage: npm run seed -- [--plots N (default 10000, up to 1000000)] [--seed S] [--reset]';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      plots: { type: 'string' },
      seed: { type: 'string' },
      reset: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const plots = Number(values.plots ?? '10000');
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (!Number.isInteger(plots) || plots < 1 || plots > 1_000_000) {
    console.error(`--plots must be an integer from 1 to 1000000\n${usage}`);
    return 2;
  }
  if (seed !== undefined && !Number.isInteger(seed)) {
    console.error(`--seed must be an integer\n${usage}`);
    return 2;
  }
  const config = loadConfig();
  const log = { info: console.log, warn: console.warn, error: console.error };
  // Large seeds run long single statements: no statement timeout here.
  const database = await openDatabase({ ...config, statementTimeoutMs: null }, log);
  try {
    if (!(await isEmpty(database.pool))) {
      if (!values.reset) {
        console.error('the database already holds data; pass --reset to replace it with the sample city');
        return 1;
      }
      console.log('--reset: removing the existing data');
      await clearData(database.pool);
    }
    const started = Date.now();
    console.log(`seeding ${plots} plots into the ${database.kind} database…`);
    const result = await seedSampleCity(database.pool, {
      plots,
      seed,
      demoPassword: config.demoPassword,
      method: database.kind === 'embedded' ? 'json-batches' : 'copy',
      onProgress: (n) => {
        const seconds = (Date.now() - started) / 1000;
        process.stdout.write(`  ${n.toLocaleString('en')} plots written (${Math.round(n / seconds)}/s)\n`);
      },
    });
    console.log(`done: ${result.plots} plots in ${(result.milliseconds / 1000).toFixed(1)} s`);
    if (result.passwordGenerated) {
      console.log(`demo accounts admin, planner, zone_manager, investor — password: ${result.demoPassword}`);
    }
    return 0;
  } catch (error) {
    if (error instanceof DatabaseNotEmptyError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error instanceof ConfigError ? `configuration error: ${error.message}` : error);
    process.exit(1);
  },
);
