import request from 'supertest';
import { SMS_TEXT_BUDGET } from '../../../channels/sms/text-budget';
import type { Stop } from '../../../src/channels/channel';
import { createApp } from '../../../src/http/app';
import { getContact } from '../../../src/storage/contacts-repo';
import { createToken } from '../../../src/storage/tokens-repo';
import { FakeProvider, fakeChannel } from '../../fakes/fake-provider';
import type { TestContext } from '../../support/context';
import { freshPgDatabase } from '../../support/db';
import { phonePhoto } from '../../support/images';
import { rows, smsReport, startPublisher } from './support/outbound-harness';
import { waitFor } from './support/wait-for';

const twitterFeed = { name: 'twitter' as const, feed: () => ({ channel: 'twitter' as const, wants: () => true }) };

describe('outbound publisher (in-process queue, PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let provider: FakeProvider;
  let ctx: TestContext;
  let stop: Stop;

  beforeAll(async () => {
    db = await freshPgDatabase();
    provider = await new FakeProvider().start();
    ({ ctx, stop } = await startPublisher(db, [fakeChannel('sms', provider, SMS_TEXT_BUDGET), twitterFeed]));
  });
  afterAll(async () => {
    await stop();
    await provider.stop();
    await db.close();
  });

  it('texts the reporter their tracking number and link, simulates the city post, and shows both to staff', async () => {
    const out = await ctx.intake.submit(smsReport('SM-open', '+15550001001'));
    const id = out.case.service_request_id;
    await waitFor(() => provider.acceptedFor('sms').some((m) => m.to === '+15550001001'));
    const sms = provider.acceptedFor('sms').find((m) => m.to === '+15550001001')!;
    expect(sms.text).toContain(`#${id}`);
    expect(sms.text).toContain(`${ctx.config.publicBaseUrl}/cases/${id}`);

    await waitFor(async () => (await rows(db, 'case_id = $1', [id])).every((n) => n.status === 'sent'));
    const feed = (await rows(db, "case_id = $1 AND recipient = 'feed'", [id]))[0];
    expect(feed.provider_id).toBe(`sim-twitter-${feed.id}`);
    expect(feed.body).toContain(`#${id}`);
    expect(feed.body).not.toContain('1001');

    const token = await createToken(db, 'staff-a', 'staff');
    const res = await request(createApp(ctx, ctx.channels)).get(`/api/v1/cases/${id}`).set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    const shown = res.body.notifications.find((n: { recipient: string }) => n.recipient !== 'feed');
    expect(shown).toMatchObject({ status: 'sent', attempts: 1, provider_id: sms.id, body: sms.text });
  });

  it('tells a Spanish-speaking reporter their case is closed, with the notes and the photo', async () => {
    const out = await ctx.intake.submit(smsReport('SM-es', '+15550001002', 'hay un bache enorme en la calle Elm 12', { language: 'es' }));
    const id = out.case.service_request_id;
    await waitFor(() => provider.acceptedFor('sms').some((m) => m.to === '+15550001002'));
    // The closure photo as staff upload it: our processed copy, at our URL.
    const photo = await ctx.media.uploadClosurePhoto(id, await phonePhoto({ width: 640, height: 480 }), ctx.config.publicBaseUrl);
    await ctx.cases.update(id, { status: 'closed', status_notes: 'Bache reparado por la cuadrilla.', closure_media_url: photo.url }, 'staff:test');
    await waitFor(() => provider.acceptedFor('sms').filter((m) => m.to === '+15550001002').length === 2);
    const closed = provider.acceptedFor('sms').filter((m) => m.to === '+15550001002')[1];
    expect(closed.text).toContain(`El caso #${id}`);
    expect(closed.text).toContain('cerrado');
    expect(closed.text).toContain('Bache reparado');
    expect(closed.mediaUrl).toBe(`${ctx.config.publicBaseUrl}/media/${photo.item.id}/display`);
  });

  it('retries a provider 503 and sends once', async () => {
    provider.script('sms', [{ status: 503 }]);
    const out = await ctx.intake.submit(smsReport('SM-503', '+15550001003'));
    await waitFor(async () => (await rows(db, "case_id = $1 AND recipient <> 'feed'", [out.case.service_request_id]))[0]?.status === 'sent');
    const [row] = await rows(db, "case_id = $1 AND recipient <> 'feed'", [out.case.service_request_id]);
    expect(row.attempts).toBe(2);
    expect(provider.acceptedFor('sms').filter((m) => m.to === '+15550001003')).toHaveLength(1);
  });

  it('fails an opted-out number at once: reason kept, subscription off, opt-out recorded, nothing more sent', async () => {
    provider.script('sms', [{ status: 400, body: { code: 21610, message: 'Attempt to send to unsubscribed recipient', opted_out: true } }]);
    const out = await ctx.intake.submit(smsReport('SM-stop', '+15550001004'));
    const id = out.case.service_request_id;
    await waitFor(async () => (await rows(db, "case_id = $1 AND recipient <> 'feed'", [id]))[0]?.status === 'failed');
    const [row] = await rows(db, "case_id = $1 AND recipient <> 'feed'", [id]);
    expect(row.attempts).toBe(1);
    expect(row.last_error).toContain('unsubscribed recipient');
    expect(row.last_error).toContain('21610');
    const sub = await db.query<{ active: boolean }>('SELECT active FROM subscriptions WHERE case_id = $1', [id]);
    expect(sub.rows[0].active).toBe(false);
    expect((await getContact(db, 'sms', '+15550001004'))?.opted_out).toBe(true);
    expect((await ctx.queue.failed('outbound-sms')).map((j) => j.data.notification_id)).toContain(row.id);

    const smsRequests = () => provider.requests.filter((r) => r.channel === 'sms').length;
    const before = smsRequests();
    await ctx.cases.update(id, { status: 'closed' }, 'staff:test');
    await new Promise((r) => setTimeout(r, 300));
    expect(smsRequests()).toBe(before);
  });
});
