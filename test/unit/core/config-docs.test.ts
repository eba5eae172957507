import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { configReference } from '../../../src/cli/config-command';
import { EnvSchema } from '../../../src/config';
import { renderConfigReference, settingEntries } from '../../../src/config-reference';

const root = path.join(__dirname, '../../..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

// The reference in docs/ is what an operator reads: it must name every setting, say what each does, and match the schema.
describe('docs/configuration.md', () => {
  it.each(settingEntries(EnvSchema.shape, readme).map((e) => [e.name, e]))('%s has a meaning', (_name, entry) => {
    expect(entry.meaning).toEqual(expect.any(String));
    expect(entry.meaning!.length).toBeGreaterThan(10);
  });

  it('is up to date with the schema (npm run docs:config rewrites it)', () => {
    const file = fs.readFileSync(path.join(root, 'docs/configuration.md'), 'utf8');
    expect(file).toBe(configReference(root));
  });

  it('shows defaults and accepted values read from the schema', () => {
    const file = fs.readFileSync(path.join(root, 'docs/configuration.md'), 'utf8');
    expect(file).toMatch(/\| `PORT` \| `3000` \| integer, 0 to 65535 \|/);
    expect(file).toMatch(/\| `MAP_CENTER` \| `42\.3601,-71\.0589` \| "lat,lon" \|/);
    expect(file).toMatch(/\| `LOG_LEVEL` \| `info` \| `fatal`, `error`/);
    for (const name of [
      'CLASSIFIER_MODEL_PATH',
      'DATABASE_SCHEMA',
      'OUTBOX_POLL_MS',
      'MAP_TILE_URL',
      'PUBLIC_STREAM_POLL_MS',
      'TWITTER_POSTS_PER_15_MIN',
    ]) {
      expect(file).toContain(`| \`${name}\` |`);
    }
  });

  it('documents a setting added on another branch from its .describe() or its README row, and flags one with neither', () => {
    const shape = {
      ...EnvSchema.shape,
      NEW_DESCRIBED: z.coerce.number().int().min(1).max(9).default(3).describe('a setting documented in the schema itself'),
      NEW_IN_README: z.string().optional(),
      NEW_NOWHERE: z.string().optional(),
    };
    const entries = settingEntries(shape, `${readme}\n| \`NEW_IN_README\` | unset | documented in the README's table only |\n`);
    const byName = new Map(entries.map((e) => [e.name, e]));
    expect(byName.get('NEW_DESCRIBED')).toMatchObject({ source: 'schema', default: '`3`', accepts: 'integer, 1 to 9' });
    expect(byName.get('NEW_IN_README')).toMatchObject({ source: 'readme', meaning: "documented in the README's table only" });
    expect(byName.get('NEW_NOWHERE')?.meaning).toBeUndefined();
    expect(renderConfigReference(entries)).toContain('| `NEW_NOWHERE` | unset | text | **undocumented** |');
  });
});
