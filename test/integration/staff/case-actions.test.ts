import request from 'supertest';
import { listAudit } from '../../../src/storage/audit-repo';
import { getCase } from '../../../src/storage/cases-repo';
import { listEvents } from '../../../src/storage/events-repo';
import { listNotificationsForCase } from '../../../src/storage/notifications-repo';
import { type StaffClient, type StaffHarness, startStaffHarness } from './staff-harness';

describe('working cases in the staff console', () => {
  let h: StaffHarness;
  let agent: StaffClient;
  beforeAll(async () => {
    h = await startStaffHarness();
    agent = await h.signIn(await h.account('agent'));
  });
  afterAll(() => h.stop());

  const post = (path: string, fields: Record<string, string | string[]>, csrf = agent.csrf) =>
    agent.agent
      .post(path)
      .type('form')
      .send({ _csrf: csrf, ...fields });

  it('refuses a case action without the session CSRF token, or with another session token, and changes nothing', async () => {
    const id = await h.smsCase('pothole outside 12 elm st');
    const other = await h.signIn(await h.account('agent'));
    const before = (await listEvents(h.db, id)).length;
    expect((await agent.agent.post(`/staff/cases/${id}/note`).type('form').send({ text: 'no token' })).status).toBe(403);
    expect((await post(`/staff/cases/${id}/note`, { text: 'wrong token' }, other.csrf)).status).toBe(403);
    expect((await agent.agent.post(`/staff/cases/${id}/note`).set('X-CSRF-Token', 'nope').send({ text: 'x' })).status).toBe(403);
    expect((await listEvents(h.db, id)).length).toBe(before);
    expect((await post(`/staff/cases/${id}/note`, { text: 'crew saw it' })).status).toBe(303);
    expect((await listEvents(h.db, id)).at(-1)).toMatchObject({ type: 'note', public: false, actor: `staff:${agent.user.email}` });
  });

  it('assigns, sets priority and recategorises, each recorded in the audit log with before and after', async () => {
    const id = await h.smsCase('graffiti on the wall at 5 oak st');
    expect((await post(`/staff/cases/${id}/assign`, { assignee: String(agent.user.id), department: 'Public Works' })).status).toBe(303);
    expect((await post(`/staff/cases/${id}/priority`, { priority: 'urgent' })).status).toBe(303);
    expect((await post(`/staff/cases/${id}/recategorise`, { service_code: 'pothole' })).status).toBe(303);
    const c = (await getCase(h.db, id))!;
    expect(c).toMatchObject({ assignee_id: agent.user.id, priority: 'urgent', service_code: 'pothole' });
    const audit = await listAudit(h.db, { target: `case:${id}`, limit: 10 });
    expect(audit.map((a) => a.action)).toEqual(['case.recategorise', 'case.priority', 'case.assign']);
    expect(audit[2]).toMatchObject({ actor: agent.user.email, before: { assignee_id: null }, after: { assignee_id: agent.user.id } });
    expect(audit[0]).toMatchObject({ after: expect.objectContaining({ service_code: 'pothole' }) });
    const page = await agent.agent.get(`/staff/cases/${id}`);
    expect(page.text).toContain(agent.user.name);
  });

  it('bad input answers 400 naming the field and changes nothing', async () => {
    const id = await h.smsCase('streetlight out at 9 pine st');
    const before = await getCase(h.db, id);
    const cases: Array<[string, Record<string, string>, RegExp]> = [
      [`/staff/cases/${id}/priority`, { priority: 'whenever' }, /priority/],
      [`/staff/cases/${id}/recategorise`, { service_code: 'unicorns' }, /service_code/],
      [`/staff/cases/${id}/assign`, { assignee: '999999' }, /assignee/],
      [`/staff/cases/${id}/close`, { status_notes: '' }, /status_notes/],
      [`/staff/cases/${id}/close`, { status_notes: 'fixed', closure_media_url: 'http://169.254.169.254/x.jpg' }, /closure_media_url/],
      [`/staff/cases/${id}/merge`, { target: String(id) }, /duplicate_of/],
      [`/staff/cases/${id}/reply`, { text: '   ' }, /text/],
      ['/staff/cases/12x/note', { text: 'x' }, /case/],
    ];
    for (const [path, fields, named] of cases) {
      const res = await post(path, fields);
      expect([path, res.status]).toEqual([path, 400]);
      expect(res.text).toMatch(named);
    }
    expect(await getCase(h.db, id)).toEqual(before);
    expect((await post('/staff/cases/999999/note', { text: 'x' })).status).toBe(404);
  });

  it('a reply goes to the SMS reporter through the outbox, in the staff member’s words', async () => {
    const id = await h.smsCase('missed trash pickup at 3 maple st', '+16175550111');
    expect((await post(`/staff/cases/${id}/reply`, { text: 'A truck is coming back tomorrow.' })).status).toBe(303);
    const reply = (await listNotificationsForCase(h.db, id)).find((n) => n.kind === 'staff_reply')!;
    expect(reply).toMatchObject({
      channel: 'sms',
      recipient: '+16175550111',
      params: expect.objectContaining({ text: 'A truck is coming back tomorrow.' }),
    });
    const page = await agent.agent.get(`/staff/cases/${id}`);
    expect(page.text).toContain('A truck is coming back tomorrow.');
  });

  it('redacting the description changes the public page at once; restoring brings it back; private hides the case', async () => {
    const id = await h.smsCase('pothole at 40 oak st, call me at 617 555 0199 my name is Pat');
    expect((await request(h.app).get(`/cases/${id}`)).text).toContain('Pat');
    expect((await post(`/staff/cases/${id}/redact`, { public_description: 'Pothole at 40 Oak St' })).status).toBe(303);
    const redacted = await request(h.app).get(`/cases/${id}`);
    expect(redacted.text).toContain('Pothole at 40 Oak St');
    expect(redacted.text).not.toContain('Pat');
    const open311 = await request(h.app).get(`/open311/v2/requests/${id}.json`);
    expect(open311.text).not.toContain('Pat');
    expect((await post(`/staff/cases/${id}/redact`, { restore: '1', public_description: '' })).status).toBe(303);
    expect((await request(h.app).get(`/cases/${id}`)).text).toContain('Pat');
    expect((await post(`/staff/cases/${id}/visibility`, { public: 'false' })).status).toBe(303);
    expect((await request(h.app).get(`/cases/${id}`)).status).toBe(404);
    expect((await listAudit(h.db, { target: `case:${id}`, limit: 1 }))[0]).toMatchObject({
      action: 'case.make_private',
      before: { public: true },
      after: { public: false },
    });
  });

  it('hides one photo from the public page and Open311, and shows it again', async () => {
    const out = await h.ctx.intake.submit({
      channel: 'sms',
      providerMessageId: `SM-photo-${Date.now()}`,
      reporter: { address: '+16175550133' },
      text: 'graffiti on 3 ash st',
      media: [{ url: 'https://photos.example.org/a.jpg' }, { url: 'https://photos.example.org/b.jpg' }],
      raw: {},
    });
    const id = Number(out.case.service_request_id);
    // As if the media worker had processed both (processing is tested in test/integration/media): the public sees our copies.
    const { rows } = await h.db.query<{ id: number }>(
      `WITH u AS (UPDATE media_items SET status = 'ready', sha256 = 'x' WHERE case_id = $1 RETURNING id, position) SELECT id::int AS id FROM u ORDER BY position`,
      [id],
    );
    const [a, b] = rows.map((r) => `/media/${r.id}/display`);
    expect((await request(h.app).get(`/cases/${id}`)).text).toContain(a);
    expect((await post(`/staff/cases/${id}/photos/0`, { hidden: 'true' })).status).toBe(303);
    const pub = (await request(h.app).get(`/cases/${id}`)).text;
    expect(pub).not.toContain(a);
    expect(pub).toContain(b);
    const api = (await request(h.app).get(`/open311/v2/requests/${id}.json?extensions=true`)).text;
    expect(api).not.toContain(a);
    expect(api).toContain(b);
    expect((await agent.agent.get(`/staff/cases/${id}`)).text).toContain(`/staff${a}`);
    expect((await post(`/staff/cases/${id}/photos/5`, { hidden: 'true' })).status).toBe(400);
    expect((await post(`/staff/cases/${id}/photos/0`, { hidden: 'false' })).status).toBe(303);
    expect((await request(h.app).get(`/cases/${id}`)).text).toContain(a);
    expect((await listAudit(h.db, { target: `case:${id}`, limit: 2 })).map((a) => a.action)).toEqual(['case.show_photo', 'case.hide_photo']);
  });

  it('merges and unmerges; closes with a note that reaches the reporter as the closure alert', async () => {
    const a = await h.smsCase('dead animal on 1 birch st');
    const b = await h.smsCase('dead raccoon on birch st', '+16175550122');
    expect((await post(`/staff/cases/${b}/merge`, { target: String(a) })).status).toBe(303);
    expect(await getCase(h.db, b)).toMatchObject({ duplicate_of: a, status: 'closed' });
    expect((await listNotificationsForCase(h.db, b)).some((n) => n.kind === 'duplicate_linked')).toBe(true);
    expect((await post(`/staff/cases/${b}/unmerge`, {})).status).toBe(303);
    expect((await getCase(h.db, b))!.duplicate_of).toBeNull();

    expect(
      (await post(`/staff/cases/${a}/close`, { status_notes: 'Removed by the crew.', closure_media_url: 'https://photos.example.org/fix.jpg' }))
        .status,
    ).toBe(303);
    expect(await getCase(h.db, a)).toMatchObject({
      status: 'closed',
      status_notes: 'Removed by the crew.',
      closure_media_url: 'https://photos.example.org/fix.jpg',
    });
    const closed = (await listNotificationsForCase(h.db, a)).filter((n) => n.kind === 'case_closed');
    expect(closed.length).toBeGreaterThan(0);
  });

  it('the queue searches descriptions and notes, filters, and puts unassigned open cases first; CSV exports the selection', async () => {
    const x = await h.smsCase('abandoned vehicle on 77 cedar st');
    const y = await h.smsCase('noise from a party');
    await post(`/staff/cases/${y}/note`, { text: 'neighbour says the zamboni runs at night' });
    const search = await agent.agent.get('/staff?q=zamboni');
    expect(search.text).toContain(`data-case="${y}"`);
    expect(search.text).not.toContain(`data-case="${x}"`);
    // Only notes are searched among the history: a message or a status change with the word does not match.
    await h.db.query(
      "INSERT INTO case_events (case_id, type, actor, data) VALUES ($1, 'message_in', 'resident', '{\"text\": \"marmalade on the hood\"}'), ($1, 'status_changed', 'staff:1', '{\"text\": \"marmalade\"}')",
      [x],
    );
    expect((await agent.agent.get('/staff?q=marmalade')).text).not.toContain(`data-case="${x}"`);
    await post(`/staff/cases/${x}/note`, { text: 'Marmalade jar under the car' });
    expect((await agent.agent.get('/staff?q=marmalade')).text).toContain(`data-case="${x}"`);
    const byText = await agent.agent.get('/staff?q=cedar');
    expect(byText.text).toContain(`data-case="${x}"`);
    const queue = await agent.agent.get('/staff?status=active');
    const order = [...queue.text.matchAll(/data-case="(\d+)"/g)].map((m) => Number(m[1]));
    const assigned = Number(
      (await h.db.query<{ id: number }>('SELECT service_request_id AS id FROM cases WHERE assignee_id IS NOT NULL LIMIT 1')).rows[0].id,
    );
    expect(order.indexOf(x)).toBeLessThan(order.indexOf(assigned));
    expect((await agent.agent.get('/staff?from=yesterday')).status).toBe(400);
    const csv = await agent.agent.get('/staff/export.csv?q=cedar');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.split('\r\n')[0]).toMatch(/^service_request_id,status,service_code/);
    expect(csv.text).toContain(String(x));
    expect(csv.text).not.toContain('+1617');
  });

  it("the queue's header counts each department's open and unassigned cases, and a change made here shows at once", async () => {
    const counts = async (department: string) => {
      const text = (await agent.agent.get('/staff')).text;
      const line = new RegExp(`department=${encodeURIComponent(department)}&amp;status=active">[^<]*</a></th><td>(\\d+)</td><td>(\\d+)</td>`).exec(
        text,
      );
      return line ? { open: Number(line[1]), unassigned: Number(line[2]) } : { open: 0, unassigned: 0 };
    };
    const inStore = async (department: string) =>
      (
        await h.db.query<{ open: number; unassigned: number }>(
          "SELECT count(*)::int AS open, count(*) FILTER (WHERE assignee_id IS NULL)::int AS unassigned FROM cases WHERE status <> 'closed' AND department = $1",
          [department],
        )
      ).rows[0];
    const first = await h.smsCase('big pothole at 40 birch st');
    const { department } = (await h.db.query<{ department: string }>('SELECT department FROM cases WHERE service_request_id = $1', [first])).rows[0];
    const before = await counts(department);
    expect(before).toEqual(await inStore(department));
    const id = await h.smsCase('another pothole at 44 birch st');
    expect(await counts(department)).toEqual({ open: before.open + 1, unassigned: before.unassigned + 1 });
    expect((await post(`/staff/cases/${id}/assign`, { assignee: String(agent.user.id), department })).status).toBe(303);
    expect(await counts(department)).toEqual({ open: before.open + 1, unassigned: before.unassigned });
    expect((await post(`/staff/cases/${id}/close`, { status_notes: 'Filled.' })).status).toBe(303);
    expect(await counts(department)).toEqual(before);
    expect(await counts(department)).toEqual(await inStore(department));
  });

  it('the queue filters by neighbourhood, and searches descriptions and notes within a filter', async () => {
    const [a, b, c] = [
      await h.smsCase('tree limb down on 14 walnut st'),
      await h.smsCase('tree stump left on 20 walnut st'),
      await h.smsCase('overflowing bin on 2 spruce st'),
    ];
    // As intake stores it for a located report (cases.neighborhood, migration 012).
    await h.db.query("UPDATE cases SET neighborhood = 'Roxbury' WHERE service_request_id = ANY($1)", [[a, c]]);
    const ids = async (q: string) => [...(await agent.agent.get(`/staff?${q}`)).text.matchAll(/data-case="(\d+)"/g)].map((m) => Number(m[1]));
    expect((await ids('neighborhood=Roxbury')).sort()).toEqual([a, c].sort());
    await post(`/staff/cases/${c}/note`, { text: 'crew found walnut debris here too' });
    expect((await ids('q=walnut')).sort()).toEqual([a, b, c].sort());
    expect((await ids('neighborhood=Roxbury&q=walnut')).sort()).toEqual([a, c].sort());
    expect(await ids('neighborhood=Roxbury&q=stump')).toEqual([]);
  });

  it('bulk-assigns and bulk-closes a selection with one note', async () => {
    const ids = [await h.smsCase('litter at 2 elm st'), await h.smsCase('litter at 4 elm st')];
    expect((await post('/staff/bulk', { ids: ids.map(String), action: 'assign', assignee: String(agent.user.id) })).status).toBe(303);
    expect((await post('/staff/bulk', { ids: ids.map(String), action: 'close', note: 'Swept.' })).status).toBe(303);
    for (const id of ids) expect(await getCase(h.db, id)).toMatchObject({ assignee_id: agent.user.id, status: 'closed', status_notes: 'Swept.' });
    expect((await post('/staff/bulk', { ids: ids.map(String), action: 'close', note: '' })).status).toBe(400);
  });

  it('a bulk action that fails on one case changes none of them', async () => {
    const target = await h.smsCase('tree down on 6 elm st');
    const ids = [await h.smsCase('tree branch on 7 elm st'), await h.smsCase('tree on 8 elm st')];
    const before = await Promise.all(ids.map((id) => getCase(h.db, id)));
    const res = await post('/staff/bulk', { ids: [...ids.map(String), '999999'], action: 'merge', target: String(target) });
    expect(res.status).toBe(404);
    expect(await Promise.all(ids.map((id) => getCase(h.db, id)))).toEqual(before);
    expect((await post('/staff/bulk', { ids: ids.map(String), action: 'merge', target: String(target) })).status).toBe(303);
    for (const id of ids) expect((await getCase(h.db, id))!.duplicate_of).toBe(target);
  });

  it('an open console hears of new activity through /staff/live, with case ids only', async () => {
    const server = h.app.listen(0);
    try {
      const port = (server.address() as import('node:net').AddressInfo).port;
      const cookie = (await agent.agent.get('/staff')).request.cookies;
      const ac = new AbortController();
      const res = await fetch(`http://127.0.0.1:${port}/staff/live`, { headers: { cookie }, signal: ac.signal });
      expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
      const reader = res.body!.getReader();
      const id = await h.smsCase('pothole on 10 fir st, call 617 555 0177');
      let got = '';
      while (!got.includes('data:')) got += new TextDecoder().decode((await reader.read()).value);
      expect(got).toContain(`"case_id":${id}`);
      expect(got).not.toContain('617');
      // A change committed by another process (no in-process signal) arrives through the poll.
      await h.db.query(`INSERT INTO case_events (case_id, type, actor, data, public) VALUES ($1, 'note', 'staff:worker', '{}', false)`, [id]);
      let more = '';
      while (!more.includes('"type":"note"')) more += new TextDecoder().decode((await reader.read()).value);
      expect(more).toContain(`"case_id":${id}`);
      ac.abort();
      expect((await fetch(`http://127.0.0.1:${port}/staff/live`, { redirect: 'manual' })).status).toBe(303);
    } finally {
      server.close();
    }
  });

  it('a call shows its transcript with the engine and confidence, and links its recording', async () => {
    const out = await h.ctx.intake.submit({
      channel: 'voice',
      providerMessageId: `CA-staff-${Date.now()}`,
      reporter: { phone: '+16175550188' },
      text: 'there is a tree down across the road',
      media: [],
      details: {
        transcript_engine: 'google',
        transcript_confidence: 0.82,
        recording_urls: ['https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1'],
      },
      raw: {},
    });
    const page = (await agent.agent.get(`/staff/cases/${out.case.service_request_id}`)).text;
    expect(page).toContain('there is a tree down across the road [google 82%]');
    expect(page).toContain('href="https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1"');
    expect(page).toContain('+16175550188');
  });

  it('overdue cases stand out: a pothole older than its 2 business days', async () => {
    const id = await h.smsCase('pothole on 8 spruce st');
    await h.db.query(`UPDATE cases SET created_at = now() - interval '10 days' WHERE service_request_id = $1`, [id]);
    const overdue = await agent.agent.get('/staff?overdue=1');
    expect(overdue.text).toMatch(new RegExp(`data-case="${id}" class="overdue"`));
    const fresh = await h.smsCase('pothole on 9 spruce st');
    expect(overdue.text).not.toContain(`data-case="${fresh}"`);
  });
});
