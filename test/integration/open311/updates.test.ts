import request from 'supertest';
import { listEvents } from '../../../src/storage/events-repo';
import { listNotificationsForCase } from '../../../src/storage/notifications-repo';
import { open311App } from './support';

interface Update {
  update_id: string;
  service_request_id: string;
  status: string;
  updated_datetime: string;
  description: string;
  media_url: string;
  external_status_code: string;
}

/** FixMyStreet's Open311 extension: GET servicerequestupdates (the public history) and POST (a resident's update). */
describe('Open311 servicerequestupdates', () => {
  let t: Awaited<ReturnType<typeof open311App>>;
  let id: number;
  let hidden: number;
  const since = new Date(Date.now() - 60_000).toISOString();
  beforeAll(async () => {
    t = await open311App();
    const post = (body: Record<string, string>) =>
      request(t.app)
        .post('/open311/v2/requests.json')
        .type('form')
        .send({ api_key: t.apiKey, ...body })
        .expect(200);
    id = Number((await post({ service_code: 'streetlight', address_string: '3 Elm St', phone: '+1 617 555 0142' })).body[0].service_request_id);
    hidden = Number((await post({ service_code: 'graffiti', address_string: '4 Elm St', private: 'true' })).body[0].service_request_id);
    await t.ctx.cases.update(id, { status: 'in_progress' }, 'staff:test');
    await t.ctx.cases.update(id, { status: 'closed', status_notes: 'Bulb replaced; questions to 617-555-0199' }, 'staff:test');
    await t.ctx.cases.update(hidden, { status: 'closed', status_notes: 'Cleaned' }, 'staff:test');
  });
  afterAll(() => t.close());

  const updates = async (query: string): Promise<Update[]> =>
    (await request(t.app).get(`/open311/v2/servicerequestupdates.json?${query}`).expect(200)).body;

  it('serves each public change of public cases in the window, with FixMyStreet fields and masked words', async () => {
    const got = await updates(`start_date=${since}&end_date=${new Date(Date.now() + 60_000).toISOString()}`);
    // Staff's closing note is its own change, written just before the closure it came with.
    expect(got.map((u) => [u.service_request_id, u.status, u.external_status_code])).toEqual([
      [String(id), 'in_progress', 'in_progress'],
      [String(id), 'in_progress', 'in_progress'],
      [String(id), 'closed', 'closed'],
    ]);
    const closed = got[2];
    expect(Object.keys(closed)).toEqual([
      'update_id',
      'service_request_id',
      'status',
      'updated_datetime',
      'description',
      'media_url',
      'external_status_code',
    ]);
    expect(closed.update_id).toMatch(/^\d+$/);
    expect(closed.description).toContain('Bulb replaced');
    expect(closed.description).not.toContain('0199');
    expect(closed.media_url).toBe('');
    expect(closed.updated_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(await updates(`start_date=${new Date(Date.now() + 60_000).toISOString()}`)).toEqual([]);
    expect(await updates(`service_request_id=${hidden}&start_date=${since}`)).toEqual([]);
  });

  it('answers 400 for a bad window', async () => {
    const res = await request(t.app)
      .get('/open311/v2/servicerequestupdates.json?start_date=2026-02-01T00:00:00Z&end_date=2026-01-01T00:00:00Z')
      .expect(400);
    expect(res.body).toEqual([{ code: 400, description: 'end_date is before start_date' }]);
  });

  it("takes a resident's update as a private note; OPEN on a closed case reopens it and tells its subscribers, once", async () => {
    const send = () =>
      request(t.app)
        .post('/open311/v2/servicerequestupdates.json')
        // A JSON number id, as some clients send it.
        .send({
          api_key: t.apiKey,
          service_request_id: id,
          status: 'OPEN',
          description: 'Still dark tonight',
          update_id_ext: 'fms-77',
          email: 'ana@example.org',
        });
    const first = await send().expect(200);
    const retry = await send().expect(200);
    expect(first.body).toEqual([{ update_id: expect.stringMatching(/^[0-9a-f]{32}$/) }]);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');

    const events = await listEvents(t.ctx.db, id);
    expect(events.filter((e) => e.type === 'comment').map((e) => [e.data.text, e.public])).toEqual([['Still dark tonight', false]]);
    expect(events.filter((e) => e.type === 'reopened')).toHaveLength(1);
    const view = await request(t.app).get(`/open311/v2/requests/${id}.json`).expect(200);
    expect(view.body[0].status).toBe('open');
    const notes = await listNotificationsForCase(t.ctx.db, id);
    expect(notes.filter((n) => n.kind === 'status_changed' && n.params.status === 'open').map((n) => n.recipient)).toEqual(['+16175550142']);

    // The resident's words stay private; the reopening is public.
    const got = await updates(`service_request_id=${id}&start_date=${since}`);
    expect(got.at(-1)).toMatchObject({ status: 'open', description: '' });
    expect(JSON.stringify(got)).not.toContain('Still dark');
  });

  it('a CLOSED update is a note and leaves the status to staff', async () => {
    await t.ctx.cases.update(id, { status: 'closed' }, 'staff:test');
    await request(t.app)
      .post('/open311/v2/servicerequestupdates.json')
      .type('form')
      .send({ api_key: t.apiKey, service_request_id: String(id), status: 'CLOSED', description: 'Works now' })
      .expect(200);
    expect((await request(t.app).get(`/open311/v2/requests/${id}.json`).expect(200)).body[0].status).toBe('closed');
  });

  it.each([
    [{ description: 'x' }, 400, 'service_request_id is required'],
    [{ service_request_id: 'abc', description: 'x' }, 400, 'service_request_id "abc" is not a request id'],
    [{ service_request_id: '1', status: 'maybe', description: 'x' }, 400, 'status "maybe" is not one of'],
    [{ service_request_id: '1' }, 400, 'an update needs a description, a media_url or a status'],
    [{ service_request_id: '999999', description: 'x' }, 404, 'service_request_id "999999" was not found'],
  ])('refuses %o with %i', async (body, status, message) => {
    const res = await request(t.app)
      .post('/open311/v2/servicerequestupdates.json')
      .type('form')
      .send({ api_key: t.apiKey, ...body })
      .expect(status);
    expect(res.body).toEqual([{ code: status, description: expect.stringContaining(message) }]);
  });

  it('answers an update on a private case like a missing one, and refuses a missing api_key', async () => {
    await request(t.app)
      .post('/open311/v2/servicerequestupdates.json')
      .type('form')
      .send({ api_key: t.apiKey, service_request_id: String(hidden), description: 'x' })
      .expect(404);
    expect((await listEvents(t.ctx.db, hidden)).filter((e) => e.type === 'comment')).toEqual([]);
    await request(t.app)
      .post('/open311/v2/servicerequestupdates.json')
      .type('form')
      .send({ service_request_id: String(id), description: 'x' })
      .expect(403);
  });
});
