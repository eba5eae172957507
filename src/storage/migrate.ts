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

/**
 * Applies every `migrations/NNN_name.sql` not yet recorded, in order (append-only: a recorded file is never run
 * again), then re-applies every `migrations/repeatable/*.sql` (functions and views, written with CREATE OR REPLACE),
 * so a changed function reaches databases that are already deployed. All in one transaction; safe to run twice
 * and from two processes at once: an advisory lock serialises them. Returns the numbered files it applied.
 */
export async function migrate(db: Database, dir = migrationsDir()): Promise<string[]> {
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^\d+_.+\.sql$/.test(f))
    .sort();
  await db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(31100311)');
    const done = new Set((await tx.query<{ version: string }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    for (const file of files) {
      if (done.has(file)) continue;
      const script = fs.readFileSync(path.join(dir, file), 'utf8');
      // Each statement separately: pg's extended protocol and PGlite's query() take one at a time inside a transaction.
      for (const statement of splitStatements(script)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [file]);
      applied.push(file);
    }
    for (const file of repeatableFiles(dir)) {
      for (const statement of splitStatements(fs.readFileSync(file, 'utf8'))) await tx.query(statement);
    }
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
