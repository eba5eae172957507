import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../../src/http/app';
import { createToken } from '../../../src/storage/tokens-repo';
import { type TestContext, testContext } from '../../support/context';
import { freshPgDatabase } from '../../support/db';

describe('staff API', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let ctx: TestContext;
  let app: Express;
  let staff: string;
  let open311: string;
  const auth = () => ({ Authorization: `Bearer ${staff}` });

  async function newCase(text: string, id: string, address = '+15550000001') {
    const out = await ctx.intake.submit({ channel: 'sms', providerMessageId: id, reporter: { address }, text, media: [], raw: {} });
    return out.case.service_request_id;
  }

  beforeAll(async () => {
    db = await freshPgDatabase();
    ctx = await testContext(db, { channels: [] });
    app = createApp(ctx, []);
    staff = await createToken(db, 'alice', 'staff');
    open311 = await createToken(db, 'partner-app', 'open311');
  });
  afterAll(async () => {
    await ctx.queue.close();
    await db.close();
  });

  it('answers 401 without a token or with an unknown one, and 403 for a token of another scope', async () => {
    const none = await request(app).get('/api/v1/cases');
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('unauthorized');
    expect((await request(app).get('/api/v1/cases').set('Authorization', 'Bearer i311_staff_nope')).status).toBe(401);
    const wrong = await request(app).get('/api/v1/cases').set('Authorization', `Bearer ${open311}`);
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.message).toContain('staff');
  });

  it('stores only a hash of the token', async () => {
    const { rows } = await db.query<{ token_hash: string }>('SELECT token_hash FROM api_tokens');
    expect(rows.map((r) => r.token_hash)).not.toContain(staff);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
  });

  it('lists cases with filters and cursor pagination', async () => {
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await newCase(`pothole number ${i}`, `SM-list-${i}`));
    const graffiti = await newCase('graffiti on the library', 'SM-list-g');
    const page1 = await request(app).get('/api/v1/cases?service_code=pothole&limit=2').set(auth());
    expect(page1.status).toBe(200);
    expect(page1.body.cases.map((c: { service_request_id: number }) => c.service_request_id)).toEqual([ids[4], ids[3]]);
    const page2 = await request(app).get(`/api/v1/cases?service_code=pothole&limit=2&cursor=${page1.body.next_cursor}`).set(auth());
    expect(page2.body.cases.map((c: { service_request_id: number }) => c.service_request_id)).toEqual([ids[2], ids[1]]);
    const page3 = await request(app).get(`/api/v1/cases?service_code=pothole&limit=2&cursor=${page2.body.next_cursor}`).set(auth());
    expect(page3.body.cases.map((c: { service_request_id: number }) => c.service_request_id)).toEqual([ids[0]]);
    expect(page3.body.next_cursor).toBeNull();
    const byChannel = await request(app).get('/api/v1/cases?channel=sms&status=open').set(auth());
    expect(byChannel.body.cases.map((c: { service_request_id: number }) => c.service_request_id)).toContain(graffiti);
    const future = await request(app).get('/api/v1/cases?since=2999-01-01T00:00:00Z').set(auth());
    expect(future.body.cases).toEqual([]);
  });

  it('rejects bad filters with 400 naming the field', async () => {
    const bad = await request(app).get('/api/v1/cases?status=finished').set(auth());
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^status/);
    const since = await request(app).get('/api/v1/cases?since=yesterday').set(auth());
    expect(since.body.error.message).toMatch(/^since/);
    const unknown = await request(app).get('/api/v1/cases?colour=red').set(auth());
    expect(unknown.body.error.message).toContain('"colour"');
  });

  it('closes a case with notes and a photo: history, status and one closure notification to the reporter', async () => {
    const id = await newCase('pothole on Elm St', 'SM-close');
    const res = await request(app)
      .patch(`/api/v1/cases/${id}`)
      .set(auth())
      .send({ status: 'closed', status_notes: 'Filled today', closure_media_url: 'https://example.org/after.jpg' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('closed');
    expect(res.body.closed_at).toBeTruthy();
    const full = await request(app).get(`/api/v1/cases/${id}`).set(auth());
    expect(full.body.events.map((e: { type: string }) => e.type)).toEqual(['opened', 'status_notes', 'closure_media', 'closed']);
    expect(full.body.events[3].actor).toBe('staff:alice');
    const closing = full.body.notifications.filter((n: { kind: string }) => n.kind === 'case_closed');
    expect(closing).toHaveLength(1);
    expect(closing[0]).toMatchObject({ recipient: '+15550000001', status: 'pending', attempts: 0 });
    expect(closing[0].params).toMatchObject({ status_notes: 'Filled today', closure_media_url: 'https://example.org/after.jpg' });
  });

  it('recategorises, moves to in progress and reopens, each as an event', async () => {
    const id = await newCase('something odd', 'SM-recat');
    await request(app).patch(`/api/v1/cases/${id}`).set(auth()).send({ service_code: 'tree' }).expect(200);
    await request(app).patch(`/api/v1/cases/${id}`).set(auth()).send({ status: 'in_progress' }).expect(200);
    await request(app).patch(`/api/v1/cases/${id}`).set(auth()).send({ status: 'closed' }).expect(200);
    const reopened = await request(app).patch(`/api/v1/cases/${id}`).set(auth()).send({ status: 'open' });
    expect(reopened.body).toMatchObject({ status: 'open', service_code: 'tree', department: 'Parks and Recreation', closed_at: null });
    const full = await request(app).get(`/api/v1/cases/${id}`).set(auth());
    expect(full.body.events.map((e: { type: string }) => e.type)).toEqual(['opened', 'recategorized', 'status_changed', 'closed', 'reopened']);
    expect(full.body.notifications.map((n: { kind: string }) => n.kind)).toEqual(['case_opened', 'status_changed', 'case_closed', 'status_changed']);
  });

  it('merges a duplicate: closed, pointing at the original, its reporter now following the original', async () => {
    const original = await newCase('streetlight out on Beacon', 'SM-orig', '+15550000002');
    const dup = await newCase('light out on beacon st', 'SM-dup', '+15550000003');
    const res = await request(app).patch(`/api/v1/cases/${dup}`).set(auth()).send({ duplicate_of: original });
    expect(res.body).toMatchObject({ status: 'closed', duplicate_of: original, status_notes: `Duplicate of #${original}` });
    const orig = await request(app).get(`/api/v1/cases/${original}`).set(auth());
    expect(orig.body.subscriptions.map((s: { address: string }) => s.address).sort()).toEqual(['+15550000002', '+15550000003']);
    const dupFull = await request(app).get(`/api/v1/cases/${dup}`).set(auth());
    expect(dupFull.body.notifications.map((n: { kind: string }) => n.kind)).toEqual(['case_opened', 'duplicate_linked']);
    const self = await request(app).patch(`/api/v1/cases/${original}`).set(auth()).send({ duplicate_of: original });
    expect(self.status).toBe(400);
    expect(self.body.error.message).toContain('duplicate_of');
  });

  it('rejects bad input with 400 naming the field and changes nothing', async () => {
    const id = await newCase('pothole by the school', 'SM-bad');
    const cases = [
      [{ status: 'done' }, /^status/],
      [{ service_code: 'unicorns' }, /service_code "unicorns"/],
      [{ closure_media_url: 'ftp://x/y.jpg' }, /^closure_media_url/],
      [{ duplicate_of: 999999999 }, /duplicate_of: case 999999999 not found/],
      // Both at once used to merge and silently drop the status.
      [{ duplicate_of: 999999999, status: 'in_progress' }, /duplicate_of and status cannot change in one request/],
      [{ colour: 'red' }, /"colour"/],
      [{}, /no changes given/],
    ] as const;
    for (const [body, message] of cases) {
      const res = await request(app).patch(`/api/v1/cases/${id}`).set(auth()).send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
    const json = await request(app).patch(`/api/v1/cases/${id}`).set(auth()).set('Content-Type', 'application/json').send('{"status":');
    expect(json.status).toBe(400);
    expect(json.body.error.code).toBe('invalid_json');
    const full = await request(app).get(`/api/v1/cases/${id}`).set(auth());
    expect(full.body.status).toBe('open');
    expect(full.body.events).toHaveLength(1);
    expect((await request(app).get('/api/v1/cases/abc').set(auth())).status).toBe(400);
    expect((await request(app).get('/api/v1/cases/42').set(auth())).status).toBe(404);
  });

  it('adds internal notes to the history', async () => {
    const id = await newCase('graffiti on the bridge', 'SM-note');
    const res = await request(app).post(`/api/v1/cases/${id}/notes`).set(auth()).send({ text: 'Crew scheduled for Tuesday' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ type: 'note', public: false, actor: 'staff:alice', data: { text: 'Crew scheduled for Tuesday' } });
    const empty = await request(app).post(`/api/v1/cases/${id}/notes`).set(auth()).send({ text: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/^text/);
  });
});
