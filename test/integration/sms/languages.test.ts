import { smsChannel } from '../../../channels/sms';
import type { Stop } from '../../../src/channels/channel';
import { startOutbound } from '../../../src/outbound/start-outbound';
import { getCase } from '../../../src/storage/cases-repo';
import { getContact } from '../../../src/storage/contacts-repo';
import { listSubscriptions } from '../../../src/storage/subscriptions-repo';
import { smsSize } from '../../../vendors/twilio/segments';
import { POTHOLE_REPORTS, templateOf } from '../../support/locale-match';
import { locales } from '../../support/locales';
import { type SmsHarness, startSmsHarness } from './sms-harness';

/** A thank-you after the tracking number, in each language. */
const THANKS: Record<string, string> = {
  en: 'thanks!',
  es: 'muchas gracias',
  ht: 'mèsi anpil',
  pt: 'muito obrigado',
  'zh-Hans': '谢谢',
  'zh-Hant': '謝謝',
  vi: 'cảm ơn nhiều',
  ru: 'большое спасибо',
  ar: 'شكرا جزيلا',
  fr: 'merci beaucoup',
};

async function until<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * A whole report by text in every shipped language: the first message says which language it is; every answer is one
 * of that language's texts; the tracking number comes in it; and so does the closure alert, through the real outbox
 * and Twilio SDK against the fake.
 */
describe('SMS in every shipped language (webhook, outbox, fake Twilio)', () => {
  let h: SmsHarness;
  let stop: Stop;
  let n = 0;
  beforeAll(async () => {
    h = await startSmsHarness();
    stop = await startOutbound(h.ctx, [smsChannel]);
  });
  afterAll(async () => {
    await stop();
    await h.stop();
  });

  it.each(Object.keys(POTHOLE_REPORTS))('%s: a report from the first text to the tracking number and the closure alert', async (code) => {
    const me = `+1617555${String(7000 + ++n)}`;
    const yes = locales.meta(code).keywords.yes[0];
    const heard: string[] = [];
    let replies = await h.text(me, POTHOLE_REPORTS[code]);
    let created: string | undefined;
    for (let turn = 0; turn < 6 && !created; turn++) {
      expect(replies).toHaveLength(1);
      const [reply] = replies;
      heard.push(reply);
      const key = templateOf(locales, code, 'sms', reply);
      // Every answer is one of this language's own texts.
      if (!key) throw new Error(`${code}: "${reply}" is not one of its texts`);
      if (key === 'created') created = reply;
      else if (key === 'confirm' || key === 'choose') replies = await h.text(me, '1');
      else if (key === 'askLocation' || key === 'notAPlace') replies = await h.text(me, '12 Elm St');
      else if (key === 'confirmPlace') replies = await h.text(me, yes);
      else if (key === 'offerPhoto') replies = await h.text(me, '0');
      else throw new Error(`unexpected ${key}: ${reply}`);
    }
    expect(created).toBeDefined();
    for (const text of heard) expect(smsSize(text).segments).toBeLessThanOrEqual(2);
    const id = Number(/#(\d{6,})/.exec(created!)![1]);
    const c = await getCase(h.db, id);
    expect(c).toMatchObject({ language: code, address: '12 Elm St, Charlestown 02129' });
    expect(created).toBe(locales.text(code, 'sms.created', { id, category: h.ctx.catalog.name(c!.service_code, code) }));
    expect((await getContact(h.db, 'sms', me))?.language ?? null).toBe(code === 'en' ? null : code);
    expect((await listSubscriptions(h.db, id)).map((s) => s.language)).toEqual([code]);

    // A thank-you in the language is taken as one: no answer, and no second report.
    expect(await h.text(me, THANKS[code])).toEqual([]);
    const reports = await h.db.query<{ n: number }>("SELECT count(*)::int AS n FROM cases WHERE reporter->>'address' = $1", [me]);
    expect(reports.rows[0].n).toBe(1);

    await h.ctx.cases.update(id, { status: 'closed' }, 'staff:test');
    const alert = await until('the closure text', () => h.fake.messages.find((m) => m.to === me));
    expect(alert.body).toContain(locales.text(code, 'notify.closed', { id, service: h.ctx.catalog.name(c!.service_code, code) }));
    expect(smsSize(alert.body).segments).toBeLessThanOrEqual(2);
  });

  it('switches language whenever the resident sends a switch word, and re-asks the question in it', async () => {
    const me = '+16175557999';
    const [first] = await h.text(me, 'something is broken outside 30 Bennington St');
    expect(templateOf(locales, 'en', 'sms', first)).toBe('choose');
    const [set, again] = await h.text(me, 'kreyòl');
    expect(set).toBe('Dakò, n ap kontinye an kreyòl.');
    expect(templateOf(locales, 'ht', 'sms', again)).toBe('choose');
    const [viSet, viAgain] = await h.text(me, 'tiếng việt');
    expect(viSet).toBe('Được, chúng tôi sẽ tiếp tục bằng tiếng Việt.');
    expect(templateOf(locales, 'vi', 'sms', viAgain)).toBe('choose');
    expect((await getContact(h.db, 'sms', me))?.language).toBe('vi');
  });

  it("answers a language's own HELP word in it, and its own stop word stops texts (Twilio's STOP stays Twilio's)", async () => {
    const me = '+16175557998';
    const [help] = await h.text(me, 'èd');
    expect(help).toBe(locales.text('ht', 'sms.help', { city: 'Boston', phone: '311' }));
    expect(await h.text(me, 'sispann')).toEqual([locales.text('ht', 'sms.optedOut')]);
    expect((await getContact(h.db, 'sms', me))?.opted_out).toBe(true);
    expect(await h.text(me, 'gen yon twou devan kay mwen')).toEqual([]);
  });

  it('answers an emergency in its own language with "call 911" in it, and opens no case', async () => {
    for (const [i, [code, body]] of [
      ['ht', 'gen dife nan kay vwazen mwen an'],
      ['zh-Hans', '楼下着火了，很多烟'],
      ['ru', 'пожар в подъезде дома'],
    ].entries()) {
      const me = `+1617555799${i}`;
      expect(await h.text(me, body)).toEqual([locales.text(code, 'sms.emergency')]);
      const { rows } = await h.db.query<{ n: number }>("SELECT count(*)::int AS n FROM cases WHERE reporter->>'address' = $1", [me]);
      expect(rows[0].n).toBe(0);
    }
  });
});
