import { startMentionsPolling } from '../../../channels/twitter/poll-loop';
import { type AppContext, channelContext } from '../../../src/context';
import { createXClient } from '../../../vendors/x/client';
import { CITY_USER_ID, FIXTURE, type Harness, startHarness } from './harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function poller(ctx: AppContext) {
  const t = ctx.config.twitter;
  if (t.mode !== 'live') throw new Error('test expects live mode');
  return startMentionsPolling(channelContext(ctx), createXClient(t));
}

// Two workers on one database: X's mentions timeline is read by one of them at a time, and the other takes over when it stops.
describe('mentions polling with two workers', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ TWITTER_POLL_SECONDS: '1' });
  });
  afterEach(async () => h.close());

  const mentionCalls = () => h.fake.requests.filter((r) => r.path === `/2/users/${CITY_USER_ID}/mentions`).length;

  it('only the lease holder polls; after it stops the other worker polls without waiting for the lease to expire', async () => {
    const second = await h.restart();
    h.fake.mention({ text: FIXTURE.reports[0], author_id: '7001' });
    const stopA = poller(h.ctx);
    const stopB = poller(second);
    await sleep(3500);
    const whileBoth = mentionCalls();
    // One poller at 1 s makes 4 calls in 3.5 s; two would make about 8.
    expect(whileBoth).toBeGreaterThanOrEqual(3);
    expect(whileBoth).toBeLessThanOrEqual(5);
    const { rows } = await h.db.query<{ n: number }>("SELECT count(*)::int AS n FROM leases WHERE name = 'twitter:mentions-poll'");
    expect(rows[0].n).toBe(1);

    await stopA();
    const afterStop = mentionCalls();
    await sleep(2500);
    await stopB();
    // Whichever held the lease, polling went on at the same pace with one worker left (a 60 s+ lease did not stall it).
    expect(mentionCalls() - afterStop).toBeGreaterThanOrEqual(2);
    expect(await h.count('SELECT count(*)::int AS n FROM cases')).toBe(1);
    expect(await h.count('SELECT count(*)::int AS n FROM leases')).toBe(0);
  });
});
