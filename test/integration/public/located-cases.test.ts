import request from 'supertest';
import { createApp } from '../../../src/http/app';
import { type TestContext, testContext } from '../../support/context';
import { freshPgDatabase } from '../../support/db';

// A report that only named its place in words still reaches the public map.
describe('public map: cases located from their words', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let ctx: TestContext;
  beforeAll(async () => {
    db = await freshPgDatabase();
    ctx = await testContext(db, { channels: [] });
  });
  afterAll(async () => {
    await ctx.queue.close();
    await db.close();
  });

  it('puts a text-only report on the map at its geocoded point, with the normalised address', async () => {
    const report = { channel: 'sms' as const, reporter: { address: '+16175550199' }, media: [], raw: {} };
    const located = await ctx.intake.submit({
      ...report,
      providerMessageId: 'SM-map-1',
      text: 'graffiti on the mailbox',
      address: '300 newbury street',
    });
    const unplaced = await ctx.intake.submit({ ...report, providerMessageId: 'SM-map-2', text: 'graffiti somewhere', address: 'behind my house' });
    const page = (await request(createApp(ctx, [])).get('/').expect(200)).text;
    // Each listed case is an <li>; the map places the ones whose item carries a point.
    const item = (id: number) => new RegExp(`<li class="case" id="case-${id}"[^>]*>`).exec(page)?.[0] ?? '';
    const marker = (id: number) => /data-lat="([-\d.]+)" data-lon="([-\d.]+)"/.exec(item(id));
    const at = marker(located.case.service_request_id);
    expect(at).not.toBeNull();
    expect(Number(at![1])).toBeCloseTo(42.3487, 3);
    expect(Number(at![2])).toBeCloseTo(-71.0849, 3);
    expect(page).toContain('300 Newbury St, Back Bay 02115');
    // Words that name no place stay words: listed, but not on the map.
    expect(item(unplaced.case.service_request_id)).not.toBe('');
    expect(marker(unplaced.case.service_request_id)).toBeNull();
  });
});
