import path from 'node:path';
import type { Config } from '../config';
import type { Database } from './database';
import { createPgDatabase } from './pg-database';
import { createPgliteDatabase } from './pglite-database';

/** PostgreSQL when DATABASE_URL is set, otherwise PGlite under DATA_DIR/pglite. */
export async function openDatabase(config: Pick<Config, 'database' | 'dataDir'>): Promise<Database> {
  const { url, ...options } = config.database;
  if (url) return createPgDatabase(url, options);
  return createPgliteDatabase(path.join(config.dataDir, 'pglite'));
}
