import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { elementPaths, xmlProblem } from '../../support/xml';
import { open311App } from './support';

const EXAMPLES = path.join(__dirname, '../../fixtures/open311');
const example = (name: string) => elementPaths(fs.readFileSync(path.join(EXAMPLES, name), 'utf8'));

/** Our XML answers nest exactly as the spec's (and FixMyStreet's) example documents do: same elements, same order. */
describe('Open311 XML matches the example documents', () => {
  let t: Awaited<ReturnType<typeof open311App>>;
  let id: string;
  let batch: Awaited<ReturnType<typeof open311App>>;
  beforeAll(async () => {
    t = await open311App();
    batch = await open311App({ OPEN311_SERVICE_TYPE: 'batch' });
    const res = await request(t.app)
      .post('/open311/v2/requests.json')
      .type('form')
      .send({
        api_key: t.apiKey,
        service_code: 'pothole',
        lat: '42.35',
        long: '-71.06',
        address_string: '1 Elm St',
        media_url: 'https://example.org/p.jpg',
      })
      .expect(200);
    id = res.body[0].service_request_id;
    await t.ctx.cases.update(Number(id), { status: 'closed', status_notes: 'Filled' }, 'staff:test');
  });
  afterAll(async () => {
    await t.close();
    await batch.close();
  });

  async function xmlOf(req: request.Test): Promise<string> {
    const res = await req;
    expect(res.type).toBe('text/xml');
    expect(xmlProblem(res.text)).toBeUndefined();
    return res.text;
  }

  it.each([
    ['discovery.xml', 'discovery.xml'],
    ['services.xml', 'services.xml'],
    ['services/pothole.xml', 'service-definition.xml'],
    ['requests.xml', 'requests.xml'],
    ['requests.xml?status=pending', 'errors.xml'],
    [`servicerequestupdates.xml?start_date=2000-01-01T00:00:00Z`, 'servicerequestupdates.xml'],
  ])('GET %s nests like %s', async (resource, file) => {
    const res = await xmlOf(request(t.app).get(`/open311/v2/${resource}`));
    expect(elementPaths(res)).toEqual(example(file));
  });

  it('POST requests.xml answers like the spec (an id), and in batch mode like its token example; tokens/{token} too', async () => {
    const body = { service_code: 'graffiti', address_string: '2 Elm St' };
    const realtime = await xmlOf(
      request(t.app)
        .post('/open311/v2/requests.xml')
        .type('form')
        .send({ api_key: t.apiKey, ...body }),
    );
    expect(elementPaths(realtime)).toEqual(example('post-request.xml'));
    const queued = await xmlOf(
      request(batch.app)
        .post('/open311/v2/requests.xml')
        .type('form')
        .send({ api_key: batch.apiKey, ...body }),
    );
    expect(elementPaths(queued)).toEqual(example('post-request-token.xml'));
    const token = /<token>([0-9a-f]+)<\/token>/.exec(queued)?.[1];
    expect(elementPaths(await xmlOf(request(batch.app).get(`/open311/v2/tokens/${token}.xml`)))).toEqual(example('token.xml'));
  });

  it('POST servicerequestupdates.xml answers like FixMyStreet expects', async () => {
    const res = await xmlOf(
      request(t.app)
        .post('/open311/v2/servicerequestupdates.xml')
        .type('form')
        .send({ api_key: t.apiKey, service_request_id: id, description: 'Still there', status: 'OPEN' }),
    );
    expect(elementPaths(res)).toEqual(example('post-update.xml'));
  });

  it('answers errors like the spec example', async () => {
    const res = await xmlOf(
      request(t.app).post('/open311/v2/requests.xml').type('form').send({ api_key: 'wrong', service_code: 'pothole', address_string: 'x' }),
    );
    expect(elementPaths(res)).toEqual(example('errors.xml'));
  });
});
