import { getCase } from '../../../src/storage/cases-repo';
import { getContact } from '../../../src/storage/contacts-repo';
import { listNotificationsForCase } from '../../../src/storage/notifications-repo';
import { listSubscriptions } from '../../../src/storage/subscriptions-repo';
import { type SmsHarness, startSmsHarness } from './sms-harness';

const PHOTO = { url: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1', contentType: 'image/jpeg' };

function trackingNumber(reply: string): number {
  const m = /#(\d{6,})/.exec(reply);
  if (!m) throw new Error(`no tracking number in "${reply}"`);
  return Number(m[1]);
}

describe('SMS conversation (webhook + TwiML, PostgreSQL)', () => {
  let h: SmsHarness;
  let phoneNo = 0;
  const phone = () => `+1617555${String(1000 + ++phoneNo)}`;

  beforeAll(async () => {
    h = await startSmsHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it('files a text naming the problem and the place in one exchange: the place read back, then the tracking number (English)', async () => {
    const me = phone();
    // The classifier is sure and the words name a place: only the place it understood is read back, once.
    expect(await h.text(me, 'big pothole outside 12 Elm St')).toEqual(['12 Elm St, Charlestown? Reply YES or send the right place.']);
    const [done] = await h.text(me, 'yes');
    expect(done).toMatch(/^Thanks! Your report \(Pothole\) is #\d{6,}/);
    const c = await getCase(h.db, trackingNumber(done));
    expect(c).toMatchObject({
      service_code: 'pothole',
      channel: 'sms',
      language: 'en',
      address: '12 Elm St, Charlestown 02129',
      location_kind: 'address',
      location_source: 'geocoded',
      neighborhood: 'Charlestown',
      description: 'big pothole outside 12 Elm St',
    });
    expect(c!.lat).toBeCloseTo(42.3772, 3);
    expect(c!.reporter.address).toBe(me);
    // The tracking number went inline: no separate "case opened" text is queued.
    expect((await listNotificationsForCase(h.db, c!.service_request_id)).filter((n) => n.kind === 'case_opened')).toEqual([]);
    expect((await listSubscriptions(h.db, c!.service_request_id)).map((s) => s.address)).toEqual([me]);
  });

  it('holds the whole conversation in Spanish when the resident writes in Spanish, and keeps the MMS photo', async () => {
    const me = phone();
    expect(await h.text(me, 'hay un bache enorme en la calle')).toEqual(['¿Es sobre: Bache? 1 = sí, 2 = otra cosa.']);
    expect((await h.text(me, 'si'))[0]).toMatch(/^¿Dónde es\?/);
    // Not the English test's 12 Elm St: that pothole is open, and this one would be linked to it.
    expect(await h.text(me, 'frente al 30 de Elm St')).toEqual([expect.stringMatching(/^¿.*Elm St.*\? Responda SÍ o envíe el lugar correcto\.$/)]);
    expect((await h.text(me, 'sí'))[0]).toMatch(/^Entendido\. Envíe una foto/);
    const [done] = await h.text(me, '', { media: [PHOTO] });
    expect(done).toMatch(/^¡Gracias! Reporte #\d+ \(Bache\)/);
    const c = await getCase(h.db, trackingNumber(done));
    expect(c!.language).toBe('es');
    expect(c!.media).toEqual([{ url: PHOTO.url, content_type: 'image/jpeg' }]);
    expect((await getContact(h.db, 'sms', me))?.language).toBe('es');
    expect((await listSubscriptions(h.db, c!.service_request_id))[0].language).toBe('es');
  });

  it('turns a complete report (what, where and a photo) into a case at once', async () => {
    // One question at most: the place it understood.
    const me = phone();
    expect(await h.text(me, 'graffiti on the wall at 45 Main St', { media: [PHOTO] })).toEqual([
      '45 Main St, Charlestown? Reply YES or send the right place.',
    ]);
    const [reply] = await h.text(me, 'YES');
    const c = await getCase(h.db, trackingNumber(reply));
    expect(c).toMatchObject({ service_code: 'graffiti', address: '45 Main St, Charlestown 02129' });
    expect(c!.media[0]).toEqual({ url: PHOTO.url, content_type: 'image/jpeg' });
  });

  it('offers a numbered choice with "other" when unsure, then asks where, accepting cross streets', async () => {
    const me = phone();
    const [choice] = await h.text(me, 'something is broken here');
    expect(choice).toMatch(/^Which fits best\? Reply with a number:\n1 .+\n2 .+\n3 .+\n4 Something else$/);
    const second = /\n2 (.+)\n/.exec(choice)![1];
    expect(await h.text(me, '2')).toEqual([expect.stringMatching(/^Where is it\?/)]);
    expect(await h.text(me, 'corner of Tremont and Boylston')).toEqual(['Tremont St & Boylston St, Downtown? Reply YES or send the right place.']);
    await h.text(me, 'yes');
    const [done] = await h.text(me, 'skip');
    const c = await getCase(h.db, trackingNumber(done));
    expect(h.ctx.catalog.name(c!.service_code, 'en')).toBe(second);
    expect(c).toMatchObject({ address: 'Tremont St & Boylston St, Downtown', location_kind: 'intersection' });
  });

  it('lists other categories when the resident says the suggestion is wrong, without the rejected one', async () => {
    const me = phone();
    await h.text(me, 'pothole, a really deep one');
    const [choice] = await h.text(me, '2');
    expect(choice).toMatch(/^Which fits best/);
    expect(choice).not.toMatch(/Pothole/);
    expect(await h.text(me, 'maybe')).toEqual([expect.stringMatching(/^Please reply with a number from 1 to 4/)]);
  });

  it('takes a shared map link as the location, with coordinates on the case', async () => {
    const me = phone();
    await h.text(me, 'streetlight out');
    await h.text(me, '1');
    // A pin is what the phone said: not read back, but it gets the address there.
    expect(await h.text(me, 'https://maps.google.com/?q=42.3601,-71.0589')).toEqual([expect.stringMatching(/photo/)]);
    const [done] = await h.text(me, '0');
    const c = await getCase(h.db, trackingNumber(done));
    expect([c!.lat, c!.lon]).toEqual([42.3601, -71.0589]);
    expect(c).toMatchObject({ location_source: 'gps', location_kind: 'point', neighborhood: expect.any(String) });
    expect(c!.address).toMatch(/\d+ .+/);
  });

  it('adds a photo sent right after the tracking number to that case', async () => {
    const me = phone();
    expect(await h.text(me, 'abandoned car at 7 Pine St')).toEqual([expect.stringMatching(/^7 Pine St, .*\? Reply YES/)]);
    const [done] = await h.text(me, 'yes');
    const id = trackingNumber(done);
    expect(await h.text(me, 'here it is', { media: [PHOTO] })).toEqual([`Photo added to report #${id}. Thank you!`]);
    expect((await getCase(h.db, id))!.media).toHaveLength(1);
    expect(await h.text(me, 'thanks')).toEqual([]);
  });

  it('starts over after 30 idle minutes, with a short note', async () => {
    const me = phone();
    await h.text(me, 'pothole at 9 Elm St');
    const age = () => h.db.query("UPDATE conversations SET updated_at = now() - interval '31 minutes' WHERE conversation_key = $1", [me]);
    await age();
    expect(await h.text(me, '1')).toEqual(['Your earlier report timed out. Please text the problem and where it is again.']);
    await h.text(me, 'pothole at 9 Elm St');
    await age();
    const replies = await h.text(me, 'graffiti on 45 Main St');
    expect(replies).toEqual([
      'Your earlier report timed out, so we started a new one.',
      '45 Main St, Charlestown? Reply YES or send the right place.',
    ]);
  });

  it('switches to Spanish on ESPAÑOL and re-asks the current question', async () => {
    const me = phone();
    await h.text(me, 'pothole, a deep one');
    expect(await h.text(me, ' Español ')).toEqual(['De acuerdo, seguimos en español.', '¿Es sobre: Bache? 1 = sí, 2 = otra cosa.']);
    expect((await getContact(h.db, 'sms', me))?.language).toBe('es');
    expect(await h.text(me, 'RESET')).toEqual(['De acuerdo, borramos ese reporte. Escriba otro cuando quiera.']);
  });
});
