import type { Express } from 'express';
import request from 'supertest';
import { SMS_TEXT_BUDGET } from '../../../channels/sms/text-budget';
import type { Stop } from '../../../src/channels/channel';
import { createApp } from '../../../src/http/app';
import { createToken } from '../../../src/storage/tokens-repo';
import { FakeProvider, fakeChannel } from '../../fakes/fake-provider';
import type { TestContext } from '../../support/context';
import { freshPgDatabase } from '../../support/db';
import { rows, smsReport, startPublisher } from './support/outbound-harness';
import { waitFor } from './support/wait-for';

describe('staff view of outbound messages: what failed, and retry once fixed', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let provider: FakeProvider;
  let ctx: TestContext;
  let stop: Stop;
  let app: Express;
  let auth: { Authorization: string };

  beforeAll(async () => {
    db = await freshPgDatabase();
    provider = await new FakeProvider().start();
    ({ ctx, stop } = await startPublisher(db, [fakeChannel('sms', provider, SMS_TEXT_BUDGET)]));
    app = createApp(ctx, []);
    auth = { Authorization: `Bearer ${await createToken(db, 'ops', 'staff')}` };
  });
  afterAll(async () => {
    await stop();
    await provider.stop();
    await db.close();
  });

  it('lists a permanently failed text with its reason, retries it on request, and it is delivered once', async () => {
    provider.script('sms', [{ status: 400, body: { code: 30007, message: 'Message filtered by the carrier' } }]);
    const out = await ctx.intake.submit(smsReport('SM-filtered', '+15550002001'));
    await waitFor(async () => (await rows(db, 'case_id = $1', [out.case.service_request_id]))[0]?.status === 'failed');

    const failed = await request(app).get('/api/v1/notifications?status=failed&channel=sms').set(auth);
    expect(failed.status).toBe(200);
    const row = failed.body.notifications.find((n: { case_id: number }) => n.case_id === out.case.service_request_id);
    expect(row).toMatchObject({ status: 'failed', recipient: '+15550002001', kind: 'case_opened' });
    expect(row.last_error).toContain('filtered by the carrier');
    expect(provider.acceptedFor('sms')).toHaveLength(0);

    const retried = await request(app).post(`/api/v1/notifications/${row.id}/retry`).set(auth);
    expect(retried.status).toBe(200);
    await waitFor(() => provider.acceptedFor('sms').length === 1);
    await waitFor(async () => (await rows(db, 'id = $1', [row.id]))[0].status === 'sent');
    expect(provider.acceptedFor('sms')[0].text).toContain(`#${out.case.service_request_id}`);

    const history = await request(app).get(`/api/v1/cases/${out.case.service_request_id}`).set(auth);
    expect(history.body.events.map((e: { type: string; actor: string }) => `${e.type}:${e.actor}`)).toContain('updated:staff:ops');

    const again = await request(app).post(`/api/v1/notifications/${row.id}/retry`).set(auth);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('only failed or undelivered messages can be retried');
    await new Promise((r) => setTimeout(r, 200));
    expect(provider.acceptedFor('sms')).toHaveLength(1);
  });

  it('names bad filters and unknown ids, and requires a staff token', async () => {
    const bad = await request(app).get('/api/v1/notifications?status=lost').set(auth);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^status/);
    expect((await request(app).post('/api/v1/notifications/999999/retry').set(auth)).status).toBe(404);
    expect((await request(app).get('/api/v1/notifications')).status).toBe(401);
  });
});
