import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { unsubscribeUrl } from '../../../src/channels/signed-link';
import { createApp } from '../../../src/http/app';
import { type TestContext, testContext } from '../../support/context';
import { freshPgDatabase } from '../../support/db';
import { phonePhoto } from '../../support/images';

type Agent = ReturnType<typeof request.agent>;

const hiddenValue = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';

/** Opens the form as a browser would (its cookie, its token, its form id). */
async function openForm(agent: Agent, path = '/report') {
  const res = await agent.get(path).expect(200);
  return { csrf: hiddenValue(res.text, '_csrf'), form: hiddenValue(res.text, 'form'), html: res.text };
}

function post(agent: Agent, fields: Record<string, string>, photo?: Buffer) {
  let r = agent.post('/report?lang=en');
  for (const [k, v] of Object.entries(fields)) r = r.field(k, v);
  if (photo) r = r.attach('photo_file', photo, { filename: 'photo.jpg', contentType: 'image/jpeg' });
  return r;
}

/** The field's error text, as shown next to it. */
const errorOf = (html: string, name: string) => new RegExp(`id="f-${name}-error"><span[^>]*>[^<]*</span>([^<]*)</p>`).exec(html)?.[1];

describe('the public report form: validation, CSRF, honeypot, rate limits, exactly once, unsubscribe', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let ctx: TestContext;
  let app: ReturnType<typeof createApp>;
  const count = async (table: string) => Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n);

  beforeAll(async () => {
    db = await freshPgDatabase();
    ctx = await testContext(db);
    app = createApp(ctx, ctx.channels);
  });
  afterAll(async () => {
    await ctx.queue.close();
    await db.close();
  });

  it('refuses bad input with a message next to each field, keeps what was typed, and files nothing', async () => {
    const agent = request.agent(app);
    const { csrf, form } = await openForm(agent);
    const res = await post(agent, {
      _csrf: csrf,
      form,
      address: '10 Downing Street, London',
      description: '',
      phone: '12',
      email: 'not-an-email',
      step: 'review',
    }).expect(422);
    expect(errorOf(res.text, 'address')).toMatch(/could not find this place/);
    expect(errorOf(res.text, 'description')).toMatch(/Describe the problem/);
    expect(errorOf(res.text, 'phone')).toMatch(/area code/);
    expect(errorOf(res.text, 'email')).toMatch(/email address such as/);
    // Announced: a summary with role=alert, and each field points at its message.
    expect(res.text).toContain('id="error-summary" role="alert"');
    expect(res.text).toMatch(/id="f-phone"[^>]*aria-describedby="f-phone-error"[^>]*aria-invalid="true"/);
    expect(res.text).toContain('value="10 Downing Street, London"');
    expect(res.text).toContain('value="not-an-email"');
    expect(await count('cases')).toBe(0);
  });

  it('refuses a place outside the city and a photo that is not an image', async () => {
    const agent = request.agent(app);
    const { csrf, form } = await openForm(agent);
    const res = await post(
      agent,
      { _csrf: csrf, form, address: '', lat: '42.45', lon: '-71.25', description: 'Pothole', step: 'review' },
      Buffer.from('this is not a picture'),
    ).expect(422);
    expect(errorOf(res.text, 'address')).toMatch(/outside Boston/);
    expect(errorOf(res.text, 'photo')).toMatch(/not a photo we can use/);
  });

  it('refuses a post without the browser’s CSRF token (403) and one whose honeypot is filled (400)', async () => {
    const agent = request.agent(app);
    const { csrf, form } = await openForm(agent);
    const fields = { form, address: '45 Main St', description: 'Deep pothole', step: 'send', service_code: 'pothole', attrs_for: 'pothole' };
    const forged = await post(agent, { ...fields, _csrf: 'made.up' }).expect(403);
    expect(forged.text).toMatch(/This form expired or cookies are off/);
    expect(forged.text).toContain('Deep pothole');
    // Another browser's valid token does not pass with this browser's cookie.
    const other = await openForm(request.agent(app));
    await post(agent, { ...fields, _csrf: other.csrf }).expect(403);
    await post(agent, { ...fields, _csrf: csrf, website: 'http://spam.example' }).expect(400);
    expect(await count('cases')).toBe(0);
  });

  it('proposes a category, files once however often the same form is sent, and confirms to the phone and email given', async () => {
    const agent = request.agent(app);
    const { csrf, form } = await openForm(agent);
    const base = {
      _csrf: csrf,
      form,
      address: '45 Main St',
      description: 'Big pothole in front of the bakery',
      phone: '617 555 0142',
      email: 'resident@example.org',
    };
    const review = await post(agent, { ...base, step: 'review' }, await phonePhoto({ width: 800, height: 600 })).expect(200);
    expect(review.text).toContain('We think this is “Pothole”');
    expect(review.text).toContain('45 Main St, Charlestown 02129');
    // The pothole's follow-up question is asked; a made-up answer is refused next to it.
    expect(review.text).toContain('How big is it?');
    const photo = hiddenValue(review.text, 'photo');
    expect(photo).toMatch(/^open311-media\//);
    await agent
      .get(`/report/photo/${encodeURIComponent(photo)}`)
      .expect(200)
      .expect('Content-Type', 'image/jpeg');
    const sendFields = { ...base, photo, service_code: 'pothole', attrs_for: 'pothole', step: 'send' };
    const bad = await post(agent, { ...sendFields, attr_size: 'enormous' }).expect(422);
    expect(errorOf(bad.text, 'attr_size')).toMatch(/Choose one of the answers/);

    const first = await post(agent, { ...sendFields, attr_size: 'large' }).expect(303);
    const again = await post(agent, { ...sendFields, attr_size: 'large' }).expect(303);
    expect(again.headers.location).toBe(first.headers.location);
    expect(await count('cases')).toBe(1);

    const sent = await agent.get(first.headers.location).expect(200);
    const id = /id="tracking-number">(\d+)</.exec(sent.text)?.[1];
    expect(id).toBeDefined();
    expect(sent.text).toContain('confirmation by text message and email');
    const c = (await db.query('SELECT * FROM cases WHERE service_request_id = $1', [id])).rows[0];
    expect(c).toMatchObject({ channel: 'web', service_code: 'pothole', public: true, attributes: { size: 'large' } });
    expect(c.reporter).toEqual({ phone: '+16175550142', email: 'resident@example.org' });
    const opened = await db.query('SELECT channel, recipient FROM notifications WHERE case_id = $1 AND kind = $2 ORDER BY channel', [
      id,
      'case_opened',
    ]);
    expect(opened.rows).toEqual([
      { channel: 'email', recipient: 'resident@example.org' },
      { channel: 'sms', recipient: '+16175550142' },
    ]);
    expect((await db.query('SELECT count(*)::int AS n FROM media_items WHERE case_id = $1', [id])).rows[0].n).toBe(1);
    // The public page shows the case, never who reported it.
    const page = await request(app).get(`/cases/${id}`).expect(200);
    expect(page.text).toContain('Big pothole in front of the bakery');
    expect(page.text).not.toMatch(/resident@example\.org|555.?0142/);
  });

  it('offers the open case nearby, and following it subscribes instead of filing a second case', async () => {
    const existing = Number((await db.query("SELECT service_request_id AS id FROM cases WHERE service_code = 'pothole'")).rows[0].id);
    const agent = request.agent(app);
    const { csrf, form } = await openForm(agent);
    const base = { _csrf: csrf, form, address: '45 Main St', description: 'Pothole again', service_code: 'pothole', email: 'neighbour@example.org' };
    const review = await post(agent, { ...base, step: 'review' }).expect(200);
    expect(review.text).toContain('Already reported?');
    expect(review.text).toContain(`Follow #${existing} instead`);
    // The same address: said in words, not as "about 0 m away".
    expect(review.text).toContain('at the same spot');
    expect(review.text).not.toContain('about 0 m away');
    const before = await count('cases');
    const followed = await post(agent, { ...base, attrs_for: 'pothole', follow: String(existing) }).expect(200);
    expect(followed.text).toContain(`You are following report #${existing}`);
    expect(await count('cases')).toBe(before);
    const subs = await db.query("SELECT role, active FROM subscriptions WHERE case_id = $1 AND address = 'neighbour@example.org'", [existing]);
    expect(subs.rows).toEqual([{ role: 'follower', active: true }]);
    const confirmed = await db.query("SELECT kind FROM notifications WHERE case_id = $1 AND recipient = 'neighbour@example.org'", [existing]);
    expect(confirmed.rows).toEqual([{ kind: 'follow_confirmed' }]);
  });

  it('follows from the case page, and the signed unsubscribe link stops that subscription without signing in', async () => {
    const id = Number((await db.query("SELECT service_request_id AS id FROM cases WHERE service_code = 'pothole'")).rows[0].id);
    const agent = request.agent(app);
    const { csrf, form } = await openForm(agent, `/cases/${id}`);
    const none = await agent.post(`/cases/${id}/follow`).type('form').send({ _csrf: csrf, form }).expect(422);
    expect(errorOf(none.text, 'phone')).toMatch(/mobile number or an email/);
    await agent.post(`/cases/${id}/follow`).type('form').send({ _csrf: csrf, form, email: 'watcher@example.org' }).expect(200);
    const sub = (await db.query("SELECT id, active FROM subscriptions WHERE address = 'watcher@example.org'")).rows[0];
    expect(sub.active).toBe(true);

    const link = new URL(unsubscribeUrl(ctx.config.publicBaseUrl, ctx.linkSecret, Number(sub.id)));
    const tampered = link.pathname.replace(/\/(\d+)\./, (_m, n) => `/${Number(n) + 1}.`);
    await request(app).get(tampered).expect(404);
    await request(app).post(tampered).expect(404);
    // Opening the link only asks; the button (or a mail client's one-click POST) stops.
    const ask = await request(app).get(link.pathname).expect(200);
    expect(ask.text).toContain(`Stop emails about report #${id}`);
    expect((await db.query('SELECT active FROM subscriptions WHERE id = $1', [sub.id])).rows[0].active).toBe(true);
    await request(app).post(link.pathname).type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect((await db.query('SELECT active FROM subscriptions WHERE id = $1', [sub.id])).rows[0].active).toBe(false);
    const others = await db.query("SELECT count(*)::int AS n FROM subscriptions WHERE case_id = $1 AND active AND address <> 'watcher@example.org'", [
      id,
    ]);
    expect(others.rows[0].n).toBeGreaterThan(0);
  });
});

describe('the public report form: size limits', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let ctx: TestContext;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    db = await freshPgDatabase();
    ctx = await testContext(db, { env: { MEDIA_MAX_BYTES: '20000' } });
    app = createApp(ctx, ctx.channels);
  });
  afterAll(async () => {
    await ctx.queue.close();
    await db.close();
  });

  it('refuses a photo over MEDIA_MAX_BYTES beside the field, keeping the words, and a body too large to read with 400', async () => {
    const agent = request.agent(app);
    const { csrf, form } = await openForm(agent);
    const big = await phonePhoto({ width: 1200, height: 900, gps: false });
    expect(big.length).toBeGreaterThan(20000);
    const res = await post(agent, { _csrf: csrf, form, address: '45 Main St', description: 'Pothole by the school', step: 'review' }, big).expect(
      422,
    );
    expect(errorOf(res.text, 'photo')).toBe('The photo is larger than 20 KB.');
    expect(res.text).toContain('Pothole by the school');
    await post(agent, { _csrf: csrf, form, address: '45 Main St', description: 'x'.repeat(40 * 1024), step: 'review' }).expect(400);
    expect((await db.query('SELECT count(*)::int AS n FROM cases')).rows[0].n).toBe(0);
  });
});

describe('photos staged by the form', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let ctx: TestContext;

  beforeAll(async () => {
    db = await freshPgDatabase();
    ctx = await testContext(db);
  });
  afterAll(async () => {
    await ctx.queue.close();
    await db.close();
  });

  it('are removed a day after a form left unsent; one a case still waits for is kept', async () => {
    const orphan = await ctx.media.stageUpload(await phonePhoto({ width: 400, height: 300, gps: false }));
    const awaited = await ctx.media.stageUpload(await phonePhoto({ width: 300, height: 400, gps: false }));
    await ctx.intake.submit({
      channel: 'web',
      providerMessageId: 'report:staged-photo',
      reporter: {},
      text: 'Broken bench',
      media: [],
      address: '45 Main St',
      serviceCode: 'parks',
      details: { open311_upload: { file: awaited.file, content_type: awaited.contentType } },
      raw: {},
    });
    const file = (f: string) => path.join(ctx.dataDir, f);
    expect(await ctx.media.expireStagedUploads()).toBe(0);
    const twoDaysAgo = new Date(Date.now() - 48 * 3600_000);
    for (const f of [orphan.file, awaited.file]) fs.utimesSync(file(f), twoDaysAgo, twoDaysAgo);
    expect(await ctx.media.expireStagedUploads()).toBe(1);
    expect(fs.existsSync(file(orphan.file))).toBe(false);
    expect(fs.existsSync(file(awaited.file))).toBe(true);
  });
});

describe('the public report form: the per-IP limit', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let ctx: TestContext;
  let app: ReturnType<typeof createApp>;
  const count = async () => Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases')).rows[0].n);

  beforeAll(async () => {
    db = await freshPgDatabase();
    ctx = await testContext(db, { env: { RATE_LIMIT_WEB_REPORTS: '1/600' } });
    app = createApp(ctx, ctx.channels);
  });
  afterAll(async () => {
    await ctx.queue.close();
    await db.close();
  });

  it('answers 429 with Retry-After once an IP has sent its reports, and files nothing more', async () => {
    const agent = request.agent(app);
    const { csrf, form } = await openForm(agent);
    const second = await openForm(agent);
    const fields = {
      _csrf: csrf,
      address: 'Tremont St and Boylston St',
      description: 'Graffiti on the wall',
      service_code: 'graffiti',
      attrs_for: 'graffiti',
      step: 'send',
    };
    await post(agent, { ...fields, form }).expect(303);
    const refused = await post(agent, { ...fields, form: second.form }).expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.text).toMatch(/Too many reports/);
    expect(await count()).toBe(1);
  });
});
