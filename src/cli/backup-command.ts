import path from 'node:path';
import { loadConfig } from '../config';
import { backupEmbedded, restoreEmbedded } from '../storage/pglite-backup';

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/**
 * `backup --out FILE` and `restore --from FILE [--replace]` for the embedded database (DATA_DIR/pglite). With
 * DATABASE_URL set the server's own tools are the way (pg_dump, docs/backups.md), and the command says so.
 */
export async function backupCommand(command: 'backup' | 'restore', args: string[], out: (line: string) => void): Promise<number> {
  const config = loadConfig();
  if (config.database.url) {
    process.stderr.write(`${command}: DATABASE_URL is set; back up PostgreSQL with pg_dump / pg_restore (docs/backups.md)\n`);
    return 2;
  }
  const dataDir = path.join(config.dataDir, 'pglite');
  if (command === 'backup') {
    const file = flag(args, '--out');
    if (!file) return usage();
    const r = await backupEmbedded(dataDir, file);
    out(`backup: ${file} (${r.bytes} bytes, ${r.cases} cases)`);
    return 0;
  }
  const file = flag(args, '--from');
  if (!file) return usage();
  const r = await restoreEmbedded(dataDir, file, { replace: args.includes('--replace') });
  out(`restored ${r.cases} cases from ${file} into ${dataDir}${r.keptAside ? `; the previous database is kept in ${r.keptAside}` : ''}`);
  return 0;
}

function usage(): number {
  process.stderr.write('usage: intake311 backup --out FILE | intake311 restore --from FILE [--replace]\n');
  return 2;
}
