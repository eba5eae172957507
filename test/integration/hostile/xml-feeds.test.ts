import request from 'supertest';
import { xmlProblem } from '../../support/xml';
import { wholeApp } from './whole-app';

describe('control characters in reports never break the XML documents', () => {
  let t: Awaited<ReturnType<typeof wholeApp>>;
  beforeAll(async () => {
    t = await wholeApp();
  });
  afterAll(() => t.close());

  async function expectFeedsWellFormed(caseId: number): Promise<void> {
    for (const path of ['/feed.atom', '/open311/v2/requests.xml', `/open311/v2/requests/${caseId}.xml`]) {
      const res = await request(t.app).get(path).expect(200);
      expect({ path, problem: xmlProblem(res.text) }).toEqual({ path, problem: undefined });
    }
  }

  it('an Open311 report with U+0001, NUL and a lone surrogate is stored clean and every feed stays well-formed', async () => {
    const res = await request(t.app)
      .post('/open311/v2/requests.json')
      .send({
        api_key: t.open311Key,
        service_code: 'pothole',
        lat: 42.351,
        long: -71.061,
        address_string: '12\u000b Elm\u0000 St',
        description: 'Deep\u0001 pothole \uD800by the\u0000 school',
        first_name: 'Ana\u0000',
        attribute: { size: 'large\u0001' },
      })
      .expect(200);
    const id = res.body[0].service_request_id as number;
    const { rows } = await t.ctx.db.query<{ description: string; address: string; attributes: Record<string, string> }>(
      'SELECT description, address, attributes FROM cases WHERE service_request_id = $1',
      [id],
    );
    expect(rows[0]).toEqual({ description: 'Deep pothole \uFFFDby the school', address: '12 Elm St', attributes: { size: 'large' } });
    await expectFeedsWellFormed(id);
  });

  it('an SMS with a control character gets a well-formed TwiML reply, and the feeds stay well-formed', async () => {
    const reply = await t
      .twilio('/channels/sms', {
        MessageSid: 'SMctl0001',
        From: '+16175550177',
        To: t.ctx.config.twilio.phoneNumber,
        Body: 'graffiti\u0001 on the wall at 45 Main St',
        NumMedia: '1',
        MediaUrl0: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM7/Media/ME7',
        MediaContentType0: 'image/jpeg',
      })
      .expect(200);
    expect(xmlProblem(reply.text)).toBeUndefined();
    // The place is read back once; YES files it.
    expect(reply.text).toContain('45 Main St, Charlestown? Reply YES');
    const filed = await t
      .twilio('/channels/sms', { MessageSid: 'SMctl0002', From: '+16175550177', To: t.ctx.config.twilio.phoneNumber, Body: 'YES', NumMedia: '0' })
      .expect(200);
    expect(xmlProblem(filed.text)).toBeUndefined();
    const id = Number(/#(\d+)/.exec(filed.text)?.[1]);
    const { rows } = await t.ctx.db.query<{ description: string }>('SELECT description FROM cases WHERE service_request_id = $1', [id]);
    expect(rows[0].description).toBe('graffiti on the wall at 45 Main St');
    await expectFeedsWellFormed(id);
  });

  it('a control character already stored (before cleaning existed) is left out of every XML document', async () => {
    const res = await request(t.app)
      .post('/open311/v2/requests.json')
      .send({ api_key: t.open311Key, service_code: 'graffiti', lat: 42.352, long: -71.062, description: 'Tag on the library' })
      .expect(200);
    const id = res.body[0].service_request_id as number;
    await t.ctx.db.query(
      "UPDATE cases SET description = 'Tag' || chr(1) || ' on the library', address = 'Main' || chr(31) || ' St' WHERE service_request_id = $1",
      [id],
    );
    await expectFeedsWellFormed(id);
    const page = await request(t.app).get(`/cases/${id}`).expect(200);
    expect(page.text).toContain('Tag on the library');
  });
});
