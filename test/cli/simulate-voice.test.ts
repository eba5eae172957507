import { simulateCommand } from '../../src/cli/simulate';
import { getCase } from '../../src/storage/cases-repo';
import { postJson, serviceForSuite } from '../integration/try/server';
import { terminal } from './terminal';

describe('npx intake311 simulate voice', () => {
  const suite = serviceForSuite();

  it('calls in, answers the prompts by keypad and voice, hears the tracking number, then gets the closure text', async () => {
    const t = terminal();
    const done = simulateCommand(['voice', '--url', suite.svc.url, '--from', '+15550100888'], t.print, {
      input: t.input,
      env: { DATA_DIR: suite.svc.ctx.dataDir },
    });
    try {
      const answer = async (prompt: RegExp, input: string) => {
        await t.waitFor(prompt, t.lines.length - 3);
        const from = t.lines.length;
        t.type(input);
        await t.waitFor(/^\(listening|^\(call ended|^\(recording/, from);
      };
      await t.waitFor(/For English, press 1/);
      // The language menu names every enabled language, each in its own; 1 is English.
      await answer(/^\(listening/, '1');
      await answer(/Describe the problem/, 'There is a deep pothole in the road');
      await answer(/say the address/, '12 Elm Street');
      await answer(/We heard: 12 Elm St, Charlestown/, '1');
      await answer(/Pothole. If that is right, press 1/, '1');
      const tracking = await t.waitFor(/tracking number is: [\d, ]+\./);
      const id = Number(/tracking number is: ([\d, ]+)\./.exec(tracking)![1].replace(/\D/g, ''));
      await answer(/updates by text message/, '1');
      await t.waitFor(/^\(call ended/);
      expect(await getCase(suite.db, id)).toMatchObject({ channel: 'voice', service_code: 'pothole', address: '12 Elm St, Charlestown 02129' });

      await postJson(`${suite.svc.url}/try/api/cases/${id}/close`, { note: 'Patched this morning' });
      expect(await t.waitFor(/^311 \[case closed/)).toContain(String(id));
    } finally {
      t.type('/quit');
    }
    expect(await done).toBe(0);
  });
});
