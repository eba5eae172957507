import fs from 'node:fs';
import path from 'node:path';
import { OperatorError } from '../errors';

/**
 * Embedded PostgreSQL (PGlite) must have one process at a time on its data folder: a second engine on the
 * same files (e.g. `token create` while `serve` runs) writes over the first one's and neither sees the other.
 * This takes the folder with a pid file beside it (`<dir>.pid`), or says who has it. A lock left by a process that died is taken over.
 * Returns the function that releases it.
 */
export function lockDataDir(dir: string): () => void {
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const file = `${dir}.pid`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => {
        if (readPid(file) === process.pid) fs.rmSync(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readPid(file);
      if (holder !== undefined && holder !== process.pid && isAlive(holder)) {
        throw new OperatorError(
          `the embedded database in ${dir} is in use by another intake311 process (pid ${holder}); embedded PostgreSQL takes one process at a time: stop that process first, or set DATABASE_URL so several processes share a PostgreSQL server`,
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new OperatorError(`could not lock the embedded database in ${dir}; remove ${file} if no intake311 process is running`);
}

function readPid(file: string): number | undefined {
  const pid = Number(fs.readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
