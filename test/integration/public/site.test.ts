import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { InboundReport } from '../../../src/domain/types';
import { createApp } from '../../../src/http/app';
import { type TestContext, testContext } from '../../support/context';
import { freshPgDatabase } from '../../support/db';

const PII = ['+16175550100', '6175550100', 'resident_handle', 'Ana Diaz', 'ana@example.org', '617-555-0123'];

function report(id: string, o: Partial<InboundReport> = {}): InboundReport {
  return {
    channel: 'twitter',
    providerMessageId: id,
    reporter: { address: '+16175550100', handle: 'resident_handle', name: 'Ana Diaz', email: 'ana@example.org' },
    text: 'Huge pothole, call me at 617-555-0123 or ana@example.org',
    media: [{ url: 'https://example.org/hole.jpg' }],
    location: { lat: 42.35, lon: -71.06 },
    address: '12 Elm St',
    serviceCode: 'pothole',
    raw: {},
    ...o,
  };
}

/** One event of the public stream: what happened, and the case as the public sees it. */
type StreamData = { type: string; case: { id: number; service_name?: string; [field: string]: unknown } };

/** Reads server-sent events from a live HTTP response until `until` says stop. */
async function readEvents(url: string, headers: Record<string, string>, until: (events: Array<{ id: string; data: StreamData }>) => boolean) {
  const controller = new AbortController();
  const res = await fetch(url, { headers, signal: controller.signal });
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = res.body!.getReader();
  const events: Array<{ id: string; data: StreamData }> = [];
  let buffer = '';
  try {
    while (!until(events)) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += new TextDecoder().decode(value);
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const id = /^id: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (id && data) events.push({ id, data: JSON.parse(data) });
      }
    }
  } finally {
    controller.abort();
  }
  return { events, raw: buffer };
}

describe('public site', () => {
  let ctx: TestContext;
  let other: TestContext;
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let server: Server;
  let base: string;
  let main: number;
  let privateId: number;

  beforeAll(async () => {
    db = await freshPgDatabase();
    ctx = await testContext(db, { channels: [], env: { PUBLIC_STREAM_POLL_MS: '200', PUBLIC_BASE_URL: 'https://311.example.gov' } });
    // A second process on the same database: its events reach this one's stream only by polling.
    other = await testContext(db, { channels: [] });
    const app = createApp(ctx, []);
    server = app.listen(0);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    main = (await ctx.intake.submit(report('t-1'))).case.service_request_id;
    privateId = (
      await ctx.intake.submit(report('t-2', { serviceCode: 'noise', text: 'private noise complaint', public: false, location: undefined }))
    ).case.service_request_id;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await ctx.queue.close();
    await other.queue.close();
    await db.close();
  });

  it('lists recent public cases with a map, without reporter details or private cases', async () => {
    const res = await request(server).get('/').expect(200);
    expect(res.type).toBe('text/html');
    expect(res.text).toContain(`id="case-${main}"`);
    expect(res.text).toContain('Pothole');
    expect(res.text).toContain('<meta name="viewport"');
    expect(res.text).toContain('/assets/leaflet/leaflet.js');
    expect(res.text).not.toContain(`case-${privateId}`);
    expect(res.text).not.toContain('private noise complaint');
    for (const p of PII) expect(res.text).not.toContain(p);
    await request(server).get('/assets/leaflet/leaflet.js').expect(200);
    await request(server).get('/assets/site.js').expect(200);
  });

  it('speaks Spanish by Accept-Language or ?lang=es', async () => {
    const byHeader = await request(server).get('/').set('Accept-Language', 'es-MX,es;q=0.9').expect(200);
    expect(byHeader.text).toContain('<html lang="es" dir="ltr">');
    expect(byHeader.text).toContain('Bache');
    const byQuery = await request(server).get('/?lang=es').set('Accept-Language', 'en').expect(200);
    expect(byQuery.text).toContain('Reportes recientes');
  });

  it('speaks every enabled language, by ?lang= or Accept-Language (zh-TW is Traditional Chinese)', async () => {
    const arabic = await request(server).get('/?lang=ar').expect(200);
    expect(arabic.text).toContain('<html lang="ar" dir="rtl">');
    expect(arabic.text).toContain('أحدث البلاغات');
    const taiwan = await request(server).get('/').set('Accept-Language', 'zh-TW,zh;q=0.9').expect(200);
    expect(taiwan.text).toContain('<html lang="zh-Hant" dir="ltr">');
    expect(taiwan.text).toContain('最新報告');
    const haitian = await request(server).get('/').set('Accept-Language', 'ht-HT').expect(200);
    expect(haitian.text).toContain('Dènye rapò yo');
    // An unknown language is English, never an error.
    const unknown = await request(server).get('/?lang=xx').expect(200);
    expect(unknown.text).toContain('<html lang="en" dir="ltr">');
  });

  it('filters by category and status', async () => {
    const graffiti = (await ctx.intake.submit(report('t-3', { serviceCode: 'graffiti', location: { lat: 42.3, lon: -71.1 } }))).case
      .service_request_id;
    const onlyGraffiti = await request(server).get('/?service_code=graffiti').expect(200);
    expect(onlyGraffiti.text).toContain(`case-${graffiti}"`);
    expect(onlyGraffiti.text).not.toContain(`case-${main}"`);
    const closed = await request(server).get('/?status=closed').expect(200);
    expect(closed.text).not.toContain(`case-${graffiti}"`);
    expect(closed.text).toContain('No reports match.');
  });

  it('shows a case page with history, photos, closure note and photo, and links a merged duplicate', async () => {
    const dup = (await ctx.intake.submit(report('t-4', { location: { lat: 42.4, lon: -71.2 } }))).case.service_request_id;
    await ctx.cases.update(dup, { duplicate_of: main }, 'staff:Jane Staffer');
    await ctx.cases.addNote(main, 'internal: caller sounded upset', false, 'staff:Jane Staffer');
    await ctx.cases.update(
      main,
      { status: 'closed', status_notes: 'Patched the hole', closure_media_url: 'https://example.org/fixed.jpg' },
      'staff:Jane Staffer',
    );
    const page = await request(server).get(`/cases/${main}`).expect(200);
    expect(page.text).toContain('Patched the hole');
    // Photos appear only as our processed copies (test/integration/media); the URLs they came from never do.
    expect(page.text).not.toContain('https://example.org/fixed.jpg');
    expect(page.text).not.toContain('https://example.org/hole.jpg');
    expect(page.text).toContain(`<a href="/cases/${dup}?lang=en">#${dup}</a>`);
    expect(page.text).toContain('Huge pothole, call me at');
    expect(page.text).not.toContain('internal: caller sounded upset');
    expect(page.text).not.toContain('Jane Staffer');
    for (const p of PII) expect(page.text).not.toContain(p);
    const dupPage = await request(server).get(`/cases/${dup}?lang=es`).expect(200);
    expect(dupPage.text).toContain(`Duplicado de <a href="/cases/${main}?lang=es">#${main}</a>`);
    await request(server).get(`/cases/${privateId}`).expect(404);
    await request(server).get('/cases/999999999').expect(404);
  });

  it('publishes an Atom feed of cases opened and closed', async () => {
    const res = await request(server).get('/feed.atom').expect(200);
    expect(res.type).toBe('application/atom+xml');
    expect(res.text).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
    expect(res.text).toContain(`<link rel="self" type="application/atom+xml" href="https://311.example.gov/feed.atom?lang=en"/>`);
    expect(res.text).toContain(`<title>Closed: Pothole #${main}</title>`);
    expect(res.text).toContain(`<title>New: Pothole #${main}</title>`);
    expect(res.text).not.toContain(`#${privateId}`);
    for (const p of PII) expect(res.text).not.toContain(p);
    // Every entry has the elements RFC 4287 requires.
    const entries = res.text.split('<entry>').slice(1);
    expect(entries.length).toBeGreaterThan(2);
    for (const e of entries) for (const tag of ['<id>', '<title>', '<updated>']) expect(e).toContain(tag);
  });

  it('streams cases opened in this process and in another one, live, without personal details', async () => {
    const opened: number[] = [];
    const reading = readEvents(`${base}/feed/stream`, {}, (events) => events.length >= 2);
    await new Promise((r) => setTimeout(r, 300));
    opened.push((await ctx.intake.submit(report('live-1', { location: { lat: 42.5, lon: -71.5 } }))).case.service_request_id);
    opened.push((await other.intake.submit(report('live-2', { location: { lat: 42.6, lon: -71.6 } }))).case.service_request_id);
    const { events } = await reading;
    expect(events.map((e) => [e.data.type, e.data.case.id])).toEqual(opened.map((id) => ['opened', id]));
    expect(events[0].data.case).toMatchObject({ service_name: 'Pothole', status: 'open', address: '12 Elm St' });
    for (const p of PII) expect(JSON.stringify(events)).not.toContain(p);
  });

  it('resumes from Last-Event-ID, skipping private cases', async () => {
    const { rows } = await db.query<{ id: number }>('SELECT max(id) AS id FROM case_events');
    const after = Number(rows[0].id);
    await ctx.intake.submit(report('resume-private', { public: false, location: { lat: 41, lon: -70 } }));
    const visible = (await ctx.intake.submit(report('resume-public', { location: { lat: 41.1, lon: -70.1 } }))).case.service_request_id;
    await ctx.cases.update(visible, { status: 'closed' }, 'staff:test');
    const { events } = await readEvents(`${base}/feed/stream?lang=es`, { 'Last-Event-ID': String(after) }, (ev) => ev.length >= 2);
    expect(events.map((e) => [e.data.type, e.data.case.id, e.data.case.service_name])).toEqual([
      ['opened', visible, 'Bache'],
      ['closed', visible, 'Bache'],
    ]);
  });

  it('tells caches and proxies not to hold the stream back', async () => {
    const res = await fetch(`${base}/feed/stream`);
    expect(res.headers.get('cache-control')).toContain('no-cache');
    await res.body!.cancel();
  });
});
