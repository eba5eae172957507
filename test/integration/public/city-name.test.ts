import request from 'supertest';
import { open311Channel } from '../../../channels/open311';
import { smsChannel } from '../../../channels/sms';
import { voiceChannel } from '../../../channels/voice';
import { createApp } from '../../../src/http/app';
import { twilioSignature } from '../../../vendors/twilio/signature';
import { type TestContext, testContext } from '../../support/context';
import { freshPgDatabase } from '../../support/db';
import { twimlMessages } from '../sms/sms-harness';

const PUBLIC = 'https://311.springfield.example';
const PHONE = '+1 217 555 0100';

// Another city installs it: every text a resident reads or hears names that city, and none names the default one.
describe('CITY_NAME and CITY_PHONE in what residents read and hear', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let ctx: TestContext;
  let app: ReturnType<typeof createApp>;
  const heard: string[] = [];

  const signed = (path: string, fields: Record<string, string>) =>
    request(app)
      .post(path)
      .set('X-Twilio-Signature', twilioSignature(ctx.twilioSigningSecret, PUBLIC + path, fields))
      .type('form')
      .send(new URLSearchParams(fields).toString());

  beforeAll(async () => {
    db = await freshPgDatabase();
    ctx = await testContext(db, {
      channels: [smsChannel, voiceChannel, open311Channel],
      env: { PUBLIC_BASE_URL: PUBLIC, CITY_NAME: 'Springfield', CITY_PHONE: PHONE },
    });
    app = createApp(ctx, [smsChannel, voiceChannel, open311Channel]);
  });
  afterAll(async () => {
    await ctx.queue.close();
    await db.close();
  });

  it('SMS HELP and the START confirmation name the city and the number to call', async () => {
    const sms = (body: string, sid: string) => ({
      AccountSid: 'AC00000000000000000000000000000000',
      From: '+12175550142',
      To: '+12175550311',
      Body: body,
      MessageSid: sid,
      SmsMessageSid: sid,
      NumMedia: '0',
    });
    const help = await signed('/channels/sms', sms('HELP', 'SMcity0000000000000000000000000001')).expect(200);
    heard.push(help.text);
    const [reply] = twimlMessages(help.text);
    expect(reply).toMatch(/^Springfield 311 by text:/);
    expect(reply).toContain(`call ${PHONE}`);
    const start = await signed('/channels/sms', sms('START', 'SMcity0000000000000000000000000002')).expect(200);
    heard.push(start.text);
    expect(twimlMessages(start.text)).toEqual(['You will get texts from Springfield 311 again. Text HELP for help, STOP to opt out.']);
  });

  it('the call greeting says the city', async () => {
    const res = await signed('/channels/voice', {
      AccountSid: 'AC00000000000000000000000000000000',
      CallSid: 'CAcity00000000000000000000000001',
      From: '+12175550142',
      To: '+12175550311',
      CallStatus: 'ringing',
      Direction: 'inbound',
    }).expect(200);
    heard.push(res.text);
    expect(res.text).toContain('Thank you for calling Springfield 3 1 1.');
  });

  it('the home page, a case page, the Atom feed and Open311 discovery name the city; pages give the number to call', async () => {
    const { case: c } = await ctx.intake.submit({
      channel: 'sms',
      providerMessageId: 'SM-city-1',
      reporter: { address: '+12175550143' },
      text: 'graffiti on the library wall',
      media: [],
      raw: {},
    });
    const home = (await request(app).get('/?lang=en').expect(200)).text;
    expect(home).toContain('<title>Springfield 311: service requests</title>');
    expect(home).toContain(`call ${PHONE}`);
    const homeEs = (await request(app).get('/?lang=es').expect(200)).text;
    expect(homeEs).toContain('<title>Springfield 311: solicitudes de servicio</title>');
    expect(homeEs).toContain(`llame al ${PHONE}`);
    const page = (await request(app).get(`/cases/${c.service_request_id}`).expect(200)).text;
    expect(page).toMatch(/<title>[^<]*Springfield 311[^<]*<\/title>/);
    expect(page).toContain(`call ${PHONE}`);
    const feed = (await request(app).get('/feed.atom').expect(200)).text;
    expect(feed).toContain('<title>Springfield 311 reports: opened and closed</title>');
    expect(feed).toContain('<author><name>Springfield 311</name></author>');
    const discovery = await request(app).get('/open311/v2/discovery.json').expect(200);
    heard.push(home, homeEs, page, feed, discovery.text);
    expect(discovery.body.contact).toBe(`Springfield 311, phone ${PHONE}`);
  });

  // Runs last: everything the tests above received, searched for the bundled default city.
  it('nothing a resident got names Boston', () => {
    expect(heard.length).toBeGreaterThanOrEqual(7);
    expect(heard.filter((text) => /boston/i.test(text))).toEqual([]);
  });
});
