import fs from 'node:fs';
import path from 'node:path';
import { EnvSchema } from '../../../src/config';

// An operator configures the service from the README alone: a setting the code reads but the README never names is a defect.
describe('configuration reference', () => {
  const readme = fs.readFileSync(path.join(__dirname, '../../../README.md'), 'utf8');
  const documented = new Set([...readme.matchAll(/`([A-Z][A-Z0-9_]{2,})`/g)].map((m) => m[1]));

  it.each(Object.keys(EnvSchema.shape))('%s is in the README', (name) => {
    expect(documented.has(name)).toBe(true);
  });
});
