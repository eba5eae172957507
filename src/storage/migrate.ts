import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from './database';

/** The folder of SQL migrations, found from source (src/storage) or from the build (dist/src/storage). */
export function migrationsDir(): string {
  const candidates = [path.resolve(__dirname, '../../migrations'), path.resolve(__dirname, '../../../migrations')];
  const found = candidates.find((dir) => fs.existsSync(dir));
  if (!found) throw new Error(`migrations folder not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** What `migrate` may be asked beyond the default. */
export interface MigrateOptions {
  /** Re-apply every repeatable file even when none changed (e.g. after a function was dropped by hand). */
  reapply?: boolean;
}

/**
 * Applies every `migrations/NNN_name.sql` not yet recorded, in order (append-only: a recorded file is never run
 * again), then the `migrations/repeatable/*.sql` scripts (functions and views, written with CREATE OR REPLACE),
 * so a changed function reaches databases that are already deployed. All in one transaction; safe to run twice
 * and from two processes at once: an advisory lock serialises them. Returns the numbered files it applied.
 *
 * The repeatable scripts are re-applied, all of them and in name order, when any of them differs from what was
 * last applied (a SHA-256 per file in `schema_repeatables`), when a file was added or removed, when a numbered
 * migration ran in this call (it may have dropped or changed what a function uses), or when `reapply` is set.
 * Otherwise they are skipped: the embedded database self-migrates at every start, and re-running about 26 kB
 * of function definitions each time was a measurable share of a restart.
 */
export async function migrate(db: Database, dir = migrationsDir(), options: MigrateOptions = {}): Promise<string[]> {
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^\d+_.+\.sql$/.test(f))
    .sort();
  const repeatables = repeatableFiles(dir).map((file) => {
    const script = fs.readFileSync(file, 'utf8');
    return { name: path.basename(file), script, sha256: crypto.createHash('sha256').update(script).digest('hex') };
  });
  await db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(31100311)');
    // The migrator's own bookkeeping, like schema_migrations: created here, under the lock, rather than by a
    // numbered migration, because it must exist before the first numbered migration is even considered.
    await tx.query(
      'CREATE TABLE IF NOT EXISTS schema_repeatables (file text PRIMARY KEY, sha256 text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await tx.query<{ version: string }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    for (const file of files) {
      if (done.has(file)) continue;
      const script = fs.readFileSync(path.join(dir, file), 'utf8');
      // Each statement separately: pg's extended protocol and PGlite's query() take one at a time inside a transaction.
      for (const statement of splitStatements(script)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [file]);
      applied.push(file);
    }
    const last = new Map(
      (await tx.query<{ file: string; sha256: string }>('SELECT file, sha256 FROM schema_repeatables')).rows.map((r) => [r.file, r.sha256]),
    );
    const unchanged = last.size === repeatables.length && repeatables.every((r) => last.get(r.name) === r.sha256);
    if (unchanged && applied.length === 0 && !options.reapply) return;
    for (const r of repeatables) {
      for (const statement of splitStatements(r.script)) await tx.query(statement);
    }
    await tx.query('DELETE FROM schema_repeatables');
    for (const r of repeatables) await tx.query('INSERT INTO schema_repeatables (file, sha256) VALUES ($1, $2)', [r.name, r.sha256]);
  });
  return applied;
}

/** The repeatable scripts, in name order; none when the folder is absent. */
function repeatableFiles(dir: string): string[] {
  const folder = path.join(dir, 'repeatable');
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => path.join(folder, f));
}

/**
 * Splits a migration script into statements at semicolons, except inside comments, quoted strings and
 * dollar-quoted function bodies (PGlite's query() and pg's extended protocol take one statement at a time).
 */
export function splitStatements(script: string): string[] {
  const statements: string[] = [];
  const dollarTag = /\$[A-Za-z_]*\$/y;
  let start = 0;
  let i = 0;
  const skipTo = (close: string, from: number) => {
    const end = script.indexOf(close, from);
    if (end < 0) throw new Error(`migration: unterminated ${close === '\n' ? 'comment' : `${close} quote`}`);
    return end + close.length;
  };
  while (i < script.length) {
    dollarTag.lastIndex = i;
    const tag = dollarTag.exec(script)?.[0];
    if (script.startsWith('--', i)) {
      // Blank the comment out of the statement text; it may contain semicolons or quotes.
      const end = script.indexOf('\n', i);
      script = script.slice(0, i) + ' '.repeat((end < 0 ? script.length : end) - i) + (end < 0 ? '' : script.slice(end));
      i = end < 0 ? script.length : end;
    } else if (tag) {
      i = skipTo(tag, i + tag.length);
    } else if (script[i] === "'") {
      i = skipTo("'", i + 1);
    } else if (script[i] === ';') {
      statements.push(script.slice(start, i));
      start = ++i;
    } else {
      i++;
    }
  }
  statements.push(script.slice(start));
  return statements.map((st) => st.trim()).filter(Boolean);
}
