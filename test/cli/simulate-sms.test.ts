import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simulateCommand } from '../../src/cli/simulate';
import { getCase } from '../../src/storage/cases-repo';
import { postJson, serviceForSuite } from '../integration/try/server';
import { terminal } from './terminal';

describe('npx intake311 simulate sms', () => {
  const suite = serviceForSuite();

  const env = () => ({ DATA_DIR: suite.svc.ctx.dataDir, LOG_LEVEL: 'silent' });

  it('texts a report, prints the tracking number, then the closure alert while the session is open', async () => {
    const t = terminal();
    const done = simulateCommand(['sms', '--url', suite.svc.url, '--from', '+15550100777'], t.print, { input: t.input, env: env() });
    try {
      await t.waitFor(/^Texting/);
      // The classifier is sure and the text names a place: one exchange, the place read back, then the number.
      t.type('There is a big pothole in front of 12 Elm St');
      await t.waitFor(/^311> 12 Elm St, Charlestown\? Reply YES/);
      const seen = t.lines.length;
      t.type('yes');
      const reply = await t.waitFor(/^311> .*Pothole.*\d{6,}/, seen);
      const id = Number(/(\d{6,})/.exec(reply)![1]);
      expect(await getCase(suite.db, id)).toMatchObject({ channel: 'sms', service_code: 'pothole' });

      await postJson(`${suite.svc.url}/try/api/cases/${id}/close`, { note: 'Filled today' });
      const alert = await t.waitFor(/^311 \[case closed/);
      expect(alert).toContain(String(id));
      expect(alert).toContain('Filled today');
    } finally {
      t.type('/quit');
    }
    expect(await done).toBe(0);
  });

  it('says so when started with another DATA_DIR than the service, instead of sending requests that would be refused', async () => {
    const t = terminal();
    const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'intake311-other-'));
    const code = await simulateCommand(['sms', '--url', suite.svc.url], t.print, { input: t.input, env: { DATA_DIR: otherDir } });
    expect(code).toBe(1);
    expect(t.lines.join('\n')).toMatch(/DATA_DIR/);
  });

  it('tells the user to start the service when nothing answers at --url', async () => {
    const t = terminal();
    const code = await simulateCommand(['sms', '--url', 'http://127.0.0.1:9'], t.print, { input: t.input, env: env() });
    expect(code).toBe(1);
    expect(t.lines.join('\n')).toMatch(/could not reach intake311 at http:\/\/127\.0\.0\.1:9.*serve/);
  });
});
