import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { OperatorError } from '../errors';
import { lockDataDir } from './data-dir-lock';

/** What a backup or a restore found in the database, so the operator sees at once that it holds their cases. */
export interface BackupSummary {
  cases: number;
  bytes: number;
}

async function countCases(db: PGlite): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    "SELECT CASE WHEN to_regclass('cases') IS NULL THEN 0 ELSE (SELECT count(*)::int FROM cases) END AS n",
  );
  return rows[0].n;
}

/**
 * Writes the embedded database in `dataDir` (DATA_DIR/pglite) to `outFile` as PGlite's gzipped tarball
 * (dumpDataDir). It takes the folder's lock like any process, so it refuses while `serve` holds it: a copy of a
 * data folder another engine is writing may not open. The file appears only when complete (written beside it, then renamed).
 */
export async function backupEmbedded(dataDir: string, outFile: string): Promise<BackupSummary> {
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) throw new OperatorError(`backup: no embedded database in ${dataDir}`);
  const unlock = lockDataDir(dataDir);
  try {
    const db = await PGlite.create({ dataDir });
    try {
      const cases = await countCases(db);
      const dump = Buffer.from(await (await db.dumpDataDir('gzip')).arrayBuffer());
      const partial = `${outFile}.partial`;
      fs.writeFileSync(partial, dump);
      fs.renameSync(partial, outFile);
      return { cases, bytes: dump.length };
    } finally {
      await db.close();
    }
  } finally {
    unlock();
  }
}

/**
 * Loads a file written by `backupEmbedded` into `dataDir` (loadDataDir). An existing database is never
 * overwritten: without `replace` the restore refuses; with it the old folder is kept beside, renamed
 * `<dataDir>.before-restore-<time>`, so a wrong file loses nothing. The restored database is opened and its cases
 * counted before this returns; a file that is not a backup fails and leaves the old folder in place.
 */
export async function restoreEmbedded(
  dataDir: string,
  fromFile: string,
  options: { replace?: boolean } = {},
): Promise<BackupSummary & { keptAside?: string }> {
  if (!fs.existsSync(fromFile)) throw new OperatorError(`restore: ${fromFile} does not exist`);
  const unlock = lockDataDir(dataDir);
  try {
    const occupied = fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0;
    if (occupied && !options.replace) {
      throw new OperatorError(`restore: ${dataDir} already holds a database; add --replace to keep it aside and restore in its place`);
    }
    const bytes = fs.readFileSync(fromFile);
    // Into a fresh folder first, so a bad file never touches the database in place.
    const staging = `${dataDir}.restoring`;
    fs.rmSync(staging, { recursive: true, force: true });
    let cases: number;
    try {
      const db = await PGlite.create({ dataDir: staging, loadDataDir: new Blob([bytes]) });
      try {
        cases = await countCases(db);
      } finally {
        await db.close();
      }
    } catch (err) {
      fs.rmSync(staging, { recursive: true, force: true });
      throw new OperatorError(`restore: ${fromFile} is not a backup this version can load (${(err as Error).message})`);
    }
    let keptAside: string | undefined;
    if (occupied) {
      keptAside = `${dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      fs.renameSync(dataDir, keptAside);
    } else {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    fs.renameSync(staging, dataDir);
    return { cases, bytes: bytes.length, keptAside };
  } finally {
    unlock();
  }
}
