import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../support/cli';

// A city writes its own catalog: `catalog validate` must say what is wrong, by field, before start-up does.
describe('intake311 catalog validate', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'intake311-catalog-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, body: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify(body));
    return file;
  };
  const service = (code: string, extra: Record<string, unknown> = {}) => ({
    service_code: code,
    name: { en: code, es: code },
    department: 'Public Works',
    group: 'Streets',
    keywords: [code],
    ...extra,
  });

  it('accepts the bundled catalog and a small valid one, warning about a list attribute with no values', async () => {
    const bundled = await runCli(['catalog', 'validate'], {});
    expect(bundled.code).toBe(0);
    expect(bundled.stdout).toMatch(/valid; \d+ services/);
    const file = write('ok.json', {
      city: 'Springfield',
      default_service_code: 'other',
      services: [
        service('pothole', { attributes: [{ code: 'size', datatype: 'singlevaluelist', description: { en: 'Size?', es: '¿Tamaño?' } }] }),
        service('other'),
      ],
    });
    const ok = await runCli(['catalog', 'validate', file], {});
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('2 services for "Springfield", default other');
    expect(ok.stdout).toContain('warning: pothole.size: a singlevaluelist without values');
  });

  it('refuses a catalog naming the field at fault', async () => {
    // Other languages' names may come from the locale files, but English is the one every catalog must give.
    const missingEn = write('bad.json', { city: 'X', default_service_code: 'other', services: [{ ...service('other'), name: { es: 'Otro' } }] });
    const bad = await runCli(['catalog', 'validate', missingEn], {});
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('services.0.name.en');
    const twice = write('twice.json', { city: 'X', default_service_code: 'other', services: [service('other'), service('other')] });
    expect((await runCli(['catalog', 'validate', twice], {})).stderr).toContain('service_code "other" appears twice');
    const noDefault = write('nodefault.json', { city: 'X', default_service_code: 'misc', services: [service('other')] });
    const r = await runCli(['catalog', 'validate', noDefault], {});
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('default_service_code "misc"');
  });
});
