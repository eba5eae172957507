import fs from 'node:fs/promises';
import path from 'node:path';
import type { MediaStore, StoredObject } from './media-store';

/**
 * Photos as files under one folder (DATA_DIR/media). A write goes to a temporary file renamed into place, so a
 * reader never sees half a photo and a worker killed mid-write leaves no broken copy. The content type is kept
 * beside the file, since a key says nothing about it.
 */
export function fsMediaStore(dir: string): MediaStore {
  const file = (key: string) => {
    const full = path.resolve(dir, key);
    if (!full.startsWith(path.resolve(dir) + path.sep)) throw new Error(`media store: key "${key}" leaves the store's folder`);
    return full;
  };
  return {
    kind: 'fs',
    async put(key, bytes, contentType) {
      const target = file(key);
      await fs.mkdir(path.dirname(target), { recursive: true });
      const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
      await fs.writeFile(temp, bytes);
      await fs.writeFile(`${target}.type`, contentType);
      await fs.rename(temp, target);
    },
    async get(key): Promise<StoredObject | undefined> {
      try {
        const [bytes, contentType] = await Promise.all([
          fs.readFile(file(key)),
          fs.readFile(`${file(key)}.type`, 'utf8').catch(() => 'application/octet-stream'),
        ]);
        return { bytes, contentType };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
    async delete(keys) {
      for (const key of keys) {
        await fs.rm(file(key), { force: true });
        await fs.rm(`${file(key)}.type`, { force: true });
      }
    },
    async list(prefix) {
      const found: string[] = [];
      const walk = async (folder: string): Promise<void> => {
        const entries = await fs.readdir(folder, { withFileTypes: true }).catch(() => []);
        for (const e of entries) {
          const full = path.join(folder, e.name);
          if (e.isDirectory()) await walk(full);
          else if (!e.name.endsWith('.type') && !e.name.endsWith('.tmp')) found.push(path.relative(dir, full).split(path.sep).join('/'));
        }
      };
      await walk(dir);
      return found.filter((k) => k.startsWith(prefix)).sort();
    },
  };
}
