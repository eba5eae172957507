import type { InboundReport } from '../../../src/domain/types';
import { listEvents } from '../../../src/storage/events-repo';
import { listNotificationsForCase } from '../../../src/storage/notifications-repo';
import { type TestContext, testContext } from '../../support/context';
import { freshPgDatabase } from '../../support/db';

const twitterFeed = { name: 'twitter' as const, feed: () => ({ channel: 'twitter' as const, wants: () => true }) };

function report(id: string, overrides: Partial<InboundReport> = {}): InboundReport {
  return {
    channel: 'twitter',
    providerMessageId: id,
    reporter: { address: '12345', handle: 'resident' },
    text: 'big pothole outside 12 Elm St',
    media: [],
    raw: { id },
    ...overrides,
  };
}

describe('intake on PostgreSQL', () => {
  let ctx: TestContext;
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;

  beforeAll(async () => {
    db = await freshPgDatabase();
    ctx = await testContext(db, { channels: [twitterFeed] });
  });
  afterAll(async () => {
    await ctx.queue.close();
    await db.close();
  });

  it('turns ten concurrent deliveries of one message into one case, one event and one set of notifications', async () => {
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => ctx.intake.submit(report('tweet-1'))));
    const ids = new Set(outcomes.map((o) => o.case.service_request_id));
    expect(ids.size).toBe(1);
    expect(outcomes.filter((o) => !o.replayed)).toHaveLength(1);
    const id = outcomes[0].case.service_request_id;
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
    expect(rows[0].n).toBe(1);
    expect((await listEvents(db, id)).map((e) => e.type)).toEqual(['opened']);
    const notes = await listNotificationsForCase(db, id);
    // The reporter's acknowledgement and the city's feed post, once each.
    expect(notes.map((n) => `${n.kind}:${n.recipient}`).sort()).toEqual(['case_opened:12345', 'feed_opened:feed']);
  });

  it('gives decimal tracking numbers and classifies the text', async () => {
    const out = await ctx.intake.submit(report('tweet-2', { text: 'graffiti on the wall at 45 Main St' }));
    expect(String(out.case.service_request_id)).toMatch(/^\d{6,}$/);
    expect(out.case.service_code).toBe('graffiti');
    const { rows } = await db.query<{ department: string }>('SELECT department FROM cases WHERE service_request_id = $1', [
      out.case.service_request_id,
    ]);
    expect(rows[0].department).toBe('Public Works');
  });

  it('files text it cannot classify confidently under the catalog default', async () => {
    const out = await ctx.intake.submit(report('tweet-3', { text: 'something is wrong over here' }));
    expect(out.case.service_code).toBe('other');
  });

  it('links a report near an open case of the same kind instead of opening a duplicate', async () => {
    const at = { lat: 42.35, lon: -71.06 };
    const first = await ctx.intake.submit(report('tweet-4', { location: at, reporter: { address: 'a' } }));
    const second = await ctx.intake.submit(report('tweet-5', { location: { lat: 42.3502, lon: -71.0601 }, reporter: { address: 'b' } }));
    expect(second.kind).toBe('linked');
    expect(second.case.service_request_id).toBe(first.case.service_request_id);
    const far = await ctx.intake.submit(report('tweet-6', { location: { lat: 42.36, lon: -71.06 }, reporter: { address: 'c' } }));
    expect(far.kind).toBe('created');
    const notes = await listNotificationsForCase(db, first.case.service_request_id);
    expect(notes.filter((n) => n.kind === 'duplicate_linked').map((n) => n.recipient)).toEqual(['b']);
  });

  it('writes nothing when applying a decision fails after the case insert', async () => {
    const before = await db.query<{ n: number }>('SELECT (SELECT count(*) FROM cases)::int + (SELECT count(*) FROM notifications)::int AS n');
    const sms = report('SM-rollback', { channel: 'sms', reporter: { address: '+15550001111' } });
    // A conversation save without a state fails on the NOT NULL column, after intake_create has inserted the case.
    const broken = { conversation: {} as { state: unknown } };
    await expect(
      ctx.port.inbound.handle({ channel: 'sms', providerMessageId: 'SM-rollback', conversationKey: '+15550001111' }, () => ({
        reply: null,
        action: { kind: 'report', report: sms },
        ...broken,
      })),
    ).rejects.toThrow(/null value in column "state"/);
    const after = await db.query<{ n: number }>('SELECT (SELECT count(*) FROM cases)::int + (SELECT count(*) FROM notifications)::int AS n');
    expect(after.rows[0].n).toBe(before.rows[0].n);
    // The message id was not burnt: a retry of the webhook is processed.
    const retry = await ctx.intake.submit(sms);
    expect(retry.replayed).toBe(false);
  });

  it('rejects a report with an unknown service code, naming it, and stores nothing', async () => {
    await expect(ctx.intake.submit(report('tweet-7', { serviceCode: 'unicorns' }))).rejects.toThrow('service_code "unicorns" is not in the catalog');
    const { rows } = await db.query("SELECT 1 FROM inbound_messages WHERE provider_message_id = 'tweet-7'");
    expect(rows).toHaveLength(0);
  });
});
