import { getCase } from '../../../src/storage/cases-repo';
import { type SmsHarness, startSmsHarness } from './sms-harness';

const PHOTO = { url: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1', contentType: 'image/jpeg' };
const idIn = (reply: string) => Number(/#(\d{6,})/.exec(reply)![1]);
const count = async (h: SmsHarness) => (await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases')).rows[0].n;

// Where the problem is: the place is found in the resident's words, read back once, and asked again only when
// what they sent is not a place.
describe('SMS: the place of a report', () => {
  let h: SmsHarness;
  let n = 0;
  const phone = () => `+1617555${String(3000 + ++n)}`;
  beforeAll(async () => {
    h = await startSmsHarness();
  });
  afterAll(() => h.stop());

  it('asks again when the answer is not a place, then takes the right one without reading it back twice', async () => {
    const me = phone();
    await h.text(me, 'streetlight out');
    expect(await h.text(me, '1')).toEqual([expect.stringMatching(/^Where is it\?/)]);
    expect(await h.text(me, 'idk')).toEqual([expect.stringMatching(/^Sorry, we could not find that place/)]);
    expect(await h.text(me, 'my house')).toEqual([expect.stringMatching(/^Sorry, we could not find that place/)]);
    expect(await h.text(me, '300 Newbury St')).toEqual(['300 Newbury St, Back Bay? Reply YES or send the right place.']);
    // Not YES but the right place: taken as given, and the next question is the photo, not the place again.
    expect(await h.text(me, 'no wait, 500 Columbus Ave')).toEqual([expect.stringMatching(/photo/)]);
    const [done] = await h.text(me, '0');
    expect(await getCase(h.db, idIn(done))).toMatchObject({ address: '500 Columbus Ave, South End 02118', neighborhood: 'South End' });
  });

  it('never asks where again when the first message named the place', async () => {
    const me = phone();
    expect(await h.text(me, 'something is broken outside 30 Bennington St')).toEqual([expect.stringMatching(/^Which fits best/)]);
    expect(await h.text(me, '1')).toEqual(['30 Bennington St, East Boston? Reply YES or send the right place.']);
    expect(await h.text(me, 'yes')).toEqual([expect.stringMatching(/photo/)]);
    const [done] = await h.text(me, '0');
    expect((await getCase(h.db, idIn(done)))!.neighborhood).toBe('East Boston');
  });

  it.each([
    ['the streetlight is out on East St, dark all week', 'East St'],
    ['someone dumped a mattress at Bliss and Broadway', 'Broadway'],
    ['graffiti all over the mailbox at 55 Broadway', '55 Broadway'],
  ])('never asks "where is it?" when the first text named the place: %s', async (first, place) => {
    const me = phone();
    const replies = [...(await h.text(me, first))];
    // Answer whatever is asked (the first choice, YES to the place, no photo) until the tracking number comes.
    for (let i = 0; i < 4 && !/#\d{6,}/.test(replies[replies.length - 1]); i++) {
      const last = replies[replies.length - 1];
      replies.push(...(await h.text(me, /Reply YES/.test(last) ? 'yes' : /photo/i.test(last) ? '0' : '1')));
    }
    expect(replies.some((r) => /Where is it\?/.test(r))).toBe(false);
    expect((await getCase(h.db, idIn(replies[replies.length - 1])))!.address).toContain(place);
  });

  it('says politely that a place outside the city is not ours, and makes no case (English and Spanish)', async () => {
    const before = await count(h);
    expect(await h.text(phone(), 'pothole here https://maps.google.com/?q=48.8584,2.2945', { media: [PHOTO] })).toEqual([
      'Sorry, that place is outside the city, so we cannot take this report here. Please contact the town it is in.',
    ]);
    const me = phone();
    await h.text(me, 'hay un bache enorme en la calle');
    await h.text(me, 'si');
    expect(await h.text(me, 'https://maps.google.com/?q=42.4184,-71.1062')).toEqual(['Ese lugar está fuera de la ciudad. Contacte a ese municipio.']);
    expect(await count(h)).toBe(before);
    // The refusal ends that report: nothing of it is kept.
    expect((await h.db.query('SELECT 1 FROM conversations WHERE conversation_key = $1', [me])).rowCount).toBe(0);
  });

  it('links two texts about the same address to one case', async () => {
    const [first] = await h.textConfirmed(phone(), 'huge pothole in front of 200 Dudley St', { media: [PHOTO] });
    const [second] = await h.textConfirmed(phone(), 'pothole at 200 dudley street', { media: [PHOTO] });
    expect(second).toMatch(new RegExp(`already reported as #${idIn(first)}`));
  });

  it('links two texts naming the same crossing in other words', async () => {
    const [first] = await h.textConfirmed(phone(), 'pothole at the corner of Tremont and Boylston', { media: [PHOTO] });
    const [second] = await h.textConfirmed(phone(), 'pothole Boylston St & Tremont St', { media: [PHOTO] });
    expect(second).toMatch(new RegExp(`already reported as #${idIn(first)}`));
  });
});
