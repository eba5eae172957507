import request from 'supertest';
import type { InboundReport } from '../../../src/domain/types';
import {
  nestsAs,
  SPEC_ATTRIBUTE_FIELDS,
  SPEC_DISCOVERY_FIELDS,
  SPEC_ENDPOINT_FIELDS,
  SPEC_REQUEST_FIELDS,
  SPEC_SERVICE_FIELDS,
  SPEC_XML_PATHS,
} from './spec-shapes';
import { open311App } from './support';

function report(id: string, o: Partial<InboundReport> = {}): InboundReport {
  return {
    channel: 'sms',
    providerMessageId: id,
    reporter: { address: '+16175550100' },
    text: 'pothole',
    media: [],
    raw: {},
    serviceCode: 'pothole',
    ...o,
  };
}

describe('Open311 GET: discovery, services and requests', () => {
  let t: Awaited<ReturnType<typeof open311App>>;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    t = await open311App({ PUBLIC_BASE_URL: 'https://311.example.gov' });
    const add = async (name: string, o: Partial<InboundReport>) => {
      ids[name] = (await t.ctx.intake.submit(report(name, o), { noDuplicateCheck: true })).case.service_request_id;
    };
    await add('pothole', {
      text: 'pothole, call me on 617-555-0123 or mail ana@example.org',
      address: '1 Elm St',
      location: { lat: 42.35, lon: -71.06 },
    });
    await add('graffiti', { serviceCode: 'graffiti', text: 'tag on wall' });
    await add('private', { serviceCode: 'graffiti', text: 'secret', public: false });
    await add('working', { serviceCode: 'tree', text: 'branch' });
    await add('done', { serviceCode: 'tree', text: 'old branch' });
    await t.ctx.cases.update(ids.working, { status: 'in_progress' }, 'staff:test');
    await t.ctx.cases.update(ids.done, { status: 'closed', status_notes: 'Removed' }, 'staff:test');
    await t.ctx.db.query("UPDATE cases SET created_at = now() - interval '120 days' WHERE service_request_id = $1", [ids.graffiti]);
  });
  afterAll(() => t.close());

  const get = (path: string) => request(t.app).get(`/open311/v2/${path}`);

  it('serves discovery with the spec fields, pointing at PUBLIC_BASE_URL', async () => {
    const res = await get('discovery.json').expect(200);
    expect(Object.keys(res.body)).toEqual(SPEC_DISCOVERY_FIELDS);
    expect(Object.keys(res.body.endpoints[0])).toEqual(SPEC_ENDPOINT_FIELDS);
    expect(res.body.endpoints[0].url).toBe('https://311.example.gov/open311/v2');
    const xml = await get('discovery.xml').expect(200);
    expect(nestsAs(xml.text, SPEC_XML_PATHS.discovery)).toBe(true);
  });

  it('lists the catalog as services, in English or Spanish', async () => {
    const res = await get('services.json').expect(200);
    expect(res.body.length).toBe(t.ctx.catalog.codes().length);
    for (const s of res.body) expect(Object.keys(s)).toEqual(SPEC_SERVICE_FIELDS);
    expect(res.body.find((s: { service_code: string }) => s.service_code === 'pothole')).toMatchObject({
      service_name: 'Pothole',
      metadata: true,
      type: 'realtime',
      group: 'Streets',
    });
    expect(res.body.find((s: { service_code: string }) => s.service_code === 'noise').metadata).toBe(false);
    const es = await get('services.json').set('Accept-Language', 'es').expect(200);
    expect(es.body.find((s: { service_code: string }) => s.service_code === 'pothole').service_name).toBe('Bache');
    // Any enabled language, by Open311's `locale` (en_US style) too; the attributes' questions follow.
    const pt = await get('services.json?locale=pt_BR').expect(200);
    expect(pt.body.find((s: { service_code: string }) => s.service_code === 'pothole').service_name).toBe('Buraco na rua');
    const zh = await get('services/pothole.json?locale=zh-Hant').expect(200);
    expect(zh.body.attributes[0]).toMatchObject({
      description: '有多大？',
      values: [
        { key: 'small', name: '比餐盤小' },
        { key: 'large', name: '比餐盤大' },
      ],
    });
    const xml = await get('services.xml').expect(200);
    expect(xml.type).toBe('text/xml');
    expect(nestsAs(xml.text, SPEC_XML_PATHS.services)).toBe(true);
  });

  it('gives a service definition with its attributes and values, and 404 for an unknown code', async () => {
    const res = await get('services/pothole.json').expect(200);
    expect(res.body.service_code).toBe('pothole');
    expect(Object.keys(res.body.attributes[0])).toEqual(SPEC_ATTRIBUTE_FIELDS);
    expect(res.body.attributes[0]).toMatchObject({
      code: 'size',
      datatype: 'singlevaluelist',
      required: false,
      order: 1,
      values: [{ key: 'small' }, { key: 'large' }],
    });
    expect(nestsAs((await get('services/pothole.xml').expect(200)).text, SPEC_XML_PATHS.definition)).toBe(true);
    const missing = await get('services/unicorns.xml').expect(404);
    expect(nestsAs(missing.text, SPEC_XML_PATHS.errors)).toBe(true);
    expect(missing.text).toContain('service_code &quot;unicorns&quot; is not in the catalog');
  });

  it('lists public requests of the last 90 days with the spec fields, masking personal details', async () => {
    const res = await get('requests.json').expect(200);
    const got = res.body.map((r: { service_request_id: string }) => Number(r.service_request_id));
    expect(got).toEqual([ids.done, ids.working, ids.pothole]);
    for (const r of res.body) expect(Object.keys(r)).toEqual(SPEC_REQUEST_FIELDS);
    // Both validators require a string id in JSON.
    for (const r of res.body) expect(typeof r.service_request_id).toBe('string');
    const pothole = res.body.find((r: { service_request_id: string }) => r.service_request_id === String(ids.pothole));
    expect(pothole.description).not.toMatch(/617|ana@/);
    expect(pothole).toMatchObject({ status: 'open', lat: 42.35, long: -71.06, address: '1 Elm St', agency_responsible: 'Public Works' });
    expect(pothole.requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(nestsAs((await get('requests.xml').expect(200)).text, SPEC_XML_PATHS.requests)).toBe(true);
  });

  it('shows in_progress as open, and filters by status and service_code lists', async () => {
    const open = await get('requests.json?status=open').expect(200);
    expect(open.body.map((r: { service_request_id: string }) => Number(r.service_request_id))).toEqual([ids.working, ids.pothole]);
    expect(open.body[0].status).toBe('open');
    const closed = await get('requests.json?status=closed').expect(200);
    expect(closed.body).toMatchObject([{ service_request_id: String(ids.done), status: 'closed', status_notes: 'Removed' }]);
    const codes = await get('requests.json?service_code=pothole,graffiti&start_date=2000-01-01T00:00:00Z').expect(200);
    // Newest first by date: the graffiti case is dated 120 days back.
    expect(codes.body.map((r: { service_request_id: string }) => Number(r.service_request_id))).toEqual([ids.pothole, ids.graffiti]);
  });

  it('filters by start_date and end_date and by an id list, which overrides the rest; never shows private cases', async () => {
    const old = await get(`requests.json?start_date=2000-01-01T00:00:00Z&end_date=${new Date(Date.now() - 100 * 86400_000).toISOString()}`).expect(
      200,
    );
    expect(old.body.map((r: { service_request_id: string }) => Number(r.service_request_id))).toEqual([ids.graffiti]);
    const byId = await get(`requests.json?service_request_id=${ids.graffiti},${ids.private},${ids.done}&status=open`).expect(200);
    expect(byId.body.map((r: { service_request_id: string }) => Number(r.service_request_id))).toEqual([ids.done, ids.graffiti]);
    await get(`requests/${ids.private}.json`).expect(404);
    const one = await get(`requests/${ids.pothole}.xml`).expect(200);
    expect(one.text).toContain(`<service_request_id>${ids.pothole}</service_request_id>`);
  });

  it('pages with page and page_size', async () => {
    const first = await get('requests.json?page_size=2').expect(200);
    const second = await get('requests.json?page_size=2&page=2').expect(200);
    expect(first.body.map((r: { service_request_id: string }) => Number(r.service_request_id))).toEqual([ids.done, ids.working]);
    expect(second.body.map((r: { service_request_id: string }) => Number(r.service_request_id))).toEqual([ids.pothole]);
  });

  it.each([
    ['requests.json?status=pending', 400, 'status "pending" is not open or closed'],
    ['requests.json?start_date=yesterday', 400, 'start_date "yesterday" is not a w3c date-time'],
    ['requests.json?page_size=5000', 400, 'page_size must be a whole number from 1 to 1000'],
    ['requests.json?service_request_id=12a', 400, 'service_request_id "12a"'],
    ['requests/999999999.json', 404, 'service_request_id "999999999" was not found'],
    ['requests.csv', 404, 'format ".csv" is not offered'],
    ['nothing.json', 404, 'is not a GeoReport v2 resource'],
  ])('answers %s with %i and the spec error list', async (path, status, message) => {
    const res = await get(path).expect(status);
    expect(res.body).toEqual([{ code: status, description: expect.stringContaining(message) }]);
  });

  it("lists newest first by requested_datetime, one category's open cases too, whatever order they were filed in", async () => {
    // Filed last, so its tracking number is the highest, but about ten days ago (a case dated by hand).
    const late = (await t.ctx.intake.submit(report('late', { serviceCode: 'tree', text: 'fallen limb' }), { noDuplicateCheck: true })).case
      .service_request_id;
    await t.ctx.db.query("UPDATE cases SET created_at = now() - interval '10 days' WHERE service_request_id = $1", [late]);
    const idsOf = (body: { service_request_id: string }[]) => body.map((r) => Number(r.service_request_id));
    const all = await get('requests.json').expect(200);
    expect(idsOf(all.body)).toEqual([ids.done, ids.working, ids.pothole, late]);
    const dates = all.body.map((r: { requested_datetime: string }) => r.requested_datetime);
    expect([...dates].sort().reverse()).toEqual(dates);
    const openTrees = await get('requests.json?status=open&service_code=tree').expect(200);
    expect(idsOf(openTrees.body)).toEqual([ids.working, late]);
    const page2 = await get('requests.json?page_size=3&page=2').expect(200);
    expect(idsOf(page2.body)).toEqual([late]);
  });
});
