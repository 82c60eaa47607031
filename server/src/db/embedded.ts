// The embedded database: PGlite with PostGIS on a data folder, served to `pg` over a private port.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { postgis } from '@electric-sql/pglite-postgis';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedDatabase {
  /** Connection string for `pg`; PGlite runs one query at a time, so use a pool of one. */
  url: string;
  close(): Promise<void>;
}

/** `dataDir` null keeps the database in memory (tests that want a throwaway database). */
export async function startEmbeddedDatabase(dataDir: string | null): Promise<EmbeddedDatabase> {
  let location = 'memory://';
  if (dataDir !== null) {
    location = path.join(dataDir, 'pglite');
    await mkdir(location, { recursive: true });
  }
  const db = await PGlite.create(location, { extensions: { postgis, btree_gist } });
  // PGlite has a single session, so the pool keeps one connection: a second active one would
  // share (and corrupt) the first one's transactions. The socket still accepts two, because pg's
  // pool replaces a connection after a failed query by opening the new one while the old one is
  // still closing; with a limit of one, pglite-socket 0.2.11 then kills PGlite itself.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 2 });
  await server.start();
  const [host, port] = server.getServerConn().split(':');
  return {
    url: `postgres://postgres@${host}:${port}/postgres?sslmode=disable`,
    async close() {
      await server.stop();
      await db.close();
    },
  };
}
