import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/config';
import { parseConnectorsFile } from '../../../src/connectors-contract/config';

const open311 = { id: 'crm', type: 'open311', endpoint: 'https://crm.example/open311/v2', api_key: 'k', service_codes: ['pothole'] };

/** CONNECTORS_PATH is validated at start-up, and a mistake names the key that is wrong. */
describe('CONNECTORS_PATH file', () => {
  it("takes the issue's example shape and fills in defaults", () => {
    const [crm, hook, mail] = parseConnectorsFile(
      JSON.stringify({
        connectors: [
          { ...open311, jurisdiction_id: 'city.example', code_map: { pothole: 'PWD-POT' }, status_map: { closed: 'closed' }, poll_seconds: 60 },
          { id: 'hook', type: 'webhook', url: 'https://hooks.example/311', secret: 'sixteen-chars-or-more', service_codes: '*' },
          { id: 'pwd-mail', type: 'email', to: 'pwd@city.example', service_codes: ['tree'], smtp: { host: 'mail.city.example' } },
        ],
      }),
    );
    expect(crm).toMatchObject({
      type: 'open311',
      poll_seconds: 60,
      updates: 'auto',
      attempts: 8,
      send_reporter: false,
      code_map: { pothole: 'PWD-POT' },
    });
    expect(hook).toMatchObject({ type: 'webhook', service_codes: '*', replay_window_seconds: 300 });
    expect(mail).toMatchObject({ type: 'email', smtp: { host: 'mail.city.example', port: 587, secure: false } });
  });

  it.each([
    [{ connectors: [{ ...open311, endpoint: 'ftp://x' }] }, /connectors\[0\]\.endpoint must be an http\(s\) URL/],
    [{ connectors: [{ ...open311, type: 'fax' }] }, /connectors\[0\]\.type/],
    [{ connectors: [{ ...open311, service_codes: [] }] }, /connectors\[0\]\.service_codes/],
    [{ connectors: [{ ...open311, status_map: { done: 'finished' } }] }, /connectors\[0\]\.status_map\.done/],
    [{ connectors: [{ ...open311, apikey: 'typo' }] }, /connectors\[0\].*apikey/],
    [{ connectors: [open311, open311] }, /connectors\[1\]\.id "crm" is used twice/],
    [
      { connectors: [{ id: 'hook', type: 'webhook', url: 'https://h.example', secret: 'short', service_codes: '*' }] },
      /connectors\[0\]\.secret must be at least 16/,
    ],
  ])('refuses %j naming the key', (file, message) => {
    expect(() => parseConnectorsFile(JSON.stringify(file))).toThrow(message);
  });

  it('stops the boot with a message naming the variable, for a bad or missing file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'intake311-cfg-'));
    try {
      const file = path.join(dir, 'connectors.json');
      fs.writeFileSync(file, '{"connectors": [');
      expect(() => loadConfig({ CONNECTORS_PATH: file })).toThrow(/CONNECTORS_PATH .*not valid JSON/);
      expect(() => loadConfig({ CONNECTORS_PATH: path.join(dir, 'missing.json') })).toThrow(/CONNECTORS_PATH: cannot read .*ENOENT/);
      expect(loadConfig({}).connectors).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
