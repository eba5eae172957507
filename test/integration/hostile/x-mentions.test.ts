import { pollMentionsOnce } from '../../../channels/twitter/mentions-poller';
import { createXClient } from '../../../vendors/x/client';
import { FIXTURE, type Harness, startHarness } from '../twitter/harness';

/** Polled mentions are cleaned at the edge like webhook tweets: their raw payload is stored as jsonb, which refuses NUL. */
describe('X mentions with control characters', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => h.close());

  it('a NUL in a thank-you or a report neither stops polling nor reaches the database', async () => {
    const t = h.ctx.config.twitter;
    if (t.mode !== 'live') throw new Error('test expects live mode');
    h.fake.mention({ text: `${FIXTURE.chatter[1]}\u0000`, author_id: '61' });
    h.fake.mention({ text: `${FIXTURE.reports[0]}\u0001\u0000`, author_id: '62' });
    const result = await pollMentionsOnce(h.ctx, createXClient(t));
    expect(result.fetched).toBe(2);
    const { rows } = await h.db.query<{ description: string }>('SELECT description FROM cases');
    expect(rows).toHaveLength(1);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test is that these two never reach the database.
    expect(rows[0].description).not.toMatch(/[\u0000\u0001]/);
    expect(await h.count(`SELECT count(*)::int AS n FROM inbound_messages WHERE result->'reply'->>'kind' = 'not a report'`)).toBe(1);
  });
});
