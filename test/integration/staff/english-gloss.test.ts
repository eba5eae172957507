/**
 * A report in another language carries, for staff only, the English words its glossary matched: signed-in staff see
 * them under the resident's words, labelled as an automatic word-by-word gloss; the public page and Open311 do not.
 */
import request from 'supertest';
import { createToken } from '../../../src/storage/tokens-repo';
import { type StaffClient, type StaffHarness, startStaffHarness } from './staff-harness';

const LABEL = 'English key words (automatic, word by word, not a translation)';

/** The gloss paragraph of a staff case page, or undefined. */
const glossOf = (html: string) => /<p class="muted gloss" id="gloss-en">([\s\S]*?)<\/p>/.exec(html)?.[1];

describe('the English gloss of a report in another language', () => {
  let h: StaffHarness;
  let agent: StaffClient;
  let apiKey: string;
  beforeAll(async () => {
    h = await startStaffHarness();
    agent = await h.signIn(await h.account('agent'));
    apiKey = await createToken(h.db, 'test app', 'open311');
  });
  afterAll(() => h.stop());

  it('shows staff the English key words of a Vietnamese Open311 report, without the phone number in it', async () => {
    const description = 'Ổ gà rất sâu trước nhà 45 Tremont St, xe đạp té. Gọi tôi 617-555-0142';
    const res = await request(h.app)
      .post('/open311/v2/requests.json')
      .type('form')
      .send({ api_key: apiKey, service_code: 'pothole', address_string: '45 Tremont St', description })
      .expect(200);
    const id = res.body[0].service_request_id;

    const page = (await agent.agent.get(`/staff/cases/${id}`).expect(200)).text;
    const gloss = glossOf(page);
    expect(gloss).toBeDefined();
    expect(gloss).toContain(`<span>${LABEL}:</span>`);
    const words = /<span lang="en" dir="ltr">([^<]*)<\/span>/.exec(gloss!)?.[1];
    expect(words?.split(', ')).toEqual(expect.arrayContaining(['pothole', '45 Tremont St']));
    expect(words).not.toMatch(/555|0142/);
    // The resident's own words stay marked with their language, above the gloss.
    expect(page).toMatch(/<p lang="vi" dir="ltr">Ổ gà rất sâu/);
    expect(page.indexOf('<p lang="vi"')).toBeLessThan(page.indexOf('id="gloss-en"'));

    // Nothing of it reaches the public: not the case page, not Open311 (JSON or XML).
    for (const path of [`/cases/${id}`, `/open311/v2/requests/${id}.json`, `/open311/v2/requests/${id}.xml`, '/open311/v2/requests.json']) {
      const text = (await request(h.app).get(path).expect(200)).text;
      expect(text).toContain('Tremont St');
      expect(text).not.toContain(words!);
      expect(text).not.toContain('gloss');
      expect(text).not.toContain('English key words');
    }
  });

  it('shows one under a Haitian Creole SMS report', async () => {
    const id = await h.smsCase('Gen yon gwo twou nan lari a devan 80 Blue Hill Ave, limyè lari a pa limen tou');
    const words = /<span lang="en" dir="ltr">([^<]*)<\/span>/.exec(
      glossOf((await agent.agent.get(`/staff/cases/${id}`).expect(200)).text) ?? '',
    )?.[1];
    expect(words?.split(', ')).toEqual(expect.arrayContaining(['pothole', 'streetlight', '80 Blue Hill Ave']));
  });

  it("follows a call's words that were transcribed after the call was filed", async () => {
    const filed = await h.ctx.intake.submit({
      channel: 'voice',
      providerMessageId: `CA-gloss-${Date.now()}`,
      reporter: { phone: '+16175550177' },
      text: '',
      language: 'vi',
      media: [],
      raw: {},
    });
    const id = Number(filed.case.service_request_id);
    const before = (await agent.agent.get(`/staff/cases/${id}`).expect(200)).text;
    expect(glossOf(before)).toBeUndefined();
    await h.ctx.cases.amend(id, { description: 'Đèn đường trước nhà 9 Elm St không sáng, số tôi 617 555 0177' }, 'system:voice-transcription');
    const words = /<span lang="en" dir="ltr">([^<]*)<\/span>/.exec(
      glossOf((await agent.agent.get(`/staff/cases/${id}`).expect(200)).text) ?? '',
    )?.[1];
    expect(words?.split(', ')).toEqual(expect.arrayContaining(['streetlight', '9 Elm St']));
    expect(words).not.toMatch(/555|0177/);
  });

  it('shows none under an English report', async () => {
    const id = await h.smsCase('Deep pothole in front of 45 Tremont St, my bike fell in it');
    const page = (await agent.agent.get(`/staff/cases/${id}`).expect(200)).text;
    expect(page).toContain('Deep pothole in front of 45 Tremont St');
    expect(glossOf(page)).toBeUndefined();
    expect(page).not.toContain('English key words');
  });
});
