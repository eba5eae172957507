import { simulateCommand } from '../../src/cli/simulate';
import { getCase } from '../../src/storage/cases-repo';
import { serviceForSuite } from '../integration/try/server';
import { terminal } from './terminal';

describe('npx intake311 simulate tweet', () => {
  const suite = serviceForSuite();

  it("mentions the city, is told the case it opened, sees the city's reply and answers in its thread", async () => {
    const t = terminal();
    const done = simulateCommand(['tweet', '--url', suite.svc.url, '--from', '@pat_resident'], t.print, {
      input: t.input,
      env: { DATA_DIR: suite.svc.ctx.dataDir },
    });
    try {
      await t.waitFor(/^Tweeting as @pat_resident at @\w+\./);
      t.type('Graffiti all over the bus stop at 45 Main St');
      const posted = await t.waitFor(/^\(tweet \d+ posted; the service: created #\d+\)$/);
      const id = Number(/#(\d+)/.exec(posted)![1]);
      expect(await getCase(suite.db, id)).toMatchObject({ channel: 'twitter', service_code: 'graffiti', reporter: { handle: 'pat_resident' } });
      await t.waitFor(new RegExp(`^311 \\[case opened, case #${id}\\]> `));
      const seen = t.lines.length;
      t.type('/reply it is still there');
      expect(await t.waitFor(/^\(tweet \d+ posted; the service: /, seen)).toMatch(/the service: comment #/);
    } finally {
      t.type('/quit');
    }
    expect(await done).toBe(0);
  });
});
