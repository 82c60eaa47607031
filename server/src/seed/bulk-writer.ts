// Streams many rows into one table: COPY on PostgreSQL, batched JSON inserts on the embedded database.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { PoolClient } from '../db/pool.ts';

export type BulkMethod = 'copy' | 'json-batches';
export type Cell = string | number | boolean | null;

/**
 * PGlite's socket cannot carry COPY FROM STDIN (the protocol loses sync), so the embedded database
 * gets the same rows as json_populate_recordset batches; PostgreSQL gets a streamed COPY. Both
 * write into one table with the same column list, so what follows is the same SQL for both.
 */
export async function writeRows(
  client: PoolClient,
  method: BulkMethod,
  table: string,
  columns: readonly string[],
  rows: Iterable<Cell[]>,
  onRow?: () => void,
): Promise<number> {
  if (!/^[a-z_][a-z0-9_]*$/.test(table) || columns.some((c) => !/^[a-z_][a-z0-9_]*$/.test(c))) {
    throw new Error(`bulk writer refuses identifier in ${table}(${columns.join(', ')})`);
  }
  return method === 'copy'
    ? copyRows(client, table, columns, rows, onRow)
    : insertBatches(client, table, columns, rows, onRow);
}

function copyText(value: Cell): string {
  if (value === null) return '\\N';
  const text = String(value);
  return text.replace(
    /[\\\t\n\r]/g,
    (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] ?? c,
  );
}

async function copyRows(
  client: PoolClient,
  table: string,
  columns: readonly string[],
  rows: Iterable<Cell[]>,
  onRow?: () => void,
): Promise<number> {
  let count = 0;
  function* lines(): Generator<string> {
    let chunk = '';
    for (const row of rows) {
      chunk += `${row.map(copyText).join('\t')}\n`;
      count += 1;
      onRow?.();
      if (chunk.length > 1 << 20) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(lines()), stream);
  return count;
}

async function insertBatches(
  client: PoolClient,
  table: string,
  columns: readonly string[],
  rows: Iterable<Cell[]>,
  onRow?: () => void,
): Promise<number> {
  const sql = `INSERT INTO ${table} (${columns.join(', ')})
    SELECT ${columns.join(', ')} FROM json_populate_recordset(NULL::${table}, $1::json)`;
  let batch: Record<string, Cell>[] = [];
  let count = 0;
  for (const row of rows) {
    batch.push(Object.fromEntries(columns.map((column, i) => [column, row[i] ?? null])));
    count += 1;
    onRow?.();
    if (batch.length === 1000) {
      await client.query(sql, [JSON.stringify(batch)]);
      batch = [];
    }
  }
  if (batch.length > 0) await client.query(sql, [JSON.stringify(batch)]);
  return count;
}
