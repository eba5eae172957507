import fs from 'node:fs';
import path from 'node:path';
import { EnvSchema } from '../config';
import { renderConfigReference, settingEntries } from '../config-reference';

/** The repository root: the nearest folder above this file with a package.json (src/ under jest, dist/src when built). */
export function repoRoot(from = __dirname): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** The configuration reference as it should read now. */
export function configReference(root = repoRoot()): string {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  return renderConfigReference(settingEntries(EnvSchema.shape, readme));
}

/**
 * `config reference [--out FILE] [--check]`: prints the reference, writes it, or (with --check) exits 1 when FILE
 * differs from what the schema gives. A setting with no meaning anywhere is an error either way.
 */
export function configCommand(args: string[], out: (line: string) => void): number {
  if (args[0] !== 'reference') {
    process.stderr.write('usage: intake311 config reference [--out FILE] [--check]\n');
    return 2;
  }
  const root = repoRoot();
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const entries = settingEntries(EnvSchema.shape, readme);
  const missing = entries.filter((e) => !e.meaning).map((e) => e.name);
  if (missing.length) {
    process.stderr.write(`config reference: no meaning for ${missing.join(', ')}; add them to src/config-descriptions.ts\n`);
    return 1;
  }
  const text = renderConfigReference(entries);
  const i = args.indexOf('--out');
  const file = i >= 0 ? args[i + 1] : undefined;
  if (!file) {
    out(text.trimEnd());
    return 0;
  }
  if (args.includes('--check')) {
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (current === text) return 0;
    process.stderr.write(`config reference: ${file} is out of date; run npm run docs:config\n`);
    return 1;
  }
  fs.writeFileSync(file, text);
  out(`wrote ${file} (${entries.length} settings)`);
  return 0;
}
