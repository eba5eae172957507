import { getCase } from '../../../src/storage/cases-repo';
import { listEvents } from '../../../src/storage/events-repo';
import { type SmsHarness, startSmsHarness } from './sms-harness';

const PHOTO = { url: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1', contentType: 'image/jpeg' };
const idIn = (reply: string) => Number(/#(\d{6,})/.exec(reply)![1]);
const count = async (h: SmsHarness, phone: string) =>
  (await h.db.query<{ n: number }>("SELECT count(*)::int AS n FROM cases WHERE reporter->>'address' = $1", [phone])).rows[0].n;

// What residents text once they have their tracking number: details, thanks, "status?", and new problems.
describe('SMS after the tracking number', () => {
  let h: SmsHarness;
  let n = 0;
  const phone = () => `+1617555${String(3000 + ++n)}`;
  beforeAll(async () => {
    h = await startSmsHarness();
  });
  afterAll(() => h.stop());

  // Each report at a place of its own: two potholes at one address would be one case (duplicate linking).
  const places = ['12 Elm St', '300 Newbury St', '500 Columbus Ave', '30 Bennington St', '200 Dudley St'];
  const report = async (me: string) => idIn((await h.textConfirmed(me, `big pothole outside ${places.shift()}`, { media: [PHOTO] }))[0]);

  it('adds a follow-up detail to the case instead of opening a second one', async () => {
    const me = phone();
    const id = await report(me);
    expect(await h.text(me, "it's right in front of the church")).toEqual([
      `Added to report #${id}. Thank you! To report something else, send the problem and where it is.`,
    ]);
    expect(await count(h, me)).toBe(1);
    const comment = (await listEvents(h.db, id)).find((e) => e.type === 'comment');
    expect(comment?.data.text).toBe("it's right in front of the church");
  });

  it('takes "ok thanks" as thanks: no answer, no report, and the next real report is its own case', async () => {
    const me = phone();
    const first = await report(me);
    expect(await h.text(me, 'ok thanks!')).toEqual([]);
    expect(await h.text(me, 'graffiti on the wall at 45 Main St')).toEqual([
      expect.stringMatching(/^45 Main St, .*\? Reply YES or send the right place\.$/),
    ]);
    const [done] = await h.text(me, 'yes');
    expect(idIn(done)).not.toBe(first);
    expect((await getCase(h.db, idIn(done)))!.service_code).toBe('graffiti');
  });

  it('starts a new report for another problem in another place', async () => {
    const me = phone();
    await report(me);
    expect(await h.text(me, 'also the streetlight is out at 30 Beacon St')).toEqual([
      expect.stringMatching(/^30 Beacon St, .*\? Reply YES or send the right place\.$/),
    ]);
    expect((await h.text(me, 'yes'))[0]).toMatch(/^Thanks! Your report \(Street light out\) is #\d{6,}/);
    expect(await count(h, me)).toBe(2);
  });

  it('answers a bare "status?" with the newest case, and says so when the phone has none', async () => {
    const me = phone();
    expect(await h.text(me, 'status?')).toEqual(['We have no reports from this phone yet. Text the problem and where it is to make one.']);
    const id = await report(me);
    expect(await h.text(me, 'Status?')).toEqual([`Report #${id} (Pothole): open.`]);
  });

  it('answers a thank-you with no report under way, and keeps no conversation', async () => {
    const me = phone();
    expect(await h.text(me, 'thank you so much')).toEqual(["You're welcome! Text STATUS for your latest report, or tell us about a new problem."]);
    const { rows } = await h.db.query('SELECT 1 FROM conversations WHERE conversation_key = $1', [me]);
    expect(rows).toHaveLength(0);
  });
});
