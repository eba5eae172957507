import type { CaseEvent } from '../../../src/domain/types';
import { StreamHub } from '../../../src/public/stream-hub';
import { type TestContext, testContext } from '../../support/context';
import { freshPgDatabase } from '../../support/db';

describe('public live stream', () => {
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

  const until = async (check: () => boolean) => {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  };

  it('delivers an event whose transaction commits after a later one, exactly once, and not older history', async () => {
    const old = await ctx.intake.submit({ channel: 'sms', providerMessageId: 'SM-old', reporter: {}, text: 'pothole', media: [], raw: {} });
    const hub = new StreamHub(db, ctx.signals, 60_000, (err) => {
      throw err;
    });
    const seen: CaseEvent[] = [];
    const stop = await hub.add((e) => seen.push(e));
    try {
      let commitSlow!: () => void;
      const slow = db.transaction(async (tx) => {
        await tx.query("INSERT INTO case_events (case_id, type, actor) VALUES ($1, 'closed', 'staff:slow')", [old.case.service_request_id]);
        await new Promise<void>((resolve) => (commitSlow = resolve));
      });
      await until(() => commitSlow !== undefined);
      const fast = await ctx.intake.submit({ channel: 'sms', providerMessageId: 'SM-fast', reporter: {}, text: 'graffiti', media: [], raw: {} });
      await until(() => seen.length === 1);
      expect(seen.map((e) => [e.type, e.case_id])).toEqual([['opened', fast.case.service_request_id]]);

      commitSlow();
      await slow;
      ctx.signals.caseEvent(seen[0]);
      await until(() => seen.length === 2);
      ctx.signals.caseEvent(seen[0]);
      await new Promise((r) => setTimeout(r, 100));
      expect(seen.map((e) => [e.type, e.actor])).toEqual([
        ['opened', 'resident:sms'],
        ['closed', 'staff:slow'],
      ]);
    } finally {
      stop();
    }
  });
});
