// `npm run grade`: recomputes the per-mu benefit evaluation (亩均效益评价) of every occupied plot
// from the settings grading.* and prints the grades per county.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { GradingSettingsError, recomputeGrades } from './grading/recompute.ts';

const usage = `usage: npm run grade [-- --json]
  Scores, ranks (within each county) and grades every occupied plot from the settings
  grading.weights, grading.cutoffs, grading.eligibility and grading.benchmarks; recorded in the audit log.
  --json  print the result as JSON`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const config = loadConfig();
  const log = { info: console.log, warn: console.warn, error: console.error };
  const database = await openDatabase({ ...config, statementTimeoutMs: null }, log);
  try {
    const started = Date.now();
    const run = await recomputeGrades(database.pool, null);
    if (values.json) {
      console.log(JSON.stringify(run, null, 2));
      return 0;
    }
    const rows = run.districts.map((d) => ({
      county: `${d.districtCode} ${d.districtName}`,
      ...d.counts,
      changed: d.changed,
      'tax bench': d.benchmarks.taxPerMu,
      'sales bench': d.benchmarks.salesPerMu,
      'green bench': d.benchmarks.green,
    }));
    console.table(rows);
    const { A, B, C, D, T } = run.totals;
    console.log(
      `graded ${A + B + C + D} plots (A ${A}, B ${B}, C ${C}, D ${D}) and ${T} not rated (T); ` +
        `${run.changed} grades changed; ${(run.milliseconds / 1000).toFixed(1)} s in the database, ` +
        `${((Date.now() - started) / 1000).toFixed(1)} s in all`,
    );
    return 0;
  } catch (error) {
    if (error instanceof GradingSettingsError) {
      console.error(`cannot grade: ${error.message}`);
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
