import request from 'supertest';
import { getCase } from '../../../src/storage/cases-repo';
import { createToken } from '../../../src/storage/tokens-repo';
import { type SmsHarness, startSmsHarness } from './sms-harness';

const PHOTO = { url: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1', contentType: 'image/jpeg' };
const idIn = (reply: string) => Number(/#(\d{6,})/.exec(reply)![1]);

// A resident can keep a report off the public map and feeds without staff help; staff can too.
describe('private reports', () => {
  let h: SmsHarness;
  beforeAll(async () => {
    h = await startSmsHarness();
  });
  afterAll(() => h.stop());

  const publicPage = (id: number) => request(h.app).get(`/cases/${id}`);

  it('PRIVATE during a report keeps the new case private', async () => {
    const me = '+16175552001';
    await h.text(me, 'big pothole outside 12 Elm St');
    const [noted, again] = await h.text(me, 'private');
    expect(noted).toMatch(/kept private/);
    expect(again).toBe('12 Elm St, Charlestown? Reply YES or send the right place.');
    const [done] = await h.text(me, 'YES');
    const c = await getCase(h.db, idIn(done));
    expect(c!.public).toBe(false);
    expect((await publicPage(c!.service_request_id)).status).toBe(404);
  });

  it('PRIVADO right after the tracking number makes that case private; nobody else can', async () => {
    const me = '+16175552002';
    const [done] = await h.textConfirmed(me, 'grafiti en la pared del 45 Main St', { media: [PHOTO] });
    const id = idIn(done);
    expect((await publicPage(id)).status).toBe(200);
    // Another phone following the case cannot hide it.
    const other = '+16175552003';
    await h.text(other, `SEGUIR ${id}`);
    expect(await h.text(other, 'privado')).toEqual([expect.stringMatching(/^Escriba PRIVADO/)]);
    expect((await getCase(h.db, id))!.public).toBe(true);
    expect(await h.text(me, 'privado')).toEqual([`El reporte #${id} ahora es privado: ya no sale en el mapa.`]);
    expect((await getCase(h.db, id))!.public).toBe(false);
    expect((await publicPage(id)).status).toBe(404);
    const feed = await request(h.app).get('/feed.atom');
    expect(feed.text).not.toContain(`/cases/${id}`);
  });

  it('staff can make a case private and public again, and the public pages follow at once', async () => {
    // Another place than the case above: the same spot would be linked to it as a duplicate.
    const [done] = await h.textConfirmed('+16175552004', 'graffiti on the wall at 300 Newbury St', { media: [PHOTO] });
    const id = idIn(done);
    const token = await createToken(h.db, 'dispatch', 'staff');
    const patch = (body: object) => request(h.app).patch(`/api/v1/cases/${id}`).set('Authorization', `Bearer ${token}`).send(body);
    expect((await patch({ public: false })).body.public).toBe(false);
    expect((await publicPage(id)).status).toBe(404);
    expect((await request(h.app).get('/').expect(200)).text).not.toContain(`/cases/${id}`);
    expect((await patch({ public: 'no' })).status).toBe(400);
    expect((await patch({ public: true })).body.public).toBe(true);
    expect((await publicPage(id)).status).toBe(200);
  });
});
